# a scheduled purge task, run once now
az acr task create -n purge-api -r acrlabci \
  --cmd "acr purge --filter 'api-gateway:.*' --untagged --ago 30d" \
  --schedule "0 1 * * Sun" --context /dev/null
az acr task run -n purge-api -r acrlabci
