# role by GUID, --assignee-object-id, typed scope
SUB=$(az account show --query id -o tsv)
SCOPE=/subscriptions/$SUB/resourceGroups/rg-containers/providers/Microsoft.ContainerRegistry/registries/acrlabprod
KUBELET=$(az aks show -g rg-aks -n aks-prod --query identityProfile.kubeletidentity.objectId -o tsv)
az role assignment create --assignee-object-id $KUBELET --assignee-principal-type ServicePrincipal \
  --role 7f951dda-4ed3-4680-a7ca-43fe172d538d --scope $SCOPE
SP_OID=$(az ad sp list --display-name sp-ci --query "[0].id" -o tsv)
az role assignment create --assignee-object-id $SP_OID --assignee-principal-type ServicePrincipal \
  --role 8311e382-0749-4cb8-b61a-304f252e45ec --scope $SCOPE
