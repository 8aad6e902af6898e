# valid: the role JSON passed inline, assignable at the resource group only, assigned by the role's GUID
SUB=$(az account show --query id -o tsv)
az role definition create --role-definition "{\"Name\": \"Registry Auditor\", \"Description\": \"Audit\", \"Actions\": [\"Microsoft.ContainerRegistry/registries/pull/read\", \"Microsoft.ContainerRegistry/registries/read\"], \"NotActions\": [], \"AssignableScopes\": [\"/subscriptions/$SUB/resourceGroups/rg-containers\"]}" -o none
ROLE_ID=$(az role definition list --name "Registry Auditor" --scope /subscriptions/$SUB/resourceGroups/rg-containers --query "[0].name" -o tsv)
APP_ID=$(az ad sp list --display-name sp-audit --query "[0].appId" -o tsv)
az role assignment create --assignee $APP_ID --role $ROLE_ID --scope $(az acr show -n acrlabaudit --query id -o tsv)
