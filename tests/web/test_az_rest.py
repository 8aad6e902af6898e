"""az rest over the lab's web: relative ARM paths, {subscriptionId}, the automatic bearer token, --headers,
--uri-parameters, --body @file, --output-file, --query/-o, and az's error texts.

Sources: Azure/azure-cli src/azure-cli/azure/cli/command_modules/util/_params.py (--method/-m choices and default
get, --url/--uri/-u, --headers, --uri-parameters/--url-parameters, --skip-authorization-header, --body/-b,
--output-file, --resource), util/_help.py (the examples), src/azure-cli-core/azure/cli/core/util.py
send_raw_request (ARM prefix for a URL without '://', {subscriptionId} replacement, the token for
management.core.windows.net, "Can't derive appropriate Azure AD resource from --url ..." warning, Content-Type
application/json for a JSON body, the `reason(text)` error).
"""

from __future__ import annotations

import json

SETUP = """az group create -n rg -l eastus -o none
az acr create -n restreg -g rg --sku Basic -o none"""
REG = "/subscriptions/{subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/restreg"
API = "api-version=2025-04-01"


def test_get_patch_and_post_through_resource_manager(lab):
    r = lab.run(f'az rest --uri "{REG}?{API}" --query sku.name -o tsv')
    assert (r.exit_code, r.stdout) == (0, "Basic\n")
    lab.write_file("body.json", '{"properties": {"adminUserEnabled": true}}')
    r = lab.run(f'az rest -m patch -u "https://management.azure.com{REG}?{API}" -b @body.json '
                '--query properties.adminUserEnabled')
    assert r.stdout.strip() == "true"
    assert lab.run("az acr show -n restreg --query adminUserEnabled").stdout.strip() == "true"
    r = lab.run(f'az rest -m post -u "{REG}/listCredentials" --uri-parameters {API} --query username -o tsv')
    assert r.stdout == "restreg\n"
    r = lab.run(f'az rest -u "{REG}?{API}" --output-file reg.json && jq -r .name reg.json')
    assert r.stdout == "restreg\n"
    r = lab.run('az rest -u "/subscriptions/{subscriptionId}/resourcegroups/rg?api-version=2021-04-01" --query name')
    assert r.stdout.strip() == '"rg"'  # a type the template providers serve answers too


def test_errors_are_azs_reason_and_body(lab):
    r = lab.run('az rest -u "/subscriptions/{subscriptionId}/resourceGroups/nope/providers/'
                f'Microsoft.ContainerRegistry/registries/x?{API}"')
    assert r.exit_code == 1
    assert r.stderr.startswith('ERROR: Not Found({"error":{"code":"ResourceGroupNotFound"'), r.stderr
    r = lab.run(f'az rest -u "{REG}"')
    assert "Bad Request(" in r.stderr and "MissingApiVersionParameter" in r.stderr
    r = lab.run('az rest -u https://nohost.example/x')
    assert r.exit_code == 1 and "Failed to resolve 'nohost.example'" in r.stderr
    r = lab.run('az rest -m frob -u /x')
    assert r.exit_code == 2 and "'frob' is not a valid value for '--method'" in r.stderr


def test_other_hosts_get_no_token_and_a_warning(lab):
    r = lab.run("az rest -u https://restreg.azurecr.io/v2/")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0].startswith("WARNING: Can't derive appropriate Azure AD resource from --url")
    assert "Unauthorized(" in r.stderr and '"code":"UNAUTHORIZED"' in r.stderr


def test_headers_body_and_content_type_reach_the_server(lab, monkeypatch):
    seen = []
    from acrlab.engine import public_web, web

    def handle(cloud, req):
        seen.append(req)
        return web.respond(200, "plain text", "text/plain")

    monkeypatch.setattr(public_web, "handle", handle)
    url = "https://raw.githubusercontent.com/Azure/acr/master/docs/tasks/run-as-deployment/quickdockerbuild/" \
          "azuredeploy.json"
    r = lab.run(f"az rest -m put -u {url} --headers X-One=1 '{{\"X-Two\": \"2\"}}' -b '{{\"a\": 1}}' "
                "--skip-authorization-header")
    req = seen[-1]
    assert (req.method, req.headers["X-One"], req.headers["X-Two"]) == ("PUT", "1", "2")
    assert req.headers["Content-Type"] == "application/json" and json.loads(req.body) == {"a": 1}
    assert "Authorization" not in req.headers
    assert r.stdout == "plain text\n" and "Not a json response, outputting to stdout" in r.stderr
