"""The sample script of Azure/acr docs/AAD-OAuth.md, "Catalog listing using Admin Keys with Bearer Auth", runs as
written (its three variables filled in): it reads the scope from the challenge that `curl -vs` prints, trades the
admin user's Basic credentials for an access token at /oauth2/token and lists the catalog with it."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n docsreg -g rg --sku Basic --admin-enabled true -o none
az acr import -n docsreg --source mcr.microsoft.com/hello-world:latest -t hello-world:v1 -o none"""

SCRIPT = r'''registry="docsreg.azurecr.io"
user="docsreg"
password="$(az acr credential show -n docsreg --query passwords[0].value -o tsv)"

operation="/v2/_catalog"

challenge=$(curl -vs https://$registry$operation 2>&1 | grep "Www-Authenticate:")
echo "Challenge"
echo $challenge

scope=$(echo $challenge | egrep -o 'scope=\"([^\"]*)\"' | egrep -o '\"([^\"]*)\"' | sed -e 's/^"//' -e 's/"$//')
echo "Scope"
echo $scope

credentials=$(echo -n "$user:$password" | base64 -w 0)

acr_access_token=$(curl -s -H "Content-Type: application/x-www-form-urlencoded" -H "Authorization: Basic $credentials" "https://$registry/oauth2/token?service=$registry&scope=$scope" | jq '.access_token' | sed -e 's/^"//' -e 's/"$//')
echo "ACR Access Token"
echo $acr_access_token

catalog=$(curl -s -H "Authorization: Bearer $acr_access_token" https://$registry$operation)
echo "Catalog"
echo $catalog
'''


def test_the_admin_keys_bearer_sample_lists_the_catalog(lab):
    r = lab.run(SCRIPT)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1] == ('< Www-Authenticate: Bearer realm="https://docsreg.azurecr.io/oauth2/token",'
                        'service="docsreg.azurecr.io",scope="registry:catalog:*"')
    assert lines[3] == "registry:catalog:*"
    assert lines[5].startswith("eyJ") and lines[-2:] == ["Catalog", '{"repositories":["hello-world"]}']
