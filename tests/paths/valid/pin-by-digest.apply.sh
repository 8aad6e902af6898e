# kubectl apply with the digest, digest from az acr manifest
DIGEST=$(az acr manifest show-metadata -r acrlabprod -n api:v2.0.0 --query digest -o tsv)
az aks get-credentials -g rg-aks -n aks-prod --overwrite-existing
cat > api.yaml <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: acrlabprod.azurecr.io/api@${DIGEST}
YAML
kubectl apply -f api.yaml
