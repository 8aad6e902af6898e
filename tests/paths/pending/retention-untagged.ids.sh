ACR_ID=$(az acr show -n acrlabci --query id -o tsv)
az acr update --ids $ACR_ID --sku Premium
az acr config retention update -r acrlabci --type UntaggedManifests --days 30 --status Enabled
