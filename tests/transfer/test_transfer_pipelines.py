"""ACR Transfer end to end through az: storage accounts, SAS tokens, Key Vault secrets, export and import pipelines,
the source trigger, and what makes a run fail.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-transfer-prerequisites.md
(SAS permissions alrw for export, dlr for import; Premium only; 50 artifacts per run) and -transfer-cli.md;
azure-cli-extensions src/acrtransfer/azext_acrtransfer/_validators.py, pipelinerun.py, _format.py; the Blob
service REST API "Create a service SAS" (string-to-sign, signature checked with the account keys)."""

from __future__ import annotations

from tests.arm.state import tenant_state

BASE = """
az group create -n rg -l eastus -o none
az acr create -n srcreg -g rg --sku Premium -o none
az acr create -n tgtreg -g rg --sku Premium -o none
az acr import -n srcreg --source docker.io/library/nginx:latest -t web/nginx:v1 -o none
az storage account create -n transfersa -g rg -l eastus --sku Standard_LRS -o none
az storage container create -n transfer --account-name transfersa -o none 2>/dev/null
az keyvault create -n transferkv -g rg -l eastus --enable-rbac-authorization false -o none
az extension add -n acrtransfer 2>/dev/null
"""


def _sas(lab, perms: str, expiry: str) -> str:
    r = lab.run(f"az storage container generate-sas -n transfer --account-name transfersa --expiry {expiry} "
                f"--permissions {perms} --https-only -o tsv 2>/dev/null")
    assert r.exit_code == 0, r.output
    return "?" + r.stdout.strip()


def _future(lab) -> str:
    now = lab.cloud.clock.now()
    return now.replace(year=now.year + 1).strftime("%Y-%m-%d")


def _export_pipeline(lab, sas: str) -> None:
    assert lab.run(f"az keyvault secret set --vault-name transferkv -n exportsas --value '{sas}' -o none").exit_code == 0
    r = lab.run("az acr export-pipeline create -g rg -r srcreg -n exportone -m SasToken -s "
                "https://transferkv.vault.azure.net/secrets/exportsas -c https://transfersa.blob.core.windows.net/"
                "transfer --query identity.principalId -o tsv 2>/dev/null")
    assert r.exit_code == 0, r.output
    assert lab.run(f"az keyvault set-policy -n transferkv --secret-permissions get --object-id {r.stdout.strip()} "
                   "-o none").exit_code == 0


def test_sas_token_is_signed_with_the_account_key_and_checked_by_the_blob_service(lab):
    assert lab.run(BASE).exit_code == 0
    sas = _sas(lab, "wlr", _future(lab))
    assert "sp=rwl" in sas and "sr=c" in sas and "spr=https" in sas and "&sig=" in sas  # the SDK's order
    lab.write_file("hello.txt", "hi")
    ok = lab.run(f"az storage blob upload --account-name transfersa -c transfer -n a.txt -f hello.txt --sas-token '{sas}'")
    assert ok.exit_code == 0, ok.output
    ro = _sas(lab, "r", _future(lab))
    r = lab.run(f"az storage blob upload --account-name transfersa -c transfer -n b.txt -f hello.txt --sas-token '{ro}'")
    assert r.exit_code == 1 and "AuthorizationPermissionMismatch" in r.stderr
    expired = _sas(lab, "rw", "2021-01-01")
    r = lab.run(f"az storage blob list --account-name transfersa -c transfer --sas-token '{expired}'")
    assert r.exit_code == 1 and "Signed expiry time [Fri, 01 Jan 2021 00:00:00 GMT]" in r.stderr
    # a renewed key revokes every SAS signed with it
    assert lab.run("az storage account keys renew -n transfersa -g rg --key primary -o none").exit_code == 0
    r = lab.run(f"az storage blob list --account-name transfersa -c transfer --sas-token '{sas}'")
    assert r.exit_code == 1 and "Signature did not match" in r.stderr


def test_export_then_source_trigger_imports_into_the_target(lab):
    assert lab.run(BASE).exit_code == 0
    _export_pipeline(lab, _sas(lab, "alrw", _future(lab)))
    r = lab.run("az acr import-pipeline create -g rg -r tgtreg -n importone -m ManagedIdentity "
                "-c https://transfersa.blob.core.windows.net/transfer --query identity.principalId -o tsv 2>/dev/null")
    assert r.exit_code == 0
    principal = r.stdout.strip()
    scope = lab.run("az storage account show -n transfersa --query id -o tsv").stdout.strip()
    assert lab.run(f"az role assignment create --assignee-object-id {principal} --assignee-principal-type "
                   f"ServicePrincipal --role 'Storage Blob Data Reader' --scope {scope} -o none").exit_code == 0
    r = lab.run("az acr pipeline-run create -g rg -r srcreg -p exportone -n exportrun1 -t export -b blobone "
                "-a web/nginx:v1 2>/dev/null")
    assert r.exit_code == 0 and r.json()["response"]["status"] == "Succeeded", r.output
    # the blob landed in the watched container: the trigger imported it (a run named pipeline_...)
    runs = lab.run("az acr pipeline-run list -g rg -r tgtreg 2>/dev/null").json()
    assert [x["response"]["status"] for x in runs] == ["Succeeded"] and runs[0]["name"].startswith("importone_")
    assert lab.run("az acr repository show-tags -n tgtreg --repository web/nginx -o tsv").stdout.split() == ["v1"]
    src = lab.run("az acr repository show -n srcreg --image web/nginx:v1 --query digest -o tsv").stdout
    assert lab.run("az acr repository show -n tgtreg --image web/nginx:v1 --query digest -o tsv").stdout == src
    table = lab.run("az acr pipeline-run list -g rg -r tgtreg -o table 2>/dev/null").stdout
    assert "SOURCE_TRIGGER" in table.splitlines()[0] and " True " in table


def test_a_run_fails_with_the_reason_when_the_identity_cannot_read_the_secret(lab):
    assert lab.run(BASE).exit_code == 0
    sas = _sas(lab, "alrw", _future(lab))
    lab.run(f"az keyvault secret set --vault-name transferkv -n exportsas --value '{sas}' -o none")
    lab.run("az acr export-pipeline create -g rg -r srcreg -n exportone -m SasToken -s "
            "https://transferkv.vault.azure.net/secrets/exportsas -c https://transfersa.blob.core.windows.net/transfer")
    r = lab.run("az acr pipeline-run create -g rg -r srcreg -p exportone -n exportrun1 -t export -b b -a web/nginx:v1")
    assert r.exit_code == 1 and "Operation failed or canceled" in r.stderr
    shown = lab.run("az acr pipeline-run show -g rg -r srcreg -n exportrun1 2>/dev/null").json()
    assert shown["provisioningState"] == "Failed"
    assert "does not have secrets get permission" in shown["response"]["pipelineRunErrorMessage"]
    r = lab.run("az acr pipeline-run clean -g rg -r srcreg")
    assert "Found 1 failed pipeline-runs to delete." in r.stderr and "Deletion complete: Deleted 1" in r.stderr
    assert lab.run("az acr pipeline-run list -g rg -r srcreg 2>/dev/null").json() == []


def test_refused_requests_change_nothing(lab):
    assert lab.run(BASE + "az acr create -n basicreg -g rg --sku Basic -o none").exit_code == 0
    for command, text in (
            ("az acr export-pipeline create -g rg -r basicreg -n exportone -m ManagedIdentity "
             "-c https://transfersa.blob.core.windows.net/transfer", "(SkuNotSupported)"),
            ("az acr export-pipeline create -g rg -r srcreg -n exportone -m Bogus "
             "-c https://transfersa.blob.core.windows.net/transfer", "Invalid storage access mode 'Bogus'"),
            ("az acr export-pipeline create -g rg -r srcreg -n exportone -m SasToken "
             "-c https://transfersa.blob.core.windows.net/transfer", "--secret-uri is required"),
            ("az acr export-pipeline create -g rg -r srcreg -n exp-one -m ManagedIdentity "
             "-c https://transfersa.blob.core.windows.net/transfer", "(InvalidResourceName)"),
            ("az acr import-pipeline create -g rg -r srcreg -n importone -m ManagedIdentity -i /subscriptions/x/"
             "resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nope "
             "-c https://transfersa.blob.core.windows.net/transfer", "was not found"),
            ("az storage account create -n Bad_Name -g rg -l eastus", "is not a valid storage account name"),
            ("az storage account create -n transfersa -g rg -l westus", "(InvalidResourceLocation)"),
            ("az acr pipeline-run create -g rg -r srcreg -p nopipe -n runone1 -t export -b b -a x:y",
             "Export pipeline nopipe not found on registry srcreg in the rg resource group.")):
        before = tenant_state(lab)
        r = lab.run(command)
        assert r.exit_code != 0 and text in r.stderr, (command, r.output)
        assert tenant_state(lab) == before, command
