Connect-AzContainerRegistry -Name acrlabdev | Out-Null
docker pull hello-world
docker tag hello-world acrlabdev.azurecr.io/samples/hello-world:v1
docker push acrlabdev.azurecr.io/samples/hello-world:v1
