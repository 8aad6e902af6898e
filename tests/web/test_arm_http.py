"""Resource Manager over HTTP (https://management.azure.com/<id>?api-version=...): the bearer token from
`az account get-access-token` authenticates, the resource manager authorizes and answers with ARM's JSON.

Sources: Azure/azure-rest-api-specs specification/containerregistry (Registries_Get, Registries_Update PATCH,
Registries_ListCredentials POST .../listCredentials; api-version query); ARM's front-door errors as SDK issues quote
them (Azure/azure-sdk-for-python: InvalidAuthenticationTokenAudience with the allowed audiences list;
AuthenticationFailed "The 'Authorization' header is missing."; MissingApiVersionParameter).
"""

from __future__ import annotations

import json

SETUP = """az group create -n rg -l eastus -o none
az acr create -n armreg -g rg --sku Basic -o none
ID=$(az acr show -n armreg --query id -o tsv)
TOKEN=$(az account get-access-token --query accessToken -o tsv)"""
URL = "https://management.azure.com$ID?api-version=2025-04-01"


def test_get_patch_and_post_actions_reach_the_resource_manager(lab):
    r = lab.run(f'curl -s -H "Authorization: Bearer $TOKEN" "{URL}" | jq -r .sku.name')
    assert r.stdout == "Basic\n"
    r = lab.run(f'curl -s -X PATCH -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" '
                f'-d \'{{"properties": {{"adminUserEnabled": true}}}}\' "{URL}" | jq .properties.adminUserEnabled')
    assert r.stdout == "true\n"
    assert lab.run("az acr show -n armreg --query adminUserEnabled").stdout.strip() == "true"
    r = lab.run('curl -s -X POST -H "Authorization: Bearer $TOKEN" '
                '"https://management.azure.com$ID/listCredentials?api-version=2025-04-01" | jq -r .username')
    assert r.stdout == "armreg\n"


def test_the_front_door_refuses_with_arms_codes(lab):
    def error(line):
        r = lab.run(line + " -s -w ' %{http_code}'")
        body, status = r.stdout.rsplit(" ", 1)
        return int(status), json.loads(body)["error"]["code"]
    assert error(f'curl "{URL}"') == (401, "AuthenticationFailed")
    assert error('curl -H "Authorization: Bearer $TOKEN" "https://management.azure.com$ID"') == \
        (400, "MissingApiVersionParameter")
    assert error(f'curl -H "Authorization: Bearer forged" "{URL}"') == (401, "InvalidAuthenticationToken")
    lab.run("KV=$(az account get-access-token --resource https://vault.azure.net --query accessToken -o tsv)")
    assert error(f'curl -H "Authorization: Bearer $KV" "{URL}"') == (401, "InvalidAuthenticationTokenAudience")
    assert error(f'curl -X PUT -d "[1" -H "Authorization: Bearer $TOKEN" "{URL}"') == (400, "InvalidRequestContent")
    lab.advance("2h")
    assert error(f'curl -H "Authorization: Bearer $TOKEN" "{URL}"') == (401, "ExpiredAuthenticationToken")


def test_rbac_decides_for_the_token_holder(lab):
    lab.run("APP=$(az ad sp create-for-rbac -n viewer --query appId -o tsv) && "
            "az role assignment create --assignee $APP --role Reader --scope $ID -o none")
    viewer = lab.new_session(lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip()))
    code, out, err = viewer.run(f"""ID={lab.run('echo $ID').stdout.strip()}
T=$(az account get-access-token --query accessToken -o tsv)
curl -s -H "Authorization: Bearer $T" "{URL}" | jq -r .name
curl -s -X PATCH -d '{{"properties": {{"adminUserEnabled": true}}}}' -H "Authorization: Bearer $T" "{URL}" \\
  | jq -r .error.code""")
    assert out.split() == ["armreg", "AuthorizationFailed"], err
    assert lab.run("az acr show -n armreg --query adminUserEnabled").stdout.strip() == "false"
