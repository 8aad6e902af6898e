# tag@digest form, and kubectl set image with the container selected by "*"
az aks get-credentials -g rg-aks -n aks-prod
D=$(az acr repository show -n acrlabprod -t api:v2.0.0 --query digest -o tsv)
kubectl set image deployment api "*=acrlabprod.azurecr.io/api:v2.0.0@$D"
