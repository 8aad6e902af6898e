# no acr purge: list, filter by lastUpdateTime, delete by loop; then the untagged manifests
CUTOFF=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null)
for t in $(az acr repository show-tags -n acrlabci --repository api-gateway --orderby time_asc \
    --detail --query "[?lastUpdateTime < '$CUTOFF'].name" -o tsv); do
  az acr repository delete -n acrlabci --image api-gateway:$t --yes
done
for d in $(az acr manifest list-metadata -r acrlabci -n api-gateway --query "[?tags==null].digest" -o tsv); do
  az acr repository delete -n acrlabci --image api-gateway@$d --yes
done
