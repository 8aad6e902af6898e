# role by GUID, --assignee-object-id, condition built in a variable as Microsoft's docs do (heredoc | tr -d '\n')
az acr update --name acrlabteams --resource-group rg-containers --role-assignment-mode 'rbac-abac'
condition=$(cat <<'COND' | tr -d '\n'
(
 (
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})
  AND
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/write'})
  AND
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})
  AND
  !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/write'})
 )
 OR
 (
  @Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team-a/'
 )
)
COND
)
echo "$condition"
scope=$(az acr show --name acrlabteams --resource-group rg-containers --query "id" -o tsv)
SP_OID=$(az ad sp list --display-name sp-team-a --query "[0].id" -o tsv)
az role assignment create \
  --role 2a1e307c-b015-4ebd-883e-5b7698a07328 \
  --scope "$scope" \
  --assignee-object-id "$SP_OID" --assignee-principal-type ServicePrincipal \
  --description "Push and pull under team-a/ only" \
  --condition "$condition" \
  --condition-version "2.0"
