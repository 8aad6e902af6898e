"""Artifact streaming rules in the engine (acrlab/engine/artifact_streaming.py), reached through az.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-artifact-streaming.md
(Premium only; repositories inactive by default; enabling converts newly pushed images, not existing ones; Windows
and ARM64 images unsupported; deleting an image deletes its streaming artifact) and troubleshoot-artifact-streaming.md
(the codes and messages of a failed conversion); Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/
artifact_streaming.py (requests, statuses, texts)."""

from __future__ import annotations

import pytest

from acrlab.engine import artifact_streaming as streaming
from acrlab.engine import oci

ST = "application/vnd.azure.artifact.streaming.v1"


@pytest.fixture
def reg(lab):
    r = lab.run("az group create -n rg -l westus -o none\naz acr create -n streamreg -g rg --sku Premium -o none\n"
                "az acr import -n streamreg --source docker.io/library/nginx:latest -t web:v1")
    assert r.exit_code == 0, r.output
    return "streamreg"


def _referrers(lab, image):
    r = lab.run(f"az acr manifest list-referrers -r streamreg -n {image} --query 'references[].artifactType'")
    assert r.exit_code == 0, r.output
    return r.json()


def test_conversion_runs_on_the_clock_and_leaves_a_referrer(lab, reg):
    r = lab.run("az acr artifact-streaming create -n streamreg -t web:v1 --no-wait")
    assert r.exit_code == 0 and r.json()["status"] == "Running", r.output
    assert _referrers(lab, "web:v1") == []
    op = lab.run("az acr artifact-streaming operation show -n streamreg -t web:v1").json()
    assert op["status"] == "Running" and op["progress"] == "0%" and op["resource"].startswith("web@sha256:")
    lab.advance("10m")
    op = lab.run("az acr artifact-streaming operation show -n streamreg -t web:v1").json()
    assert (op["status"], op["progress"]) == ("Succeeded", "100%")
    assert _referrers(lab, "web:v1") == [ST]
    # a streaming artifact cannot be converted again; deleting the image deletes its streaming artifact
    digest = lab.run("az acr manifest list-referrers -r streamreg -n web:v1 --query 'references[0].digest' -o tsv")
    r = lab.run(f"az acr artifact-streaming create -n streamreg -t web@{digest.stdout.strip()}")
    assert r.exit_code == 0 and r.json()["status"] == "Failed", r.output
    assert lab.run("az acr repository delete -n streamreg --image web:v1 -y").exit_code == 0
    assert lab.cloud.registries["streamreg"].store.repositories.get("web") is None


def test_failed_conversions_carry_the_troubleshooting_codes(lab, reg):
    lab.run("az acr import -n streamreg --source mcr.microsoft.com/windows/servercore:ltsc2022 -t win:ltsc2022")
    r = lab.run("az acr artifact-streaming create -n streamreg -t win:ltsc2022")
    assert r.exit_code == 0 and r.json()["status"] == "Failed", r.output
    op = lab.run("az acr artifact-streaming operation show -n streamreg -t win:ltsc2022").json()
    assert op["details"] == "Conversion isn't currently supported for any of the image platforms in the index."
    content = lab.cloud.registries["streamreg"].store.repositories["web"].manifests
    image = next(m.content for m in content.values() if not oci.is_index(m.content))
    arm = image.model_copy(update={"architecture": "arm64"})
    assert streaming._failure(arm) == "UNSUPPORTED_PLATFORM"
    assert streaming._failure(oci.make_index([arm], [oci.Platform(os="linux", architecture="arm64")])) == \
        "NO_SUPPORTED_PLATFORM_FOUND"
    assert streaming._failure(oci.make_artifact("application/vnd.cncf.notary.signature", [])) == "IMAGE_NOT_RUNNABLE"
    assert streaming._failure(image) is None


def test_auto_conversion_converts_new_pushes_only(lab, reg):
    lab.run("az acr import -n streamreg --source docker.io/library/alpine:latest -t web:old")
    assert lab.run("az acr artifact-streaming show -n streamreg --repository web").json()["convertPushedImages"] is False
    assert lab.run("az acr artifact-streaming update -n streamreg --repository web --enable-streaming true"
                   ).exit_code == 0
    lab.run("az acr import -n streamreg --source docker.io/library/busybox:latest -t web:new")
    lab.advance("10m")
    assert _referrers(lab, "web:new") == [ST]
    assert _referrers(lab, "web:old") == []
    r = lab.run("az acr artifact-streaming operation show -n streamreg -t web:old")
    assert r.exit_code == 1 and "No operation found for image 'web:old'" in r.stderr


def test_premium_only_and_permissions(lab, reg):
    lab.run("az acr create -n basicreg -g rg --sku Basic -o none\n"
            "az acr import -n basicreg --source docker.io/library/nginx:latest -t web:v1")
    r = lab.run("az acr artifact-streaming update -n basicreg --repository web --enable-streaming true")
    assert r.exit_code == 1 and "Premium" in r.stderr, r.output
    r = lab.run("az acr artifact-streaming operation cancel -n streamreg --repository web")
    assert r.exit_code == 1 and "Usage error: You need to provide either --repository MyRepo --id MyId" in r.stderr
    r = lab.run("az acr artifact-streaming create -n streamreg -t web:nope")
    assert r.exit_code == 1 and "Could not find image 'web:nope'." in r.stderr
    # AcrPull may read the settings but not change them
    rid = lab.run("az acr show -n streamreg --query id -o tsv").stdout.strip()
    sp = lab.run(f"az ad sp create-for-rbac -n puller --role AcrPull --scopes {rid}").json()
    r = lab.run(f"az acr artifact-streaming update -n streamreg --repository web --enable-streaming true "
                f"-u {sp['appId']} -p {sp['password']}")
    assert r.exit_code == 1, r.output
    assert lab.run("az acr artifact-streaming show -n streamreg --repository web").json()["convertPushedImages"] is False


def test_soft_deleted_image_keeps_only_the_original(lab, reg):
    # container-registry-artifact-streaming.md: with soft delete, deleting an image deletes both versions, and only
    # the original can be viewed or restored
    assert lab.run("az acr config soft-delete update -r streamreg --days 7 --status enabled --yes -o none\n"
                   "az acr artifact-streaming create -n streamreg -t web:v1 -o none").exit_code == 0
    assert _referrers(lab, "web:v1") == [ST]
    q = "az acr manifest list-referrers -r streamreg -n web:v1 --query 'references[0].digest' -o tsv"
    streaming_digest = lab.run(q).stdout.strip()
    original = lab.run("az acr manifest show-metadata -r streamreg -n web:v1 --query digest -o tsv").stdout.strip()
    assert lab.run("az acr repository delete -n streamreg --image web:v1 -y").exit_code == 0
    r = lab.run("az acr manifest list-deleted -r streamreg -n web --query '[].digest'")
    assert r.exit_code == 0 and original in r.json() and streaming_digest not in r.json(), r.output


def test_registries_encrypted_with_a_customer_managed_key_are_refused(lab):
    # container-registry-artifact-streaming.md: "CMK (Customer-Managed Keys) registries aren't currently supported"
    r = lab.run("""az group create -n rg -l westus -o none
az identity create -g rg -n cmkid -o none
az keyvault create -n cmkvault01 -g rg --enable-purge-protection -o none
VID=$(az keyvault show -n cmkvault01 --query id -o tsv)
az role assignment create --role "Key Vault Crypto Officer" --assignee $(az ad signed-in-user show --query id -o tsv) \\
  --scope $VID -o none
az role assignment create --role "Key Vault Crypto Service Encryption User" --assignee-principal-type ServicePrincipal \\
  --assignee-object-id $(az identity show -g rg -n cmkid --query principalId -o tsv) --scope $VID -o none
KID=$(az keyvault key create --vault-name cmkvault01 -n k1 --query key.kid -o tsv)
az acr create -n cmkreg01 -g rg --sku Premium --identity $(az identity show -g rg -n cmkid --query id -o tsv) \\
  --key-encryption-key $KID -o none
az acr import -n cmkreg01 --source docker.io/library/nginx:latest -t web:v1 -o none""")
    assert r.exit_code == 0, r.output
    r = lab.run("az acr artifact-streaming update -n cmkreg01 --repository web --enable-streaming true")
    assert r.exit_code == 1 and "customer-managed key" in r.stderr, r.output
    r = lab.run("az acr artifact-streaming create -n cmkreg01 -t web:v1")
    assert r.exit_code == 1 and "customer-managed key" in r.stderr, r.output
