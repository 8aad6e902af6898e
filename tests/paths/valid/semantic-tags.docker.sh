# docker pull, tag and push instead of az acr import
az acr login -n acrlabrel
docker pull acrlabrel.azurecr.io/api-gateway:build-117
for t in v1.2.3 sha-a1b2c3d latest; do
  docker tag acrlabrel.azurecr.io/api-gateway:build-117 acrlabrel.azurecr.io/api-gateway:$t
  docker push acrlabrel.azurecr.io/api-gateway:$t
done
