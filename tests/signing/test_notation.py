"""Notary Project signing as the docs run it: a Key Vault certificate, notation sign with the azure-kv plugin,
the signature stored as a referrer, notation verify against a trust store and policy; and what fails, with
notation's and Key Vault's texts.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-sign-build-push.md;
notaryproject/notation cmd/notation (sign.go, verify.go, list.go, cert/add.go, policy/import.go);
Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/manifest.py (list-referrers: {"references": [...]}).
"""

from __future__ import annotations

import pytest

SUBJECT = "CN=wabbit-networks.io,O=Notation,L=Seattle,ST=WA,C=US"
PLUGIN = ("notation plugin install --url https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/"
          "notation-azure-kv_1.2.1_linux_amd64.tar.gz --sha256sum "
          "67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5")
POLICY = ('{"issuerParameters": {"name": "Self"}, "keyProperties": {"keySize": 2048, "keyType": "RSA"}, '
          f'"x509CertificateProperties": {{"subject": "{SUBJECT}", "validityInMonths": 12}}}}')
TRUST = ('{"version": "1.0", "trustPolicies": [{"name": "wabbit", "registryScopes": ["signreg01.azurecr.io/net-monitor"],'
         ' "signatureVerification": {"level": "strict"}, "trustStores": ["ca:wabbit"], '
         f'"trustedIdentities": ["x509.subject: {SUBJECT}"]}}]}}')


@pytest.fixture
def signer(cli, lab, rg):
    cli("az acr create -n signreg01 -g rg-containers --sku Standard -o none")
    cli("az keyvault create -n signkv01 -g rg-containers -o none")
    cli("KV_ID=$(az keyvault show -n signkv01 --query id -o tsv); ME=$(az ad signed-in-user show --query id -o tsv)")
    cli('az role assignment create --role "Key Vault Certificates Officer" --assignee $ME --scope $KV_ID -o none')
    cli("az acr import -n signreg01 --source mcr.microsoft.com/azuredocs/aci-helloworld:latest -t net-monitor:v1")
    lab.write_file("policy.json", POLICY)
    lab.write_file("trustpolicy.json", TRUST)
    cli("az keyvault certificate create -n wabbit --vault-name signkv01 -p @policy.json -o none")
    cli("KEY_ID=$(az keyvault certificate show -n wabbit --vault-name signkv01 --query kid -o tsv)")
    cli("az acr login -n signreg01 && DIGEST=$(az acr repository show -n signreg01 --image net-monitor:v1 "
        "--query digest -o tsv) && IMAGE=signreg01.azurecr.io/net-monitor@$DIGEST")
    return lab


SIGN = "notation sign --signature-format cose --id $KEY_ID --plugin azure-kv --plugin-config self_signed=true $IMAGE"


def test_sign_list_verify_and_referrers(cli, signer):
    assert "Successfully installed plugin azure-kv, version 1.2.1" in cli(PLUGIN).stdout
    r = cli(SIGN, expect_exit=1)  # Owner of the subscription, but no Key Vault data role to sign
    assert "Error: generate-signature command failed: Caller is not authorized" in r.stderr
    assert "Action: 'Microsoft.KeyVault/vaults/keys/sign/action'" in r.stderr
    cli('az role assignment create --role "Key Vault Crypto User" --assignee $ME --scope $KV_ID -o none')
    out = cli(SIGN).stdout.splitlines()
    digest = cli("echo $DIGEST").stdout.strip()
    assert out[0] == f"Successfully signed signreg01.azurecr.io/net-monitor@{digest}"
    sig = out[1].rsplit("@", 1)[1]
    assert cli("notation ls $IMAGE").stdout.splitlines() == [
        f"signreg01.azurecr.io/net-monitor@{digest}", "└── application/vnd.cncf.notary.signature", f"    └── {sig}"]
    refs = cli("az acr manifest list-referrers -r signreg01 -n net-monitor:v1").json()["references"]
    assert [(x["digest"], x["artifactType"]) for x in refs] == [(sig, "application/vnd.cncf.notary.signature")]
    assert cli("az acr manifest list-referrers -r signreg01 -n net-monitor:v1 --artifact-type "
               "application/sbom").json() == {"references": []}
    # verification: no policy, then the policy but an empty trust store, then the certificate
    r = cli("notation verify $IMAGE", expect_exit=1)
    assert "trust policy is not present" in r.stderr
    cli("notation policy import trustpolicy.json")
    r = cli("notation verify $IMAGE", expect_exit=1)
    assert r.stderr.strip() == ("Error: signature verification failed for all the signatures associated with "
                                f"signreg01.azurecr.io/net-monitor@{digest}")
    cli("az keyvault certificate download --name wabbit --vault-name signkv01 --file wabbit.pem")
    assert "Successfully added following certificates to named store wabbit of type ca:" in cli(
        "notation cert add --type ca --store wabbit wabbit.pem").stdout
    assert cli("notation verify $IMAGE").stdout.strip() == \
        f"Successfully verified signature for signreg01.azurecr.io/net-monitor@{digest}"
    # the signature expires with its certificate (12 months): strict verification then fails
    signer.advance("400d")
    cli("az acr login -n signreg01")
    assert "failed for all the signatures" in cli("notation verify $IMAGE", expect_exit=1).stderr
    # deleting the image deletes its signature with it (az acr manifest delete asks about referrers)
    cli("az acr repository delete -n signreg01 --image net-monitor:v1 --yes")
    cli("az acr repository list -n signreg01", checks={"@": []})


def test_what_signing_needs(cli, signer):
    cli('az role assignment create --role "Key Vault Crypto User" --assignee $ME --scope $KV_ID -o none')
    r = cli(SIGN, expect_exit=1)
    assert "plugin executable file is either not found" in r.stderr
    cli(PLUGIN)
    r = cli(SIGN.replace("self_signed=true", "self_signed=false"), expect_exit=1)  # the chain comes from the secret
    assert "describe-key command failed" in r.stderr and "secrets/getSecret/action" in r.stderr
    r = cli("notation sign --id $KEY_ID --plugin azure-kv --plugin-config self_signed=true "
            "signreg01.azurecr.io/net-monitor:v1")
    assert r.stderr.startswith("Warning: Always sign the artifact using digest(@sha256:...) rather than a tag(:v1)")
    r = cli("notation sign --id $KEY_ID --plugin azure-kv --plugin-config self_signed=true "
            "signreg01.azurecr.io/net-monitor:v9", expect_exit=1)
    assert "not found" in r.stderr
    assert 'signature format "xml" not supported' in cli(
        "notation sign --id $KEY_ID --plugin azure-kv --signature-format xml $IMAGE", expect_exit=1).stderr
    # a pipeline identity that may sign in Key Vault but only pull from the registry cannot store its signature
    cli("SP=$(az ad sp create-for-rbac --name sp-nopush --query appId -o tsv)")
    for role, scope in (("Key Vault Crypto User", "$KV_ID"), ("Key Vault Certificate User", "$KV_ID"),
                        ("AcrPull", "$(az acr show -n signreg01 --query id -o tsv)")):
        cli(f'az role assignment create --assignee $SP --role "{role}" --scope {scope} -o none')
    pipeline = signer.new_session(signer.cloud.tenant.find_principal("sp-nopush"))
    assert pipeline.run("az acr login -n signreg01")[0] == 0
    assert pipeline.run(PLUGIN)[0] == 0
    key_id = cli("echo $KEY_ID").stdout.strip()
    code, _, err = pipeline.run(f"notation sign --id {key_id} --plugin azure-kv --plugin-config self_signed=true "
                                "signreg01.azurecr.io/net-monitor:v1")
    assert code == 1 and "failed to push the signature" in err and "denied" in err


def test_policy_scope_and_skip(cli, signer):
    cli("notation policy import trustpolicy.json")
    signer.write_file("other.json", TRUST.replace("signreg01.azurecr.io/net-monitor", "signreg01.azurecr.io/other")
                      .replace('"strict"', '"skip"'))
    r = cli("notation policy import other.json", expect_exit=1)  # exists: notation asks first
    assert "already exists" in r.stderr
    cli("notation policy import other.json --force")
    r = cli("notation verify $IMAGE", expect_exit=1)
    assert "has no applicable trust policy" in r.stderr
    signer.write_file("skip.json", TRUST.replace('"strict"', '"skip"'))
    cli("notation policy import skip.json --force")
    assert "Trust policy is configured to skip signature verification" in cli("notation verify $IMAGE").stdout
