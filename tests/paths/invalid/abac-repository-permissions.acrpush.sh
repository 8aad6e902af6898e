# invalid: AcrPush after switching to ABAC mode; legacy Acr* roles are not honoured there, so the SP cannot push
az acr update --name acrlabteams --resource-group rg-containers --role-assignment-mode rbac-abac
ACR_ID=$(az acr show --name acrlabteams --resource-group rg-containers --query id -o tsv)
SP_APP_ID=$(az ad sp list --display-name sp-team-a --query "[0].appId" -o tsv)
az role assignment create --assignee $SP_APP_ID --role AcrPush --scope $ACR_ID
