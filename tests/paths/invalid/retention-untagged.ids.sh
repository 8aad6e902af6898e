# invalid: az acr commands take no --ids (acr/_params.py declares no id_part), so `az acr update --ids` fails
# with "unrecognized arguments" in real az and the registry is never upgraded
ACR_ID=$(az acr show -n acrlabci --query id -o tsv)
az acr update --ids $ACR_ID --sku Premium
az acr config retention update -r acrlabci --type UntaggedManifests --days 30 --status Enabled
