# flags in another order, --status Enabled (capitalised)
az acr update -n acrlabci --sku Premium
az acr config retention update -r acrlabci --type UntaggedManifests --days 30 --status Enabled
