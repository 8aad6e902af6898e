"""Microsoft.ManagedIdentity through every front end: a user-assigned identity and a federated identity credential
made by az, PowerShell, an ARM JSON template or Bicep are the same resources, because each sends the same request;
a refusal gives each front end its own text and changes nothing.

Sources: azure-rest-api-specs specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2024-11-30/
ManagedIdentity.json (FederatedIdentityCredentialProperties requires issuer, subject and audiences) and its
examples/FederatedIdentityCredentialCreate.json; az flags: Azure/azure-cli src/azure-cli/azure/cli/command_modules/
identity/aaz/latest/identity/federated_credential/_create.py; cmdlets: Azure/azure-powershell
src/ManagedServiceIdentity/ManagedServiceIdentity/help/New-AzFederatedIdentityCredentials.md (the default audience)."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab

from .state import lab_with, send_from, shown_by_each, tenant_state

ISSUER = "https://token.actions.githubusercontent.com"
SUBJECT = "repo:contoso/app:ref:refs/heads/main"
MI = "Microsoft.ManagedIdentity/userAssignedIdentities"


def _arm(*resources: dict) -> str:
    return json.dumps({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                       "contentVersion": "1.0.0.0", "resources": list(resources)})


def _mi(location: str = "eastus") -> dict:
    return {"type": MI, "apiVersion": "2023-01-31", "name": "id-gh", "location": location, "tags": {"team": "a"}}


def _fic(audiences: list[str] | None = None, name: str = "gh-main") -> dict:
    props = {"issuer": ISSUER, "subject": SUBJECT, **({"audiences": audiences} if audiences is not None else {})}
    return {"type": f"{MI}/federatedIdentityCredentials", "apiVersion": "2023-01-31", "name": f"id-gh/{name}",
            "properties": props}


BICEP_MI = ("resource mi 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n"
            "  name: 'id-gh'\n  location: resourceGroup().location\n  tags: { team: 'a' }\n}\n")
BICEP_FIC = ("resource mi 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = { name: 'id-gh' }\n"
             "resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31'"
             " = {\n  parent: mi\n  name: 'gh-main'\n  properties: {\n"
             f"    issuer: '{ISSUER}'\n    subject: '{SUBJECT}'\n    audiences: [ 'api://AzureADTokenExchange' ]\n"
             "  }\n}\n")

IDENTITY = {
    "az": ("bash", "az identity create -n id-gh -g rg --tags team=a -o none"),
    "pwsh": ("pwsh", "$null = New-AzUserAssignedIdentity -ResourceGroupName rg -Name id-gh -Location eastus "
                     "-Tag @{team='a'}"),
    "arm": ("arm", _arm(_mi())),
    "bicep": ("bicep", BICEP_MI),
}
CREDENTIAL = {
    "az": ("bash", f"az identity federated-credential create -n gh-main --identity-name id-gh -g rg --issuer {ISSUER} "
                   f"--subject {SUBJECT} -o none"),
    "pwsh": ("pwsh", f"$null = New-AzFederatedIdentityCredential -ResourceGroupName rg -IdentityName id-gh "
                     f"-Name gh-main -Issuer {ISSUER} -Subject {SUBJECT}"),
    "arm": ("arm", _arm(_fic(["api://AzureADTokenExchange"]))),
    "bicep": ("bicep", BICEP_FIC),
}


def _send(lab: Lab, kind: str, text: str):
    return send_from(lab, kind, text)


def _show(lab: Lab, command: str) -> dict:
    r = lab.run(command)
    assert r.exit_code == 0, r.stderr
    found = r.json()
    if "principalId" in found:  # an identity: its service principal is in the directory
        assert lab.cloud.tenant.principals[found["principalId"]].kind == "ManagedIdentity"
    for volatile in ("clientId", "principalId"):
        found.pop(volatile, None)
    return found


@pytest.mark.parametrize("what", ["identity", "credential"])
def test_every_front_end_makes_the_same_resource(what):
    front_ends, setup, show = (
        (IDENTITY, (), "az identity show -n id-gh -g rg") if what == "identity" else
        (CREDENTIAL, ("az identity create -n id-gh -g rg -o none",),
         "az identity federated-credential show -n gh-main --identity-name id-gh -g rg"))
    results = shown_by_each(front_ends, lambda lab: _show(lab, show), *setup)
    if what == "identity":
        assert results["az"]["tags"] == {"team": "a"} and results["az"]["location"] == "eastus"
    else:
        assert results["az"]["audiences"] == ["api://AzureADTokenExchange"] and results["az"]["subject"] == SUBJECT
    for kind, data in results.items():
        assert data == results["az"], f"{kind} differs from az"


DUPLICATE = "FederatedIdentityCredential with the same issuer"
INCOMPLETE = "Federated Identity Credential must specify 'issuer', 'subject' and 'audience'."
REFUSALS = [
    # (issuer, subject) is unique per identity: a second credential naming them is refused by the service
    ("bash", f"az identity federated-credential create -n gh-dup --identity-name id-gh -g rg --issuer {ISSUER} "
             f"--subject {SUBJECT}", f"ERROR: (BadRequest) {DUPLICATE}"),
    ("pwsh", f"New-AzFederatedIdentityCredential -ResourceGroupName rg -IdentityName id-gh -Name gh-dup "
             f"-Issuer {ISSUER} -Subject {SUBJECT}", f"New-AzFederatedIdentityCredential: {DUPLICATE}"),
    ("arm", _arm(_fic(["api://AzureADTokenExchange"], name="gh-dup")), DUPLICATE),
    # az and the cmdlet fill the default audience in; a template must give it
    ("arm", _arm(_fic(None, name="gh-noaud")), INCOMPLETE),
    # an identity cannot move: the same name in another region
    ("bash", "az identity create -n id-gh -g rg -l westus",
     "ERROR: (InvalidResourceLocation) The resource 'id-gh' already exists in location 'eastus'"),
    ("pwsh", "New-AzUserAssignedIdentity -ResourceGroupName rg -Name id-gh -Location westus",
     "The resource 'id-gh' already exists in location 'eastus'"),
    ("arm", _arm(_mi("westus")), '"code":"InvalidResourceLocation"'),
    ("bash", "az identity federated-credential create -n x1 --identity-name nosuch -g rg --issuer https://a "
             "--subject s", "ERROR: (ParentResourceNotFound)"),
]


@pytest.mark.parametrize(("shell", "text", "expected"), REFUSALS)
def test_refusals_give_each_front_end_its_own_text_and_change_nothing(shell, text, expected):
    lab = lab_with("az identity create -n id-gh -g rg -o none", CREDENTIAL["az"][1])
    before = tenant_state(lab)
    r = _send(lab, shell, text)
    assert (r.exit_code != 0 or r.stderr.strip()) and expected in r.stderr, r.stderr
    assert tenant_state(lab) == before


def test_a_reader_may_list_but_not_create_and_a_put_replaces_tags():
    lab = lab_with("az identity create -n id-gh -g rg --tags team=a -o none",
               "APP=$(az ad sp create-for-rbac -n reader --query appId -o tsv)",
               "az role assignment create --assignee $APP --role Reader -g rg -o none")
    sp = lab.cloud.tenant.find_principal(lab.run("echo $APP").stdout.strip())
    other = lab.new_session(sp)
    code, out, _ = other.run("az identity list -g rg")
    assert code == 0 and [m["name"] for m in json.loads(out)] == ["id-gh"]
    before = tenant_state(lab)
    code, _, err = other.run("az identity create -n id-two -g rg")
    assert code == 1 and "(AuthorizationFailed)" in err and "Microsoft.ManagedIdentity/userAssignedIdentities/write" in err
    assert tenant_state(lab) == before
    # the whole PUT: tags not given are gone, the principal stays the same
    principal = lab.run("az identity show -n id-gh -g rg --query principalId -o tsv").stdout.strip()
    shown = lab.run("az identity create -n id-gh -g rg").json()
    assert shown["tags"] == {} and shown["principalId"] == principal
