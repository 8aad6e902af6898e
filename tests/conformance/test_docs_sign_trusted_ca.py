"""'Sign container images by using Notation, Azure Key Vault, and a CA-issued certificate', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-sign-trusted-ca.md.
The page sends the learner elsewhere for the certificate itself ("Create a CA-issued certificate": a CSR from Key
Vault, signed by the CA vendor, merged with its entire chain): the lab does that with `az keyvault certificate
create` (issuer Unknown), `pending show --query csr`, `lab ca sign` (the world's CA standing in for the vendor,
engine/x509.py) and `pending merge`. `myregistry` is careg01 (Standard), `myakv` is cakv01. Findings the lab
reproduces as az and bash answer: `az role assignment create` keeps the last of several `--role` flags, so the
page's RBAC blocks grant Key Vault Crypto User only (and "Key Vault Certificates User" is not a built-in role: it is
Key Vault Certificate User); the page's `IMAGE=$REGISTRY/${REPO}@$TAG` is not a valid reference; `$ROOT_CERT` is
never set on the page; `<ca_bundle_file>` is a bash syntax error until replaced."""

from __future__ import annotations

from .docs import Page

PAGE = "container-registry-tutorial-sign-trusted-ca"
SUBJECT = "CN=wabbit-networks.io,O=Notation,L=Seattle,ST=WA,C=US"
POLICY = ('{"issuerParameters": {"name": "Unknown"}, "keyProperties": {"exportable": false, "keySize": 2048, '
          '"keyType": "RSA", "reuseKey": true}, "secretProperties": {"contentType": "application/x-pem-file"}, '
          f'"x509CertificateProperties": {{"ekus": ["1.3.6.1.5.5.7.3.3"], "keyUsage": ["digitalSignature"], '
          f'"subject": "{SUBJECT}", "validityInMonths": 12}}}}')
INSTALL = ("downloads the notation release with curl and copies the binary into /usr/local/bin; the lab's shell "
           "has notation 1.3.2 installed (`notation version`)")
CRYPTO_USER = "roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424"
KV_SCOPE = '--scope "/subscriptions/$AKV_SUB_ID/resourceGroups/$AKV_RG/providers/Microsoft.KeyVault/vaults/$AKV_NAME"'


def _ca_issued_certificate(lab) -> None:
    """The certificate the page presumes: a CSR from Key Vault, signed by the CA with its chain, merged."""
    lab.write_file("ca_policy.json", POLICY)
    assert lab.run("az keyvault certificate create -n wabbit-networks-io --vault-name cakv01 -p @ca_policy.json "
                   "--query status -o tsv").stdout.strip() == "inProgress"
    assert lab.run("az keyvault certificate pending show -n wabbit-networks-io --vault-name cakv01 --query csr "
                   "-o tsv > wabbit.csr && lab ca sign wabbit.csr --out wabbit-chain.pem").exit_code == 0
    r = lab.run("lab ca root --out root.pem && az keyvault certificate pending merge -n wabbit-networks-io "
                "--vault-name cakv01 --file root.pem")
    assert r.exit_code == 1 and "Public key from x509 certificate and key of this instance doesn't match" in r.stderr
    assert lab.run("az keyvault certificate pending merge -n wabbit-networks-io --vault-name cakv01 "
                   "--file wabbit-chain.pem -o none").exit_code == 0


def test_sign_trusted_ca(lab):
    assert lab.run("az group create -n carg -l eastus -o none\n"
                   "az acr create -n careg01 -g carg --sku Standard -o none\n"
                   "az keyvault create -n cakv01 -g carg -o none\n"
                   'az role assignment create --role "Key Vault Certificates Officer" --assignee '
                   "$(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n cakv01 --query id "
                   "-o tsv) -o none").exit_code == 0
    _ca_issued_certificate(lab)
    sub = lab.cloud.subscription.subscription_id
    page = Page(lab, PAGE, {"myAkvSubscriptionId": sub, "myAcrSubscriptionId": sub, "myAkvResourceGroup": "carg",
                            "myAcrResourceGroup": "carg", "AKV_NAME=myakv": "AKV_NAME=cakv01",
                            "ACR_NAME=myregistry": "ACR_NAME=careg01"})
    page.skip(0, INSTALL)
    page.run(1, contains="Successfully installed plugin azure-kv, version 1.2.1")
    page.run(2, contains="azure-kv")
    page.run(3)
    page.run(4)
    page.run(5, contains='"user": {')
    page.run(6)
    page.run(7, contains="roleDefinitions/2a1e307c-b015-4ebd-883e-5b7698a07328")  # the last --role: Writer
    page.run(8, contains="Login Succeeded")
    page.run(9)
    digest = lab.run("echo $DIGEST").stdout.strip()
    assert digest.startswith("sha256:")
    page.run(10)  # `@$TAG`: notation refuses the reference, so the digest form is set again
    r = lab.run("notation ls $IMAGE")
    assert r.exit_code == 1 and r.stderr.strip() == ('Error: invalid reference: invalid digest "v1": invalid '
                                                     "checksum digest format")
    page.run(9)  # a second build: a new image (its config records when it was built), so a new digest
    digest = lab.run("echo $DIGEST").stdout.strip()
    page.run(11)
    page.run(12, contains=CRYPTO_USER)  # three --role flags, the last one assigned
    page.run(13, contains=CRYPTO_USER)
    page.run(14)
    page.run(15, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    page.run(16, exit_code=1, contains="Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    page.run(17)
    assert lab.run("echo $KEY_ID").stdout.strip().startswith("https://cakv01.vault.azure.net/keys/wabbit-networks-io/")
    # the chain is read from the certificate's secret: Key Vault Secrets User is needed, and was never assigned
    page.run(18, exit_code=1, contains="Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'")
    r = lab.run(f'az role assignment create --role "Key Vault Certificates User" --assignee $USER_ID {KV_SCOPE}')
    assert r.exit_code != 0 and "Key Vault Certificates User" in r.stderr  # the built-in is "Certificate User"
    assert lab.run(f'az role assignment create --role "Key Vault Secrets User" --assignee $USER_ID {KV_SCOPE} '
                   "-o none").exit_code == 0
    signed = page.run(18).stdout.splitlines()
    assert signed[0] == f"Successfully signed careg01.azurecr.io/net-monitor@{digest}"
    page.run(19, exit_code=2, contains="syntax error near unexpected token `newline'")
    assert lab.run("lab ca bundle --out ca-bundle.pem").exit_code == 0
    page.subs["<ca_bundle_file>"] = "ca-bundle.pem"
    page.run(19, contains="Successfully signed")
    page.run(20, contains="Successfully signed")
    listed = page.run(21).stdout.splitlines()
    assert listed[:2] == [f"careg01.azurecr.io/net-monitor@{digest}", "└── application/vnd.cncf.notary.signature"]
    assert len(listed) == 5  # three signatures
    page.skip(22, "the output of the block above, as the page prints it")
    page.run(23, exit_code=1, contains="missing certificate path")  # $ROOT_CERT is never set on the page
    lab.run("ROOT_CERT=root.pem")
    page.run(23, contains="Successfully added following certificates to named store wabbit-networks.io of type ca")
    page.run(24, contains="root.pem")
    page.run(25)
    page.run(26, contains="Successfully imported OCI trust policy configuration")
    page.run(27, contains='"trustStores": [ "ca:wabbit-networks.io" ]')
    page.run(28, contains=f"Successfully verified signature for careg01.azurecr.io/net-monitor@{digest}")
    page.finish()


def test_a_chain_that_does_not_reach_the_root_needs_ca_certs(lab):
    """A certificate merged without its chain signs only with ca_certs; then the CA's root in the policy's trust
    store verifies the signature (notation-core-go VerifyAuthenticity: some certificate of the chain is trusted)."""
    assert lab.run("az group create -n carg -l eastus -o none\n"
                   "az acr create -n careg02 -g carg --sku Standard -o none\n"
                   "az acr import -n careg02 --source mcr.microsoft.com/hello-world:latest -t hello:v1 -o none\n"
                   "az keyvault create -n cakv02 -g carg -o none\n"
                   "ME=$(az ad signed-in-user show --query id -o tsv); KV=$(az keyvault show -n cakv02 --query id "
                   "-o tsv)\n"
                   'for role in "Key Vault Certificates Officer" "Key Vault Secrets User" "Key Vault Crypto User"; do '
                   'az role assignment create --role "$role" --assignee $ME --scope $KV -o none; done').exit_code == 0
    lab.write_file("ca_policy.json", POLICY)
    assert lab.run("az keyvault certificate create -n leafonly --vault-name cakv02 -p @ca_policy.json -o none && "
                   "az keyvault certificate pending show -n leafonly --vault-name cakv02 --query csr -o tsv > l.csr && "
                   "lab ca sign l.csr --out leaf.pem --leaf-only && az keyvault certificate pending merge -n leafonly "
                   "--vault-name cakv02 --file leaf.pem -o none").exit_code == 0
    lab.run("notation plugin install --url https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/"
            "notation-azure-kv_1.2.1_linux_amd64.tar.gz --sha256sum "
            "67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5")
    assert lab.run("az acr login -n careg02 && KEY_ID=$(az keyvault certificate show -n leafonly --vault-name cakv02 "
                   "--query kid -o tsv) && IMAGE=careg02.azurecr.io/hello@$(az acr repository show -n careg02 "
                   "--image hello:v1 --query digest -o tsv)").exit_code == 0
    r = lab.run("notation sign $IMAGE --id $KEY_ID --plugin azure-kv")
    assert r.exit_code == 1 and "certificate chain in Key Vault is incomplete" in r.stderr
    r = lab.run("notation sign $IMAGE --id $KEY_ID --plugin azure-kv --plugin-config ca_certs=missing.pem")
    assert r.exit_code == 1 and "no such file or directory" in r.stderr
    assert lab.run("lab ca bundle --out bundle.pem && notation sign $IMAGE --id $KEY_ID --plugin azure-kv "
                   "--plugin-config ca_certs=bundle.pem").exit_code == 0
    lab.write_file("tp.json", '{"version": "1.0", "trustPolicies": [{"name": "p", "registryScopes": ["*"], '
                              '"signatureVerification": {"level": "strict"}, "trustStores": ["ca:mine"], '
                              f'"trustedIdentities": ["x509.subject: {SUBJECT}"]}}]}}')
    assert lab.run("notation policy import tp.json && lab ca root --out root.pem && notation cert add -t ca "
                   "-s other root.pem").exit_code == 0
    assert "failed for all the signatures" in lab.run("notation verify $IMAGE").stderr  # no certificate in 'mine'
    assert lab.run("notation cert add -t ca -s mine root.pem").exit_code == 0
    assert "Successfully verified signature" in lab.run("notation verify $IMAGE").stdout


def test_import_a_ca_issued_certificate_with_its_key(lab):
    """The page's other way ("Import the certificate in Key Vault"): the vendor's PEM file with the private key and
    the entire chain is imported, then signs as the merged one does; a file without the key, or whose key is not
    the certificate's, is refused as Key Vault refuses it."""
    assert lab.run("az group create -n carg -l eastus -o none\n"
                   "az acr create -n careg03 -g carg --sku Standard -o none\n"
                   "az acr import -n careg03 --source mcr.microsoft.com/hello-world:latest -t hello:v1 -o none\n"
                   "az keyvault create -n cakv03 -g carg -o none\n"
                   "ME=$(az ad signed-in-user show --query id -o tsv); KV=$(az keyvault show -n cakv03 --query id "
                   "-o tsv)\n"
                   'for role in "Key Vault Certificates Officer" "Key Vault Secrets User" "Key Vault Crypto User"; do '
                   'az role assignment create --role "$role" --assignee $ME --scope $KV -o none; done').exit_code == 0
    assert lab.run(f'lab ca issue --subject "{SUBJECT}" --out vendor.pem && lab ca root --out root.pem'
                   ).exit_code == 0
    r = lab.run("az keyvault certificate import --vault-name cakv03 -n imported -f root.pem")
    assert r.exit_code == 1 and "Private key is not specified" in r.stderr
    lab.run(f'lab ca issue --subject "{SUBJECT}" --out other.pem')
    mixed = lab.read_file("other.pem").split("-----END PRIVATE KEY-----\n", 1)[0] + "-----END PRIVATE KEY-----\n" \
        + lab.read_file("vendor.pem").split("-----END PRIVATE KEY-----\n", 1)[1]
    lab.write_file("mixed.pem", mixed)
    r = lab.run("az keyvault certificate import --vault-name cakv03 -n imported -f mixed.pem")
    assert r.exit_code == 1 and "Public key from x509 certificate and key of this instance doesn't match" in r.stderr
    shown = lab.run("az keyvault certificate import --vault-name cakv03 -n imported -f vendor.pem").json()
    assert shown["policy"]["x509CertificateProperties"]["subject"] == SUBJECT
    lab.write_file("tp.json", '{"version": "1.0", "trustPolicies": [{"name": "p", "registryScopes": ["*"], '
                              '"signatureVerification": {"level": "strict"}, "trustStores": ["ca:vendor"], '
                              f'"trustedIdentities": ["x509.subject: {SUBJECT}"]}}]}}')
    lab.run("notation plugin install --url https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/"
            "notation-azure-kv_1.2.1_linux_amd64.tar.gz --sha256sum "
            "67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5")
    assert lab.run("az acr login -n careg03 -o none && IMAGE=careg03.azurecr.io/hello@$(az acr repository show "
                   "-n careg03 --image hello:v1 --query digest -o tsv) && notation sign $IMAGE --plugin azure-kv "
                   "--id $(az keyvault certificate show -n imported --vault-name cakv03 --query kid -o tsv) && "
                   "notation policy import tp.json && notation cert add -t ca -s vendor root.pem").exit_code == 0
    assert "Successfully verified signature" in lab.run("notation verify $IMAGE").stdout
