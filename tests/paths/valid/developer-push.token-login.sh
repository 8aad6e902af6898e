# docker login with an access token instead of az acr login's docker integration
TOKEN=$(az acr login -n acrlabdev --expose-token --query accessToken -o tsv)
docker login acrlabdev.azurecr.io -u 00000000-0000-0000-0000-000000000000 --password-stdin <<< "$TOKEN"
docker pull hello-world:latest
docker tag hello-world:latest acrlabdev.azurecr.io/samples/hello-world:v1
docker push acrlabdev.azurecr.io/samples/hello-world:v1
