# invalid: AcrPull/AcrPush on the resource group, wider than the registry
RG_ID=$(az group show -n rg-containers --query id -o tsv)
az aks update -g rg-aks -n aks-prod --attach-acr acrlabprod
KUBELET=$(az aks show -g rg-aks -n aks-prod --query identityProfile.kubeletidentity.objectId -o tsv)
az role assignment create --assignee $KUBELET --role AcrPull --scope $RG_ID
SP=$(az ad sp list --display-name sp-ci --query "[0].appId" -o tsv)
az role assignment create --assignee $SP --role AcrPush --scope $RG_ID
