az acr update -n acrlabglobal -g rg-containers --sku premium
az acr replication create -r acrlabglobal -g rg-containers -l "East US" -n eastus
