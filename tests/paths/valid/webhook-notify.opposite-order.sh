# create fails at the Basic limit until the legacy webhook goes: delete it, then create (retry in a loop)
for attempt in 1 2; do
  if az acr webhook create -r acrlabhooks -n notifyci --uri https://ci.contoso.com/hooks/acr --actions push --scope "api-gateway:*" -o none; then
    break
  fi
  az acr webhook delete -r acrlabhooks -n legacyjenkins
done
