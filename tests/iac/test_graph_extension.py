"""The Microsoft Graph Bicep extension: `extension microsoftGraphV1`, Microsoft.Graph/groups@v1.0 created or updated
by its client-provided key `uniqueName`, `existing` Microsoft.Graph/users@v1.0 found by `userPrincipalName`, members
as a relationship `{ relationships: [ids] }`.
Sources: MicrosoftDocs, learn.microsoft.com/graph/templates/how-to-reference-existing-resources (existing by key),
graph/templates/concept-relationships-in-graph-types (members.relationships, append by default),
graph/templates/quickstart-create-bicep-interactive-mode (the group's required properties, directory rights)."""

from __future__ import annotations

import json

import pytest

GROUP = """extension microsoftGraphV1

param members array = ['ana@contoso.onmicrosoft.com']

resource ana 'Microsoft.Graph/users@v1.0' existing = {
  userPrincipalName: members[0]
}

resource team 'Microsoft.Graph/groups@v1.0' = {
  displayName: 'Web team'
  mailEnabled: false
  mailNickname: 'webteam'
  securityEnabled: true
  uniqueName: 'web-team'
  members: {
    relationships: [ana.id]
  }
}

output groupId string = team.id
"""


@pytest.fixture
def users(cli, rg):
    for n in ("ana", "ben"):
        cli(f"az ad user create --display-name {n} --user-principal-name {n}@contoso.onmicrosoft.com "
            "--password 'Pa55w.rd1234' -o none")


def _groups(cli) -> list[dict]:
    return cli("az ad group list --display-name 'Web team'").json()


def test_group_is_created_once_and_found_again_by_unique_name(cli, lab, users):
    lab.write_file("main.bicep", GROUP)
    first = cli("az deployment group create -g rg-containers -f main.bicep").json()
    gid = first["properties"]["outputs"]["groupId"]["value"]
    again = cli("az deployment group create -g rg-containers -f main.bicep").json()
    assert again["properties"]["outputs"]["groupId"]["value"] == gid
    assert [g["id"] for g in _groups(cli)] == [gid]
    ana = cli("az ad user show --id ana@contoso.onmicrosoft.com --query id -o tsv").stdout.strip()
    cli(f"az ad group member check -g {gid} --member-id {ana}", checks={"value": True})


def test_unknown_user_fails_with_the_graph_error_and_creates_nothing(cli, lab, users):
    lab.write_file("main.bicep", GROUP)
    r = cli("az deployment group create -g rg-containers -f main.bicep "
            "--parameters 'members=[\"zoe@contoso.onmicrosoft.com\"]'", expect_exit=1)
    assert "Resource 'zoe@contoso.onmicrosoft.com' does not exist" in r.stderr
    assert "Traceback" not in r.stderr
    assert _groups(cli) == []


def test_members_as_a_plain_array_is_a_type_error(cli, lab, users):
    lab.write_file("main.bicep", GROUP.replace("members: {\n    relationships: [ana.id]\n  }",
                                                            "members: [ana.id]"))
    r = cli("az deployment group create -g rg-containers -f main.bicep", expect_exit=1)
    assert 'Error BCP036: The property "members" expected a value of type "MicrosoftGraphRelationship"' in r.stderr
    assert _groups(cli) == []


def test_group_without_unique_name_is_refused_at_build(cli, lab, users):
    lab.write_file("main.bicep", GROUP.replace("  uniqueName: 'web-team'\n", ""))
    r = cli("az bicep build -f main.bicep", expect_exit=1)
    assert 'Error BCP035: The specified "resource" declaration is missing the following required properties: ' \
           '"uniqueName".' in r.stderr


def test_a_deployer_without_directory_rights_changes_nothing(cli, lab, users):
    rg_id = cli("az group show -n rg-containers --query id -o tsv").stdout.strip()
    sp = json.loads(cli(f"az ad sp create-for-rbac -n deployer --role Contributor --scopes {rg_id}").stdout)
    lab.write_file("main.bicep", GROUP)
    cli(f"az login --service-principal -u {sp['appId']} -p {sp['password']} --tenant {sp['tenant']} -o none")
    r = cli("az deployment group create -g rg-containers -f main.bicep", expect_exit=1)
    assert "Insufficient privileges to complete the operation." in r.stderr
    assert lab.cloud.state.get("entra_groups", {}) == {}


QUICKSTART = """extension microsoftGraphV1

param location string = resourceGroup().location

resource exampleManagedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'exampleManagedIdentity'
  location: location
}

resource exampleGroup 'Microsoft.Graph/groups@v1.0' = {
  displayName: 'My example group'
  mailEnabled: false
  mailNickname: 'my-example-group'
  securityEnabled: true
  uniqueName: 'myExampleGroup'
  owners: {
    relationships: [exampleManagedIdentity.properties.principalId]
  }
}
"""


def test_the_quickstart_makes_the_identity_an_owner_not_a_member(cli, lab, rg):
    """graph/templates/quickstart-create-bicep-interactive-mode: the managed identity owns the group. An owner
    manages the group; it is not a member (`az ad group owner list` vs `member list`, azure-cli's `az ad group owner
    add|list|remove --owner-object-id`)."""
    lab.write_file("bicepconfig.json", '{"extensions": {"microsoftGraphV1": '
                                       '"br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:1.0.0"}}')
    lab.write_file("main.bicep", QUICKSTART)
    cli("az deployment group create -g rg-containers -f main.bicep -o none")
    msi = cli("az identity show -g rg-containers -n exampleManagedIdentity --query principalId -o tsv").stdout.strip()
    owners = cli("az ad group owner list -g 'My example group' --query [].id -o tsv").stdout.split()
    assert owners == [msi]
    assert cli("az ad group member list -g 'My example group'").json() == []
    r = cli(f"az ad group owner add -g 'My example group' --owner-object-id {msi}", expect_exit=1)
    assert "already exist for the following modified properties: 'owners'" in r.stderr
    cli(f"az ad group owner remove -g 'My example group' --owner-object-id {msi}")
    assert cli("az ad group owner list -g 'My example group'").json() == []
    cli("az deployment group create -g rg-containers -f main.bicep -o none")  # append semantics: back again
    assert cli("az ad group owner list -g 'My example group' --query [].id -o tsv").stdout.split() == [msi]
