# invalid: the group is created but AcrPush goes to each user directly
az ad group create --display-name acr-web-pushers --mail-nickname acr-web-pushers -o none
ACR_ID=$(az acr show -n acrlabteam --query id -o tsv)
for upn in ana@contoso.onmicrosoft.com ben@contoso.onmicrosoft.com; do
  az ad group member add -g acr-web-pushers --member-id $(az ad user show --id $upn --query id -o tsv)
  az role assignment create --assignee $upn --role AcrPush --scope $ACR_ID
done
