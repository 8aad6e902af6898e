# valid: members added by object id variables, assignment by --assignee-object-id with an explicit principal type
ANA=$(az ad user show --id ana@contoso.onmicrosoft.com --query id -o tsv)
BEN=$(az ad user show --id ben@contoso.onmicrosoft.com --query id -o tsv)
GID=$(az ad group create --display-name acr-web-pushers --mail-nickname acr-web-pushers --query id -o tsv)
az ad group member add --group $GID --member-id $BEN
az ad group member add --group $GID --member-id $ANA
az role assignment create --assignee-object-id $GID --assignee-principal-type Group --role AcrPush \
  --scope $(az acr show -n acrlabteam -g rg-containers --query id -o tsv)
