# list the kubelet's assignments and delete the broad ones by id, then add AcrPull by role GUID
KUBELET=$(az aks show -g rg-aks -n aks-shop --query identityProfile.kubeletidentity.objectId -o tsv)
ACR_ID=$(az acr show -n acrlabaks --query id -o tsv)
az role assignment create --assignee-object-id $KUBELET --assignee-principal-type ServicePrincipal --role 7f951dda-4ed3-4680-a7ca-43fe172d538d --scope $ACR_ID
for id in $(az role assignment list --assignee $KUBELET --all --query "[?roleDefinitionName!='AcrPull'].id" -o tsv); do
  az role assignment delete --ids $id
done
