# az acr manifest delete and repository delete in the opposite order, --yes as -y
az acr repository delete -n acrlabops --repository api-gateway-old -y
az acr manifest delete -r acrlabops -n api-gateway:v1.2.2 --yes
