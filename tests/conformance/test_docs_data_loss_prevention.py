"""'Disable export of artifacts' (data loss prevention), in a fresh lab: `az resource update` on a registry by name
and type, with the generic `--set`.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/data-loss-prevention.md. `myregistry` is
dlpreg01 (Premium: export policy and private networking are Premium features) in myResourceGroup; a second
registry, dlpdest01, imports from it. The page's `--api-version 2021-06-01-preview` is accepted; the lab answers
with its one API version. Its ARM template fragments (with `[...]` elisions) are not command blocks."""

from __future__ import annotations

from .docs import Page


def test_data_loss_prevention(lab):
    assert lab.run("az group create -n myResourceGroup -l centralus -o none\n"
                   "az acr create -n dlpreg01 -g myResourceGroup --sku Premium -o none\n"
                   "az acr create -n dlpdest01 -g myResourceGroup --sku Premium -o none\n"
                   "az acr import -n dlpreg01 --source mcr.microsoft.com/hello-world:latest -t hello:v1 -o none"
                   ).exit_code == 0
    # export needs public network access off first: one --set alone is refused and changes nothing
    r = lab.run("az resource update -g myResourceGroup -n dlpreg01 --resource-type Microsoft.ContainerRegistry/"
                "registries --set properties.policies.exportPolicy.status=disabled")
    assert r.exit_code == 1 and "Export policy can be disabled only when public network access is disabled" in r.stderr
    assert lab.run("az acr show -n dlpreg01 --query publicNetworkAccess -o tsv").stdout.strip() == "Enabled"
    page = Page(lab, "data-loss-prevention", {"myregistry": "dlpreg01"})
    shown = page.run(1).json()
    assert shown["properties"]["policies"]["exportPolicy"] == {"status": "disabled"}
    assert shown["properties"]["publicNetworkAccess"] == "Disabled"
    assert (shown["identity"], shown["kind"], shown["managedBy"], shown["plan"]) == (None, None, None, None)
    assert lab.run("az acr show -n dlpreg01 --query policies.exportPolicy.status -o tsv").stdout.strip() == "disabled"
    r = lab.run("az acr import -n dlpdest01 --source dlpreg01.azurecr.io/hello:v1 -t hello:v1")
    assert r.exit_code == 1, r.output
    shown = page.run(4).json()
    assert shown["properties"]["policies"]["exportPolicy"] == {"status": "enabled"}
    assert lab.run("az acr import -n dlpdest01 --source dlpreg01.azurecr.io/hello:v1 -t hello:v1").exit_code == 0
    # the same request by id, and az's own errors for a path that does not exist
    r = lab.run("az resource update --ids $(az acr show -n dlpreg01 --query id -o tsv) --set properties.nope.x=1")
    assert r.exit_code == 1 and "Couldn't find 'nope' in 'properties'" in r.stderr
    r = lab.run("az resource show -n dlpreg01 --resource-type registries -g myResourceGroup")
    assert r.exit_code == 1 and "--namespace is required" in r.stderr
    shown = lab.run("az resource show --namespace Microsoft.ContainerRegistry --resource-type registries "
                    "-n dlpreg01 -g myResourceGroup").json()
    assert shown["resourceGroup"] == "myResourceGroup" and shown["sku"]["name"] == "Premium"
    page.finish()
