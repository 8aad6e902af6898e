$digest = (Get-AzContainerRegistryTag -RegistryName acrlabprod -RepositoryName api -Name v2.0.0).Attributes.Digest
Import-AzAksCredential -ResourceGroupName rg-aks -Name aks-prod -Force
kubectl set image deployment/api "api=acrlabprod.azurecr.io/api@$digest"
kubectl rollout status deployment/api
