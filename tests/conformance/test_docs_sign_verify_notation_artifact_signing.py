"""'Sign container images by using Notation and Artifact Signing', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-sign-verify-notation-artifact-signing.md. The page presumes a registry with an image and an
Artifact Signing account with a certificate profile whose identity validation is done (in the Azure portal only);
the set-up creates them with the artifact-signing extension's commands (Microsoft.CodeSigning requests,
azure-rest-api-specs specification/codesigning examples/2025-10-13) and records the validation. `myregistry` is asreg01 (ABAC-enabled, so
the page's Container Registry Repository roles are the ones that count), the account asacct01 in East US (its
accountUri https://eus.codesigning.azure.net/), the profile wabbit. The Linux tab runs in one lab, the Windows tab
in its own. Findings the lab reproduces: the certificate subject the portal shows names the state S (as Windows
does), but notation reads the state as ST and a trust policy's x509.subject must name C, ST and O, so the subject
copied from the portal is refused by `notation policy import` until S= is written ST=; the page's
`AS_CERT_SUBJECT=<ts-cert-subject>` is unquoted, so a subject with spaces (an organization name) runs a command
instead of setting the variable; the Windows sign block reads
`$Env:AS_ASA_URL` (never set), so PowerShell drops the argument and notation refuses the flag group."""

from __future__ import annotations

from acrlab.engine import codesigning

from .docs import Page

PAGE = "container-registry-tutorial-sign-verify-notation-artifact-signing"
SUBJECT = "CN=Wabbit Networks, O=Wabbit Networks, L=Seattle, S=WA, C=US"
"""The subject as the service (and the portal) shows it: the state as S, as Windows names it."""
NOTATION_SUBJECT = SUBJECT.replace("S=WA", "ST=WA")
"""The same subject as notation reads it (Go's crypto/x509 names the state ST); a trust policy needs this form."""
NO_ST = 'has no mandatory RDN attribute for "ST"'
SIGNER = "roleDefinitions/2837e146-70d7-4cfd-ad55-7efa6464f958"  # Artifact Signing Certificate Profile Signer
INSTALL = ("downloads the notation release with curl and copies the binary into /usr/local/bin; the lab's shell "
           "has notation 1.3.2 installed (`notation version`)")
WINDOWS_INSTALL = ("installs the Windows release (a .zip into Program Files) on a Windows workstation; the lab's "
                   "workstation runs Linux with notation 1.3.2 installed, and block 2 installs the plugin")


def _prerequisites(lab) -> None:
    """The page's prerequisites: a registry with an image; an Artifact Signing account and a Public Trust
    certificate profile after a completed identity validation."""
    assert lab.run("az group create -n asrg -l eastus -o none\n"
                   "az acr create -n asreg01 -g asrg --sku Standard --role-assignment-mode rbac-abac -o none\n"
                   "az acr import -n asreg01 --source mcr.microsoft.com/hello-world:latest -t net-monitor:v1 "
                   "-o none").exit_code == 0
    created = lab.run("az artifact-signing create -n asacct01 -g asrg -l eastus --sku Basic").json()
    assert created["accountUri"] == "https://eus.codesigning.azure.net/"
    account = codesigning.find_account(lab.cloud, "asrg", "asacct01")
    validation = codesigning.validate_identity(lab.cloud, account, "Wabbit Networks", "Seattle", "WA", "US")
    assert lab.run("az artifact-signing certificate-profile create -g asrg --account-name asacct01 -n wabbit "
                   f"--profile-type PublicTrust --identity-validation-id {validation.id} -o none").exit_code == 0


def _subs(lab, subject: str) -> dict[str, str]:
    sub = lab.cloud.subscription.subscription_id
    return {
        "<subscription-id>": sub, "<acr-subscription-id>": sub, "<ts-account-resource-group>": "asrg",
        "<ts-account-name>": "asacct01", "<ts-account-url>": "https://eus.codesigning.azure.net/",
        "<ts-cert-profile>": "wabbit", "<ts-cert-subject>": subject, "<acr-resource-group>": "asrg",
        "<registry-name>": "asreg01", "<repository>": "net-monitor", "<tag>": "v1"}


def test_sign_verify_notation_artifact_signing(lab):
    _prerequisites(lab)
    page = Page(lab, PAGE, _subs(lab, SUBJECT))
    page.skip(0, INSTALL)
    bad = page.code(2).replace("2f45891a14aa9c88c9bee3d11a887c1adbe9d2d24e50de4bc4b4fa3fe595292f", "0" * 64)
    r = lab.run(bad)
    assert r.exit_code == 1 and "plugin checksum does not match user input" in r.stderr
    page.run(2, contains="Successfully installed plugin azure-artifactsigning, version 1.0.0")
    listed = page.run(4).stdout.splitlines()
    assert listed == ["NAME                    DESCRIPTION                                             VERSION   "
                      "CAPABILITIES                ERROR",
                      "azure-artifactsigning   Sign OCI artifacts using the Artifact Signing Service   1.0.0     "
                      "[SIGNATURE_GENERATOR.RAW]   <nil>"]  # the page's example output
    page.skip(6, "the output of the block above, as the page prints it")
    # unquoted, a subject with spaces runs `Networks,` as a command and leaves AS_CERT_SUBJECT unset
    r = page.run(7)
    assert "Networks,: command not found" in r.stderr and lab.run("echo -n $AS_CERT_SUBJECT").stdout == ""
    page.subs["<ts-cert-subject>"] = f'"{SUBJECT}"'
    page.run(7)
    assert lab.run("echo $AS_CERT_SUBJECT $IMAGE").stdout.strip() == f"{SUBJECT} asreg01.azurecr.io/net-monitor:v1"
    page.run(9, contains='"user": {')
    page.run(11, contains="roleDefinitions/2a1e307c-b015-4ebd-883e-5b7698a07328")  # Repository Writer
    # without the Signer role the service refuses the plugin's request: the Owner role has no data actions
    refused = page.run(15, exit_code=1)
    assert "generate-signature command failed: Service request failed.\nStatus: 403 (Forbidden)" in refused.stderr
    page.run(13, contains=SIGNER)
    signed = page.run(15)
    digest = lab.run("az acr repository show -n asreg01 --image net-monitor:v1 --query digest -o tsv").stdout.strip()
    assert f"Successfully signed asreg01.azurecr.io/net-monitor@{digest}" in signed.stdout
    assert "Always sign the artifact using digest" in signed.stderr  # the page signs $IMAGE by tag
    profile = lab.run("az resource show --ids /subscriptions/$AS_SUB_ID/resourceGroups/asrg/providers/"
                      "Microsoft.CodeSigning/codeSigningAccounts/asacct01/certificateProfiles/wabbit").json()
    assert [c["subjectName"] for c in profile["properties"]["certificates"]] == [SUBJECT]
    listed = page.run(17).stdout.splitlines()
    assert listed[:2] == [f"asreg01.azurecr.io/net-monitor@{digest}", "└── application/vnd.cncf.notary.signature"]
    assert len(listed) == 3
    page.skip(19, "the output of the block above, as the page prints it")
    page.run(20, contains="Successfully added following certificates to named store myTsaRootCerts of type tsa")
    assert lab.run("notation cert ls").stdout.splitlines()[1:] == [
        "ca           myRootCerts      msft-root-certificate-authority-2020.crt",
        "tsa          myTsaRootCerts   msft-tsa-root-certificate-authority-2020.crt"]
    page.run(22)
    page.run(23, exit_code=1, contains=NO_ST)  # the subject as the portal shows it: notation requires ST
    page.subs["<ts-cert-subject>"] = f'"{NOTATION_SUBJECT}"'
    page.run(7)
    page.run(22)
    page.run(23, contains='"trustStores": [ "ca:myRootCerts", "tsa:myTsaRootCerts" ]')
    page.run(26, contains=f"Successfully verified signature for asreg01.azurecr.io/net-monitor@{digest}")
    page.skip(28, "the output of the block above, as the page prints it")
    for i in (1, 3, 5, 8, 10, 12, 14, 16, 18, 21, 24, 25, 27):
        page.skip(i, "the same step in the Windows tab (run in its own lab below)")
    page.finish()
    _after_the_certificate_expires(lab, digest)


def _after_the_certificate_expires(lab, digest: str) -> None:
    """Artifact Signing's certificates live three days: the timestamp countersignature keeps the signature valid,
    judged against the tsa trust store (notaryproject/notation-go verifier.go verifyTimestamp); without a tsa store
    in the policy the certificate must be valid now."""
    lab.advance("4d")
    r = lab.run("notation verify $IMAGE")  # the az acr login token (3 hours) has expired
    assert r.exit_code == 1 and "response status code 401 Unauthorized" in r.stderr
    verified = f"Successfully verified signature for asreg01.azurecr.io/net-monitor@{digest}"
    assert verified in lab.run("az acr login -n asreg01 && notation verify $IMAGE").stdout
    lab.run("sed 's/, \"tsa:myTsaRootCerts\"//' trustpolicy.json > no-tsa.json")
    lab.run("sed 's/\"tsa:myTsaRootCerts\"/\"tsa:wrong\"/' trustpolicy.json > wrong-tsa.json && notation cert add -t tsa "
            "-s wrong msft-root-certificate-authority-2020.crt")
    for policy in ("no-tsa.json", "wrong-tsa.json"):
        r = lab.run(f"notation policy import --force {policy} && notation verify $IMAGE")
        assert r.exit_code == 1 and "signature verification failed for all the signatures" in r.stderr, policy
    # a new signature gets a new certificate (the profile lists both), and verifies against the page's policy
    assert lab.run("notation policy import --force trustpolicy.json && notation sign --signature-format cose "
                   "--timestamp-url $AS_TSA_URL --timestamp-root-cert msft-tsa-root-certificate-authority-2020.crt "
                   "--id $AS_CERT_PROFILE --plugin azure-artifactsigning --plugin-config accountName=$AS_ACCT_NAME "
                   "--plugin-config baseUrl=$AS_ACCT_URL --plugin-config certProfile=$AS_CERT_PROFILE "
                   f"asreg01.azurecr.io/net-monitor@{digest}").exit_code == 0
    statuses = lab.run("az resource show --ids /subscriptions/$AS_SUB_ID/resourceGroups/asrg/providers/"
                       "Microsoft.CodeSigning/codeSigningAccounts/asacct01/certificateProfiles/wabbit "
                       "--query properties.certificates[].status -o tsv").stdout.split()
    assert statuses == ["Expired", "Active"]
    lab.run("sed 's/L=Seattle/L=Portland/' trustpolicy.json > other-identity.json")
    r = lab.run("notation policy import --force other-identity.json && notation verify $IMAGE")
    assert r.exit_code == 1 and "signature verification failed for all the signatures" in r.stderr


def test_sign_verify_windows_tab(lab):
    """The Windows tab in PowerShell: the same requests; its sign block reads $Env:AS_ASA_URL, which nothing sets."""
    _prerequisites(lab)
    page = Page(lab, PAGE, _subs(lab, SUBJECT))
    page.skip(1, WINDOWS_INSTALL)
    page.skip(3, "installs the plugin's Windows release (a .zip) on a Windows workstation; the Linux release (block "
                 "2) is installed on the lab's Linux workstation instead")
    assert lab.run(page.code(2)).exit_code == 0  # the Linux release, on the lab's Linux workstation
    page.run(5, shell="pwsh", contains="azure-artifactsigning   Sign OCI artifacts using the Artifact Signing Service")
    page.run(8, shell="pwsh")
    page.run(10, shell="pwsh", contains='"user": {')
    page.run(12, shell="pwsh", contains="roleDefinitions/2a1e307c-b015-4ebd-883e-5b7698a07328")
    page.run(14, shell="pwsh", contains=SIGNER)
    r = page.run(16, shell="pwsh", exit_code=1)  # $Env:AS_ASA_URL is empty: PowerShell drops the argument
    assert "missing [timestamp-root-cert]" in r.stderr
    page.subs["$Env:AS_ASA_URL"] = "$Env:AS_TSA_URL"
    page.run(16, shell="pwsh", contains="Successfully signed asreg01.azurecr.io/net-monitor@")
    page.run(18, shell="pwsh", contains="└── application/vnd.cncf.notary.signature")
    page.run(21, shell="pwsh", contains="tsa          myTsaRootCerts   msft-tsa-root-certificate-authority-2020.crt")
    page.run(24, shell="pwsh")
    page.run(25, shell="pwsh", exit_code=1, contains=NO_ST)
    page.subs["<ts-cert-subject>"] = NOTATION_SUBJECT
    page.run(8, shell="pwsh")
    page.run(24, shell="pwsh")
    page.run(25, shell="pwsh", contains='"trustStores": [ "ca:myRootCerts", "tsa:myTsaRootCerts" ]')
    page.run(27, shell="pwsh", contains="Successfully verified signature for asreg01.azurecr.io/net-monitor@")
    for i in (0, 2, 4, 6, 7, 9, 11, 13, 15, 17, 19, 20, 22, 23, 26, 28):
        page.skip(i, "the Linux tab (run in test_sign_verify_notation_artifact_signing)")
    page.finish()
