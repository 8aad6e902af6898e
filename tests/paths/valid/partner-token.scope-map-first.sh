# explicit scope map, then the token, with metadata/read too
az acr scope-map create -r acrlabshared -n partner-app-pull --repository partner/app content/read metadata/read \
  --description "partner pull"
az acr token create -r acrlabshared -n partner-pull --scope-map partner-app-pull
