# invalid: pinned to the tag, which a push can move
az aks get-credentials -g rg-aks -n aks-prod
kubectl set image deployment/api api=acrlabprod.azurecr.io/api:v2.0.0
