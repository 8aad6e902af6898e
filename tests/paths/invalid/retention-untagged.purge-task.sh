# invalid for this narrative: purge --ago counts from the manifest's last update, not from when it lost its tag
az acr task create -n purge-untagged -r acrlabci --cmd "acr purge --filter 'api-gateway:.*' --untagged --ago 30d" \
  --schedule "0 0 * * *" --context /dev/null
