# invalid: the custom role uses a wildcard over the registry (registries/*), which includes write and push
SUB=$(az account show --query id -o tsv)
cat > role.json <<EOT
{"Name": "Registry Auditor", "Description": "Audit", "Actions": ["Microsoft.ContainerRegistry/registries/*"], "NotActions": [], "AssignableScopes": ["/subscriptions/$SUB"]}
EOT
az role definition create --role-definition @role.json -o none
az role assignment create --assignee $(az ad sp list --display-name sp-audit --query "[0].appId" -o tsv) --role "Registry Auditor" --scope $(az acr show -n acrlabaudit --query id -o tsv)
