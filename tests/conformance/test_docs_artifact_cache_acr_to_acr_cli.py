"""'Enable artifact cache to cache artifacts from another Azure Container Registry' (managed identity), block by
block, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/artifact-cache-acr-to-acr-cli.md (blocks in
tests/conformance/docs_blocks/artifact-cache-acr-to-acr-cli.json). The page presumes a downstream registry
`MyRegistry` and an ABAC-enabled upstream registry `UpstreamRegistry` holding `myapp`; the test creates them (as
cachedownreg01 and upstreamreg01). The identity's Container Registry Repository Reader role is scoped to the
repository (`<upstream id>/repositories/myapp`), so it reads that repository and no other."""

from __future__ import annotations

import json

from .docs import Page

SETUP = """az group create -n MyResourceGroup -l eastus -o none
az acr create -n cachedownreg01 -g MyResourceGroup --sku Standard -o none
az acr create -n upstreamreg01 -g MyResourceGroup --sku Standard --role-assignment-mode rbac-abac -o none
az acr import -n upstreamreg01 --source mcr.microsoft.com/hello-world:latest --image myapp:latest -o none
az acr import -n upstreamreg01 --source docker.io/library/alpine:3.20 --image other:latest -o none
"""
SUBS = {"MyRegistry": "cachedownreg01", "myregistry.azurecr.io": "cachedownreg01.azurecr.io",
        "UpstreamRegistry": "upstreamreg01", "upstreamregistry.azurecr.io": "upstreamreg01.azurecr.io"}

BICEP_ELSEWHERE = ("the page's Bicep alternative, run in a fresh lab by test_artifact_cache_acr_to_acr_bicep (once the "
                   "CLI rule has cached myapp, ACR refuses a second rule for that repository)")


def test_artifact_cache_acr_to_acr_cli(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "artifact-cache-acr-to-acr-cli", SUBS)
    page.run(0, contains='"type": "Microsoft.ManagedIdentity/userAssignedIdentities"')
    page.run(1)
    page.run(2)
    page.run(3, contains="/repositories/myapp")
    r = page.run(4, contains='"sourceRepository": "upstreamreg01.azurecr.io/myapp"')
    assert "/userAssignedIdentities/MyACRCacheIdentity" in r.stdout
    page.run(5, contains='"targetRepository": "myapp"')
    assert lab.run("az acr login -n cachedownreg01 -o none").exit_code == 0
    page.run(9, contains="Status: Downloaded newer image for cachedownreg01.azurecr.io/myapp:latest")
    # the identity reads only the repository its role is scoped to
    assert lab.run("az acr cache create -r cachedownreg01 -n OtherRule -s upstreamreg01.azurecr.io/other -t other "
                   '--identity "$IDENTITY_RESOURCE_ID" -o none').exit_code == 0
    r = lab.run("docker pull cachedownreg01.azurecr.io/other:latest")
    assert r.exit_code == 1 and "authentication required with source registry for cache rule 'OtherRule'" in r.stderr
    for i in (7, 8):
        page.skip(i, BICEP_ELSEWHERE)
    page.subs["<cache-rule-name>"] = "MyRule"
    page.run(10, answer="y")
    page.run(11)
    page.run(12)
    assert "MyACRCacheIdentity" not in lab.run("az identity list -g MyResourceGroup --query [].name -o tsv").stdout
    page.finish()


def test_artifact_cache_acr_to_acr_bicep(lab):
    """The page's Bicep path: the identity is keyed by its id under userAssignedIdentities ('${managedIdentity.id}':
    {}, an interpolated property name), and the rule works once block 8 grants the identity its role."""
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "artifact-cache-acr-to-acr-cli", SUBS)
    lab.write_file("acr-cache.bicep", page.code(6))
    page.done[6] = "run"
    r = page.run(7, contains='"provisioningState": "Succeeded"')
    principal = json.loads(r.stdout)["properties"]["outputs"]["identityPrincipalId"]["value"]
    rule = json.loads(lab.run("az acr cache show -r cachedownreg01 -n cacheRule").stdout)
    assert rule["identity"]["type"].lower() == "userassigned" and rule["sourceRepository"] == "upstreamreg01.azurecr.io/myapp"
    identity = json.loads(lab.run("az identity show -n acrCacheIdentity -g MyResourceGroup").stdout)
    assert list(rule["identity"]["userAssignedIdentities"]) == [identity["id"]] and identity["principalId"] == principal
    assert lab.run("az acr login -n cachedownreg01 -o none").exit_code == 0
    r = lab.run("docker pull cachedownreg01.azurecr.io/myapp:latest")  # no role on the upstream yet
    assert r.exit_code == 1 and "authentication required with source registry for cache rule 'cacheRule'" in r.stderr
    page.subs["<identityPrincipalId>"] = principal
    page.run(8, contains="/repositories/myapp")
    page.run(9, contains="Status: Downloaded newer image for cachedownreg01.azurecr.io/myapp:latest")
    for i in (0, 1, 2, 3, 4, 5, 10, 11, 12):
        page.skip(i, "the page's CLI path, run by test_artifact_cache_acr_to_acr_cli")
    page.finish()
