"""Artifact Signing: Microsoft.CodeSigning accounts and certificate profiles through the resource manager, the
Certificate Profile Signer role, and notation's azure-artifactsigning plugin with timestamping; what each refuses.

Sources: azure-rest-api-specs specification/codesigning/CodeSigning.Management (models.tsp: SkuName Basic|Premium,
ProfileType, identityValidationId required; examples/2025-10-13 CodeSigningAccounts_Create.json,
CertificateProfiles_Get.json); Azure/artifact-signing-notation-plugin (Utilities/Validator.cs plugin config texts,
Constants/PluginConstants.cs); notaryproject/notation cmd/notation/sign.go (timestamp flags) and
internal/x509/cert.go (NewRootCertPool); MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-sign-verify-notation-artifact-signing.md (the plugin release and its checksum)."""

from __future__ import annotations

import pathlib

import pytest

from acrlab.engine import codesigning, codesigning_pki, public_web
from acrlab.engine.arm import send
from acrlab.engine.errors import ArmError
from acrlab.engine.roles import find_role

PLUGIN = ("notation plugin install --url https://github.com/Azure/artifact-signing-notation-plugin/releases/download/"
          "v1.0.0/notation-azure-artifactsigning_1.0.0_linux_amd64.tar.gz --sha256sum "
          "2f45891a14aa9c88c9bee3d11a887c1adbe9d2d24e50de4bc4b4fa3fe595292f")
SIGN = ("notation sign --signature-format cose --id prof --plugin azure-artifactsigning --plugin-config "
        "accountName=acct01 --plugin-config baseUrl=https://eus.codesigning.azure.net/ --plugin-config certProfile=prof")


def _account(lab, name: str = "acct01", location: str = "eastus", sku: str = "Basic"):
    sub = lab.cloud.subscription.subscription_id
    rid = f"/subscriptions/{sub}/resourceGroups/rg-containers/providers/Microsoft.CodeSigning/codeSigningAccounts/{name}"
    return rid, send(lab.cloud, lab.cloud.learner, "PUT", rid, {"location": location, "properties": {"sku": {"name": sku}}})


def _state(lab) -> dict:
    return {k: (v.profiles.copy(), v.sku) for k, v in codesigning.accounts(lab.cloud).items()}


def test_accounts_and_profiles_are_requests(lab, rg):
    rid, created = _account(lab)
    assert created.status == 201 and created.body["properties"] == {
        "accountUri": "https://eus.codesigning.azure.net/", "sku": {"name": "Basic"}, "provisioningState": "Succeeded"}
    before = _state(lab)
    for body, code in (({"location": "brazilsouth", "properties": {"sku": {"name": "Basic"}}},
                        "LocationNotAvailableForResourceType"),
                       ({"location": "eastus", "properties": {"sku": {"name": "Standard"}}}, "InvalidRequestContent")):
        with pytest.raises(ArmError) as e:
            send(lab.cloud, lab.cloud.learner, "PUT", rid.replace("acct01", "acct02"), body)
        assert e.value.code == code
    with pytest.raises(ArmError) as e:
        send(lab.cloud, lab.cloud.learner, "PUT", f"{rid}/certificateProfiles/p",
             {"properties": {"profileType": "PublicTrust", "identityValidationId": "00000000-0000-0000-0000-000000000000"}})
    assert e.value.code == "BadRequest" and "identity validation" in e.value.message.lower()
    assert _state(lab) == before  # a refused request changes nothing
    account = codesigning.find_account(lab.cloud, "rg-containers", "acct01")
    private = codesigning.validate_identity(lab.cloud, account, "Contoso", "Redmond", "WA", "US", trust="Private")
    with pytest.raises(ArmError) as e:
        send(lab.cloud, lab.cloud.learner, "PUT", f"{rid}/certificateProfiles/p",
             {"properties": {"profileType": "PublicTrust", "identityValidationId": private.id}})
    assert "Private Trust" in e.value.message
    made = send(lab.cloud, lab.cloud.learner, "PUT", f"{rid}/certificateProfiles/p",
                {"properties": {"profileType": "PrivateTrust", "identityValidationId": private.id, "includeState": True,
                                "includeCountry": True}})
    assert made.status == 201 and made.body["properties"]["status"] == "Active"
    assert codesigning.profile_subject(lab.cloud, account.profiles["p"]) == "CN=Contoso, O=Contoso, S=WA, C=US"
    shown = lab.run(f"az resource show --ids {rid}/certificateProfiles/p --query properties.profileType -o tsv")
    assert shown.stdout.strip() == "PrivateTrust"


def test_the_signer_role_is_built_in():
    role = find_role("Artifact Signing Certificate Profile Signer")
    assert role is not None and role.guid == "2837e146-70d7-4cfd-ad55-7efa6464f958"
    assert find_role("Trusted Signing Certificate Profile Signer") is None  # renamed with the service


def test_the_public_web_serves_the_lab_roots():
    served = codesigning_pki.served()
    for url, pem in served.items():
        assert public_web.fetch(url) == pem  # the checked-in files are what codesigning_pki makes
    assert all("acrlab simulated" in c.subject for c in (codesigning_pki.signing_root(), codesigning_pki.tsa_root()))
    assert pathlib.Path(public_web.__file__).parent.joinpath("lab-identity-verification-root-ca-2020.crt").exists()


@pytest.fixture
def signing_lab(lab, cli, rg):
    cli("az acr create -n asreg02 -g rg-containers --sku Standard -o none")
    cli("az acr import -n asreg02 --source mcr.microsoft.com/hello-world:latest -t app:v1 -o none")
    rid, _ = _account(lab)
    account = codesigning.find_account(lab.cloud, "rg-containers", "acct01")
    iv = codesigning.validate_identity(lab.cloud, account, "Contoso", "Redmond", "WA", "US")
    send(lab.cloud, lab.cloud.learner, "PUT", f"{rid}/certificateProfiles/prof",
         {"properties": {"profileType": "PublicTrust", "identityValidationId": iv.id}})
    cli("az acr login -n asreg02 -o none")
    cli(f'az role assignment create --role "Artifact Signing Certificate Profile Signer" --assignee '
        f'$(az ad signed-in-user show --query id -o tsv) --scope {rid} -o none')  # at the account: reaches profiles
    cli("curl -s -o tsa.crt " + codesigning_pki.TSA_ROOT_URL)
    cli("IMAGE=asreg02.azurecr.io/app@$(az acr repository show -n asreg02 --image app:v1 --query digest -o tsv)")
    return lab


def test_sign_refusals(signing_lab):
    lab = signing_lab
    r = lab.run(f"{SIGN} $IMAGE")
    assert r.exit_code == 1 and "plugin executable file is either not found" in r.stderr
    assert lab.run(PLUGIN).exit_code == 0
    cases = {
        SIGN.replace("--plugin-config accountName=acct01 ", "") + " $IMAGE":
            "describe-key command failed: accountName property is missing from pluginConfig",
        SIGN.replace("https://eus.codesigning.azure.net/", "eus") + " $IMAGE":
            "describe-key command failed: provided baseUrl is not a valid URL",
        SIGN.replace("https://eus.", "https://weu.") + " $IMAGE": "Status: 404 (Not Found)",
        SIGN + " --timestamp-url http://timestamp.acs.microsoft.com/ $IMAGE":
            "missing [timestamp-root-cert]",
        SIGN + " --timestamp-url http://tsa.example.com --timestamp-root-cert tsa.crt $IMAGE":
            "lookup tsa.example.com: no such host",
        SIGN + " --timestamp-url http://timestamp.acs.microsoft.com/ --timestamp-root-cert nope.crt $IMAGE":
            "no such file or directory",
    }
    for command, text in cases.items():
        r = lab.run(command)
        assert r.exit_code == 1 and text in r.stderr, (command, r.stderr)
    lab.run("lab ca root --out other-root.pem")
    r = lab.run(f"{SIGN} --timestamp-url http://timestamp.acs.microsoft.com/ --timestamp-root-cert other-root.pem $IMAGE")
    assert r.exit_code == 1 and "timestamp: failed to verify signed token" in r.stderr
    assert lab.run("notation ls $IMAGE").stdout.strip().endswith("has no associated signatures")
    r = lab.run(f"{SIGN} --timestamp-url http://timestamp.acs.microsoft.com/ --timestamp-root-cert tsa.crt $IMAGE")
    assert r.exit_code == 0 and "Successfully signed" in r.stdout


def test_without_a_timestamp_the_signature_dies_with_its_certificate(signing_lab):
    lab = signing_lab
    lab.run(PLUGIN)
    assert lab.run(f"{SIGN} $IMAGE").exit_code == 0  # no --timestamp-url: no countersignature
    lab.run("curl -s -o root.crt " + codesigning_pki.SIGNING_ROOT_URL.replace(" ", "%20"))
    lab.run("notation cert add -t ca -s as root.crt && notation cert add -t tsa -s tsa tsa.crt")
    policy = ('{"version": "1.0", "trustPolicies": [{"name": "p", "registryScopes": ["*"], "signatureVerification": '
              '{"level": "strict"}, "trustStores": [STORES], "trustedIdentities": ["x509.subject: CN=Contoso, '
              'O=Contoso, L=Redmond, ST=WA, C=US"]}]}')
    lab.write_file("with-tsa.json", policy.replace("STORES", '"ca:as", "tsa:tsa"'))
    lab.write_file("ca-only.json", policy.replace("STORES", '"ca:as"'))
    r = lab.run("notation policy import with-tsa.json && notation verify $IMAGE")
    assert r.exit_code == 1  # a tsa store in the policy: the timestamp countersignature must be there
    assert "Successfully verified" in lab.run("notation policy import --force ca-only.json && "
                                              "notation verify $IMAGE").stdout  # S= is read as ST=
    lab.advance("3d1h")
    r = lab.run("az acr login -n asreg02 -o none && notation verify $IMAGE")
    assert r.exit_code == 1 and "signature verification failed for all the signatures" in r.stderr


def test_the_artifact_signing_extension(lab, rg):
    """Azure/azure-cli-extensions src/artifact-signing/azext_artifact_signing/tests/latest/test_artifact_signing.py
    (test_artifact_signing_account, live only upstream), translated: the identity validations it names exist in the
    lab only once the portal step is recorded."""
    r = lab.run("az artifact-signing create -g rg-containers -n acc-cli-01 -l eastus --sku Premium "
                "--tags type=cli op=create")
    assert "The command requires the extension artifact-signing. It will be installed first." in r.stderr
    created = r.json()
    assert (created["name"], created["resourceGroup"], created["location"], created["sku"]["name"],
            created["tags"], created["provisioningState"]) == (
        "acc-cli-01", "rg-containers", "eastus", "Premium", {"type": "cli", "op": "create"}, "Succeeded")
    updated = lab.run("az artifact-signing update -g rg-containers -n acc-cli-01 --sku Basic "
                      "--tags type=cli op=update").json()
    assert (updated["sku"]["name"], updated["tags"]["op"], updated["location"]) == ("Basic", "update", "eastus")
    shown = lab.run("az artifact-signing show -g rg-containers -n acc-cli-01").json()
    assert (shown["sku"]["name"], shown["tags"]["op"]) == ("Basic", "update")
    account = codesigning.find_account(lab.cloud, "rg-containers", "acc-cli-01")
    public = codesigning.validate_identity(lab.cloud, account, "Contoso", "Redmond", "WA", "US")
    private = codesigning.validate_identity(lab.cloud, account, "Contoso", "Redmond", "WA", "US", trust="Private")
    made = lab.run(f"az artifact-signing certificate-profile create -g rg-containers --account acc-cli-01 -n "
                   f"public-01 --type PublicTrust --id {public.id} --street true --postal-code true").json()
    assert (made["name"], made["resourceGroup"], made["profileType"], made["identityValidationId"],
            made["provisioningState"]) == ("public-01", "rg-containers", "PublicTrust", public.id, "Succeeded")
    made = lab.run(f"az artifact-signing certificate-profile create -g rg-containers --account-name acc-cli-01 -n "
                   f"private-01 --profile-type PrivateTrust --id {private.id} --include-street true "
                   "--include-postal-code true").json()
    assert (made["profileType"], made["includeStreetAddress"], made["includePostalCode"]) == ("PrivateTrust", True,
                                                                                              True)
    assert lab.run("az artifact-signing certificate-profile delete -g rg-containers --account-name acc-cli-01 -n "
                   "private-01 -y").exit_code == 0
    assert len(lab.run("az artifact-signing certificate-profile list -g rg-containers --account-name "
                       "acc-cli-01").json()) == 1
    r = lab.run("az artifact-signing delete -g rg-containers -n acc-cli-01")
    assert r.exit_code == 1 and "no tty available" in r.stderr
    assert lab.run("az artifact-signing delete -g rg-containers -n acc-cli-01 -y").exit_code == 0
    assert lab.run("az artifact-signing list -g rg-containers").json() == []


def test_policy_import_checks_trusted_identities(lab):
    """notaryproject/notation-go verifier/trustpolicy (validateTrustedIdentities) and internal/pkix
    (ParseDistinguishedName): an x509.subject identity needs a value naming C, ST and O, each once."""
    doc = ('{"version": "1.0", "trustPolicies": [{"name": "p", "registryScopes": ["*"], "signatureVerification": '
           '{"level": "strict"}, "trustStores": ["ca:s"], "trustedIdentities": ["IDENTITY"]}]}')
    cases = {"x509.subject: ": "without an identity value",
             "x509.subject: CN=A, O=A, S=WA, C=US": 'has no mandatory RDN attribute for "ST"',
             "x509.subject: O=A, O=B, ST=WA, C=US": 'has duplicate RDN attribute for "O"',
             "x509.subject: CN=A, O=A, ST=WA, C=US": None}
    for identity, text in cases.items():
        lab.write_file("tp.json", doc.replace("IDENTITY", identity))
        r = lab.run("notation policy import --force tp.json")
        if text is None:
            assert r.exit_code == 0, r.stderr
        else:
            assert r.exit_code == 1 and "failed to validate OCI trust policy configuration" in r.stderr \
                and text in r.stderr, (identity, r.stderr)
