# invalid: the docs' Reader condition reused for the Writer role; content/write and metadata/write are not
# listed in the condition, so they stay unconditional and the SP can push to team-b/ too
az acr update --name acrlabteams --resource-group rg-containers --role-assignment-mode rbac-abac
ACR_ID=$(az acr show --name acrlabteams --resource-group rg-containers --query id -o tsv)
SP_APP_ID=$(az ad sp list --display-name sp-team-a --query "[0].appId" -o tsv)
az role assignment create --assignee $SP_APP_ID --role "Container Registry Repository Writer" --scope $ACR_ID \
  --condition "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team-a/'))" \
  --condition-version "2.0"
