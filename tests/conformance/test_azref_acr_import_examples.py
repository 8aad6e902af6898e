"""The az reference's examples for `az acr import`, each run in a fresh lab after the set-up it presumes.

Source: MicrosoftDocs/azure-docs-cli docs-ref-autogen/Latest-version/latest/acr.yml (az acr import, examples; the
reference as of 2026-08). `sourceregistry` is a Premium registry in this subscription with a replica in westus and
regional endpoints on; `myprivateregistry` has its admin user on (the example's username and password); the
different-subscription example's registry lives in a second subscription of the tenant."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n myregistry01 -g rg --sku Premium -o none
az acr create -n sourceregistry -g rg --sku Premium -l eastus -o none
az acr replication create -r sourceregistry -l westus -o none
az acr update -n sourceregistry --regional-endpoints enabled -o none
az acr import -n sourceregistry --source mcr.microsoft.com/hello-world:latest -t sourcerepository:sourcetag
az acr create -n myprivateregistry -g rg --sku Basic --admin-enabled true -o none
az acr import -n myprivateregistry --source mcr.microsoft.com/hello-world:latest -t hello-world:latest
lab subscription add Other
az group create -n sourceResourceGroup -l eastus -o none --subscription Other
az acr create -n otherregistry01 -g sourceResourceGroup --sku Basic -o none --subscription Other
az acr import -n otherregistry01 --subscription Other --source mcr.microsoft.com/hello-world:latest \\
  -t sourcerepository:sourcetag"""


def tags(lab, repository: str) -> list[str]:
    r = lab.run(f"az acr repository show-tags -n myregistry01 --repository {repository} -o tsv")
    return r.stdout.split() if r.exit_code == 0 else []


def digest(lab, registry: str, image: str, subscription: str = "") -> str:
    return lab.run(f"az acr repository show -n {registry} --image {image} --query digest -o tsv {subscription}"
                   ).stdout.strip()


def test_az_acr_import_reference_examples(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    source_digest = digest(lab, "sourceregistry", "sourcerepository:sourcetag")
    # the image inherits its source repository and tag names
    assert lab.run("az acr import -n myregistry01 --source sourceregistry.azurecr.io/sourcerepository:sourcetag"
                   ).exit_code == 0
    assert tags(lab, "sourcerepository") == ["sourcetag"]
    assert digest(lab, "myregistry01", "sourcerepository:sourcetag") == source_digest
    # a public repository on Docker Hub, under the given names
    assert lab.run("az acr import -n myregistry01 --source docker.io/library/hello-world:latest "
                   "-t targetrepository:targettag").exit_code == 0
    assert tags(lab, "targetrepository") == ["targettag"]
    # a private registry with its username and password; a wrong password is refused and imports nothing
    pw = lab.run("az acr credential show -n myprivateregistry --query passwords[0].value -o tsv").stdout.strip()
    r = lab.run("az acr import -n myregistry01 --source myprivateregistry.azurecr.io/hello-world:latest "
                "-u myprivateregistry -p wrong-password -t refused:1")
    assert r.exit_code == 1 and "Authentication to the source registry myprivateregistry.azurecr.io failed" in r.stderr
    assert tags(lab, "refused") == []
    assert lab.run("az acr import -n myregistry01 --source myprivateregistry.azurecr.io/hello-world:latest "
                   f"-u myprivateregistry -p {pw}").exit_code == 0
    assert tags(lab, "hello-world") == ["latest"]
    # a registry in a different subscription, by its resource id
    other = lab.run("az acr show -n otherregistry01 --subscription Other --query id -o tsv").stdout.strip()
    assert lab.run(f"az acr import -n myregistry01 --source sourcerepository:sourcetag -t targetrepository:other "
                   f"-r {other}").exit_code == 0
    assert digest(lab, "myregistry01", "targetrepository:other") == digest(
        lab, "otherregistry01", "sourcerepository:sourcetag", "--subscription Other")
    # without waiting: az warns that failures will not be reflected; show-tags confirms the import
    r = lab.run("az acr import -n myregistry01 --source sourceregistry.azurecr.io/sourcerepository:sourcetag "
                "--no-wait -t nowait:1")
    assert r.exit_code == 0 and "Due to no-wait option, failures will not be reflected." in r.stderr
    assert tags(lab, "nowait") == ["1"]
    # a regional endpoint URI as the source: the same registry's content
    assert lab.run("az acr import -n myregistry01 --source "
                   "sourceregistry.eastus.geo.azurecr.io/sourcerepository:sourcetag -t regional:1").exit_code == 0
    assert digest(lab, "myregistry01", "regional:1") == source_digest
