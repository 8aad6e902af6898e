"""'Azure Container Registry custom roles', in a fresh lab: list the provider's operations (az and PowerShell), then
create the page's webhook role from its JSON and prove what it grants: the webhook requests, but `az acr webhook
create` also reads the registry first (azure-cli acr/_utils.py get_registry_by_name), so with az the role needs
registries/read too (here from Reader).

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-rbac-custom-roles.md.
The operations list is ACR's (MicrosoftDocs/azure-docs articles/role-based-access-control/permissions/containers.md);
the shape of `az provider operation show` is azure-cli's (src/azure-cli/azure/cli/command_modules/resource/tests/
latest/test_resource.py test_provider_operation: id, type, resourceTypes[].operations[].isDataAction)."""

from __future__ import annotations

import json

from .docs import Page

NS = "Microsoft.ContainerRegistry"


def test_rbac_custom_roles(lab):
    page = Page(lab, "container-registry-rbac-custom-roles")
    shown = page.run(0).json()
    assert (shown["id"], shown["type"]) == (f"/providers/Microsoft.Authorization/providerOperations/{NS}",
                                            "Microsoft.Authorization/providerOperations")
    types = {t["name"]: t["operations"] for t in shown["resourceTypes"]}
    assert [o["name"] for o in types["registries/webhooks"]][:3] == [
        f"{NS}/registries/webhooks/{verb}" for verb in ("read", "write", "delete")]
    assert [o["isDataAction"] for o in types["registries/repositories/content"]] == [True, True, True]
    assert f"{NS}/register/action" in [o["name"] for o in shown["operations"]]
    listed = page.run(1, shell="pwsh").stdout
    assert f"{NS}/registries/webhooks/ping/action" in listed and f"{NS}/registries/pull/read" in listed
    # the page's custom role, created and assigned: webhooks yes, anything else on the registry no
    assert lab.run("az group create -n roles-rg -l eastus -o none\n"
                   "az acr create -n rolesreg01 -g roles-rg --sku Standard -o none").exit_code == 0
    sub = lab.cloud.subscription.id
    role = json.loads(page.blocks[2]["code"].replace(
        "/subscriptions/<optional, but you can limit the visibility to one or more subscriptions>", sub))
    lab.write_file("webhook-role.json", json.dumps(role))
    created = lab.run("az role definition create --role-definition @webhook-role.json").json()
    assert created["roleName"] == "Container Registry Webhook Contributor" and created["roleType"] == "CustomRole"
    sp = lab.run("az ad sp create-for-rbac -n webhook-admin --role 'Container Registry Webhook Contributor' "
                 "--scopes $(az acr show -n rolesreg01 --query id -o tsv)").json()
    login = f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']} -o none"
    assert lab.run(login).exit_code == 0
    # the role is enough for the webhook requests, but az first reads the registry (get_registry_by_name)
    create = "az acr webhook create -r rolesreg01 -n hook1 --uri https://example.com/hook --actions push -o none"
    r = lab.run(create)
    assert r.exit_code == 1 and "'Microsoft.ContainerRegistry/registries/read'" in r.stderr, r.output
    assert lab.run("az login -o none && az role assignment create --role Reader --assignee "
                   f"{sp['appId']} --scope $(az acr show -n rolesreg01 --query id -o tsv) -o none && {login}"
                   ).exit_code == 0
    r = lab.run(create)
    assert r.exit_code == 0, r.output
    assert lab.run("az acr webhook list -r rolesreg01 --query [].name -o tsv").stdout.split() == ["hook1"]
    r = lab.run("az acr update -n rolesreg01 -g roles-rg --admin-enabled true")
    assert r.exit_code == 1 and "Microsoft.ContainerRegistry/registries/write" in r.stderr, r.output
    r = lab.run("az acr webhook ping -r rolesreg01 -n hook1")  # ping/action is not in the role
    assert r.exit_code == 1 and "webhooks/ping/action" in r.stderr, r.output
    page.finish()
