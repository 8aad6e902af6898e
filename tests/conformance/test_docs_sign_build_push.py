"""'Sign container images with Notation and Azure Key Vault by using a self-signed certificate', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-sign-build-push.md.
`myregistry` is signreg01 (Standard, not ABAC-enabled: an ABAC registry's ACR Tasks build pushes nothing without
`--source-acr-auth-id [caller]`, which the page's build lacks), `myakv` is signkv01, both in one resource group of
the lab's one subscription. Two findings the lab reproduces as az does: `az role assignment create` takes one
`--role` (given twice, argparse keeps the last), so the page's RBAC block grants only Key Vault Crypto User and
the certificate cannot be created until Key Vault Certificates Officer is assigned too; and today's
`az keyvault create` makes an Azure RBAC vault, so the legacy access-policy block is refused."""

from __future__ import annotations

from .docs import Page

PAGE = "container-registry-tutorial-sign-build-push"
SUBJECT = "CN=wabbit-networks.io,O=Notation,L=Seattle,ST=WA,C=US"
WRITER = "roleDefinitions/2a1e307c-b015-4ebd-883e-5b7698a07328"  # Container Registry Repository Writer
CRYPTO_USER = "roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424"  # Key Vault Crypto User
INSTALL = ("downloads the notation release with curl and copies the binary into /usr/local/bin; the lab's shell "
           "has notation 1.3.2 installed (`notation version`)")


def _subs(lab) -> dict[str, str]:
    sub = lab.cloud.subscription.subscription_id
    return {"myAkvSubscriptionId": sub, "myAcrSubscriptionId": sub, "myAkvResourceGroup": "signrg",
            "myAcrResourceGroup": "signrg", "AKV_NAME=myakv": "AKV_NAME=signkv01",
            "ACR_NAME=myregistry": "ACR_NAME=signreg01"}


def test_sign_build_push(lab):
    assert lab.run("az group create -n signrg -l eastus -o none\n"
                   "az acr create -n signreg01 -g signrg --sku Standard -o none\n"
                   "az keyvault create -n signkv01 -g signrg -o none").exit_code == 0
    page = Page(lab, PAGE, _subs(lab))
    page.skip(0, INSTALL)
    page.run(1, contains="Successfully installed plugin azure-kv, version 1.2.1")
    assert page.run(2).stdout.splitlines()[1].split()[:2] == ["azure-kv", "Notation"]
    page.run(3)
    page.run(4)
    assert lab.run("echo $IMAGE $IMAGE_SOURCE").stdout.split() == [
        "signreg01.azurecr.io/net-monitor:v1", "https://github.com/wabbit-networks/net-monitor.git#main"]
    page.run(5, contains='"user": {')
    page.run(6)
    page.run(7, contains=WRITER)
    page.run(8)
    # two --role flags: az keeps the last one, so only the Crypto User role is assigned
    page.run(9, contains=CRYPTO_USER)
    roles = lab.run("az role assignment list --scope $(az keyvault show -n signkv01 --query id -o tsv) "
                    "--query [].roleDefinitionName -o tsv").stdout.split("\n")
    assert "Key Vault Crypto User" in roles and "Key Vault Certificates Officer" not in roles
    page.run(10)
    page.run(11, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    page.run(12)
    page.run(13, exit_code=1, contains="Action: 'Microsoft.KeyVault/vaults/certificates/create/action'")
    assert lab.run('az role assignment create --role "Key Vault Certificates Officer" --assignee $USER_ID '
                   '--scope "/subscriptions/$AKV_SUB_ID/resourceGroups/$AKV_RG/providers/Microsoft.KeyVault/vaults/'
                   '$AKV_NAME" -o none').exit_code == 0
    created = page.run(13).json()
    assert created["policy"]["x509CertificateProperties"]["subject"] == SUBJECT
    page.run(14, contains="Login Succeeded")
    page.run(15)
    digest = lab.run("echo $DIGEST").stdout.strip()
    assert digest.startswith("sha256:") and lab.run("echo $IMAGE").stdout.strip() == \
        f"signreg01.azurecr.io/net-monitor@{digest}"
    page.run(17)
    assert lab.run("echo $KEY_ID").stdout.strip().startswith("https://signkv01.vault.azure.net/keys/wabbit-networks-io/")
    signed = page.run(18).stdout.splitlines()  # by digest first, as the page recommends
    assert signed[0] == f"Successfully signed signreg01.azurecr.io/net-monitor@{digest}"
    page.run(16)  # then the tag stands for the image, as the page allows
    again = page.run(19)  # a second signature, naming the Azure CLI credential; by tag: notation warns
    assert "Always sign the artifact using digest(@sha256:...)" in again.stderr
    listed = page.run(20).stdout.splitlines()
    assert listed[:2] == [f"signreg01.azurecr.io/net-monitor@{digest}", "└── application/vnd.cncf.notary.signature"]
    assert len(listed) == 4  # two signatures
    page.run(21)
    assert lab.run("head -1 wabbit-networks-io.pem").stdout.strip() == "-----BEGIN CERTIFICATE-----"
    page.run(22, contains="Successfully added following certificates to named store wabbit-networks.io of type ca")
    page.run(23, contains="wabbit-networks-io.pem")
    page.run(24)
    page.run(25, contains='"registryScopes": [ "signreg01.azurecr.io/net-monitor" ]')
    page.run(26, contains=f"Successfully verified signature for signreg01.azurecr.io/net-monitor@{digest}")
    # an image built again is not signed: verification fails until it is
    lab.run("az acr build -r signreg01 -t net-monitor:v1 $IMAGE_SOURCE --no-logs -o none")
    page.run(26, exit_code=1, contains="no signature is associated with")
    page.finish()
