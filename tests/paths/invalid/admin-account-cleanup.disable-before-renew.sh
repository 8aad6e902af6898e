# disable first, then rotate both passwords (renew works with the admin user off), object id, typed scope
az acr update -n acrlablegacy --admin-enabled false
az acr credential renew -n acrlablegacy --password-name password2
az acr credential renew -n acrlablegacy --password-name password
SP=$(az ad sp list --display-name sp-build --query "[0].id" -o tsv)
az role assignment create --assignee-object-id $SP --assignee-principal-type ServicePrincipal --role AcrPush \
  --scope /subscriptions/$(az account show --query id -o tsv)/resourceGroups/rg-containers/providers/Microsoft.ContainerRegistry/registries/acrlablegacy
