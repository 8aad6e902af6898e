# invalid: az acr commands take no --ids (acr/_params.py declares no id_part), so `az acr update --ids` fails
# with "unrecognized arguments" in real az and the registry is never upgraded
# endpoint and DNS first, then close the public door; ids everywhere
ACR_ID=$(az acr show -n acrlabsecure --query id -o tsv)
az acr update --ids $ACR_ID --sku Premium
SUBNET_ID=$(az network vnet subnet show -g rg-networking --vnet-name vnet-production -n subnet-private-endpoints --query id -o tsv)
az network private-endpoint create -n pe-acr -g rg-networking --subnet $SUBNET_ID \
  --private-connection-resource-id $ACR_ID --group-ids registry --connection-name acr-conn
az network private-dns zone create -g rg-networking -n privatelink.azurecr.io
VNET_ID=$(az network vnet show -g rg-networking -n vnet-production --query id -o tsv)
az network private-dns link vnet create -g rg-networking -z privatelink.azurecr.io -n link-prod -v $VNET_ID -e false
az network private-endpoint dns-zone-group create -g rg-networking --endpoint-name pe-acr -n default \
  --private-dns-zone privatelink.azurecr.io --zone-name registry
az acr update --ids $ACR_ID --public-network-enabled false
