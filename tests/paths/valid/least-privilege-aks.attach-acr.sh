# the shortcut for the cluster, then the pipeline (opposite order)
ACR_ID=$(az acr show -n acrlabprod --query id -o tsv)
for sp in $(az ad sp list --display-name sp-ci --query "[].appId" -o tsv); do
  az role assignment create --assignee "$sp" --role AcrPush --scope "$ACR_ID"
done
az aks update -g rg-aks -n aks-prod --attach-acr acrlabprod
