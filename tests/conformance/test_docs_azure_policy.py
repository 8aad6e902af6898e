"""'Audit compliance of Azure container registries using Azure Policy', in a fresh lab: built-in ACR policy
definitions assigned (as the portal assigns them, the display name being the definition's), then compliance
listed with az policy assignment list and az policy state list.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-azure-policy.md; the
definitions are Azure/azure-policy built-in-policies/policyDefinitions/Container Registry/
(ACR_NetworkRulesExist_AuditDeny.json, ACR_CMKEncryptionEnabled_Audit.json); the state fields and the evaluation
delays are MicrosoftDocs/azure-docs articles/governance/policy/how-to/get-compliance-data.md. Two findings: the
built-ins' display names now say "Container registries" (lower-case r), so the page's case-sensitive
`contains(displayName,'Container Registries')` finds nothing; and `--resource <policyID>` is a syntax error in bash (a
redirection then `>` with nothing after it; given a policy assignment's id, az asks for the states of that resource,
which has none)."""

from __future__ import annotations

from .docs import Page

NETWORK = "d0793b48-0edc-4296-a390-4c75d1bdfd71"
CMK = "5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580"


def test_azure_policy(lab):
    assert lab.run("az group create -n myResourceGroup -l eastus -o none\n"
                   "az acr create -n polreg01 -g myResourceGroup --sku Premium -o none\n"
                   "az acr create -n polreg02 -g myResourceGroup --sku Premium --public-network-enabled false "
                   "-o none").exit_code == 0
    for definition in (NETWORK, CMK):
        name = lab.run(f"az policy definition show -n {definition} --query displayName -o tsv").stdout.strip()
        assert name.startswith("Container registries should")
        assert lab.run(f'az policy assignment create --policy {definition} --display-name "{name}" -o none'
                       ).exit_code == 0
    page = Page(lab, "container-registry-azure-policy", {"myregistry": "polreg01"})
    assert page.run(0).stdout.strip() == ""  # 'Container Registries' matches no display name today
    rows = lab.run("az policy assignment list --query \"[?contains(displayName,'Container registries')]."
                   "{name:displayName, ID:id}\" --output table").stdout.splitlines()
    assert rows[0].split() == ["Name", "ID"] and len(rows) == 4
    assert all("/providers/Microsoft.Authorization/policyAssignments/" in r for r in rows[2:])
    page.run(2, exit_code=2, contains="syntax error near unexpected token `newline'")
    assignment = lab.run(f"az policy assignment list --query \"[?policyDefinitionId=='/providers/"
                         f"Microsoft.Authorization/policyDefinitions/{NETWORK}'].id\" -o tsv").stdout.strip()
    page.subs["<policyID>"] = assignment
    assert page.run(2).json() == []
    # no state before the first evaluation cycle (about 20 minutes after the assignment)
    assert page.run(3).json() == []
    lab.advance("25m")
    states = page.run(3).json()
    assert {(s["policyDefinitionName"], s["complianceState"]) for s in states} == {
        (NETWORK, "NonCompliant"), (CMK, "NonCompliant")}
    assert all(s["resourceId"].endswith("/providers/microsoft.containerregistry/registries/polreg01") and
               s["policyDefinitionAction"] == "audit" and s["isCompliant"] is False for s in states)
    other = lab.run("az policy state list --resource polreg02 --namespace Microsoft.ContainerRegistry "
                    "--resource-type registries -g myResourceGroup --query \"[].[policyDefinitionName,"
                    "complianceState]\" -o tsv").stdout.splitlines()
    assert sorted(other) == sorted([f"{NETWORK}\tCompliant", f"{CMK}\tNonCompliant"])
    # the registry fixed: evaluated again about 15 minutes after the change
    assert lab.run("az acr update -n polreg01 --public-network-enabled false -o none").exit_code == 0
    assert page.run(3).json() == []
    lab.advance("20m")
    fixed = {s["policyDefinitionName"]: s["complianceState"] for s in page.run(3).json()}
    assert fixed == {NETWORK: "Compliant", CMK: "NonCompliant"}
    page.finish()


def test_policy_assignments_need_authorization_rights(lab):
    """Contributor cannot assign policies (its NotActions exclude Microsoft.Authorization/*/Write); Reader may
    read compliance."""
    assert lab.run("az group create -n rg -l eastus -o none").exit_code == 0
    sp = lab.run("az ad sp create-for-rbac -n contrib --role Contributor --scopes "
                 "$(az group show -n rg --query id -o tsv)").json()
    assert lab.run(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']} "
                   "-o none").exit_code == 0
    r = lab.run(f"az policy assignment create -n audit-cmk --policy {CMK} -g rg")
    assert r.exit_code == 1 and "Microsoft.Authorization/policyAssignments/write" in r.stderr, r.output
    assert lab.run("az policy state list -g rg").json() == []
