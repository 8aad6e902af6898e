"""Business rules that live in the engine once and are shared by az, PowerShell and Bicep/ARM."""

from __future__ import annotations

import json

import pytest

from acrlab import Lab
from acrlab.engine.errors import ArmError, AuthorizationFailed, AzureError
from acrlab.engine.tenant import Principal


@pytest.fixture
def lab():
    lab = Lab(seed=0)
    lab.run("az group create -n rg-containers -l brazilsouth -o none")
    lab.run("az acr create -n consacr01 -g rg-containers --sku Premium -o none")
    return lab


def _user(lab, name):
    return lab.cloud.add_principal(Principal(object_id=lab.cloud.ids.guid(), display_name=name, kind="User",
                                             user_principal_name=f"{name}@contoso.onmicrosoft.com", password="x",
                                             created=lab.cloud.clock.now()))


def _acr_id(lab):
    return lab.cloud.find_registry("consacr01").id


# -- role assignments -----------------------------------------------------------------------------------

def _put_ra(lab, caller, principal_id: str, role: str, scope: str, name: str | None = None,
           principal_type: str | None = None):
    from acrlab.engine.arm import send
    from acrlab.engine.roles import find_role
    props = {"roleDefinitionId": f"/providers/Microsoft.Authorization/roleDefinitions/{find_role(role).guid}",
             "principalId": principal_id, **({"principalType": principal_type} if principal_type else {})}
    rid = f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name or lab.cloud.ids.guid()}"
    return send(lab.cloud, caller, "PUT", rid, {"properties": props}).resource


def test_create_assignment_rules(lab):
    cloud, me = lab.cloud, lab.cloud.learner
    dev = _user(lab, "dev")
    events = []
    cloud.on("role_assignment_created", lambda cloud, **kw: events.append(kw["assignment"].name))
    ra = _put_ra(lab, me, dev.object_id, "AcrPull", _acr_id(lab), name="n1")
    assert events == ["n1"] and ra.principal_type == "User"
    assert _put_ra(lab, me, dev.object_id, "AcrPull", _acr_id(lab), name="n1") is ra  # idempotent
    with pytest.raises(ArmError) as e:
        _put_ra(lab, me, dev.object_id, "AcrPull", _acr_id(lab))
    assert e.value.code == "RoleAssignmentExists" and e.value.status == 409 and e.value.target == ra.id
    with pytest.raises(AzureError, match="not allowed to be updated"):
        _put_ra(lab, me, dev.object_id, "AcrPush", _acr_id(lab), name="n1")
    with pytest.raises(AzureError, match="does not exist in the directory"):
        _put_ra(lab, me, "00000000-0000-0000-0000-000000000001", "AcrPull", _acr_id(lab))
    with pytest.raises(AzureError, match="was not found"):
        _put_ra(lab, me, dev.object_id, "AcrPull", _acr_id(lab) + "x")
    with pytest.raises(AzureError, match="different from specified PrincipalType"):
        _put_ra(lab, me, dev.object_id, "Reader", _acr_id(lab), principal_type="ServicePrincipal")
    with pytest.raises(AuthorizationFailed):  # dev may not assign roles
        _put_ra(lab, dev, dev.object_id, "Owner", _acr_id(lab))
    assert events == ["n1"]


def test_three_front_doors_share_create_and_delete(lab):
    dev = _user(lab, "dev2")
    acr_id = _acr_id(lab)
    r = lab.run(f"New-AzRoleAssignment -ObjectId {dev.object_id} -RoleDefinitionName AcrPull -Scope {acr_id}",
                shell="pwsh")
    assert r.exit_code == 0, r.stderr
    # az shows the existing assignment (the service's RoleAssignmentExists); PowerShell reports the error
    out = json.loads(lab.run(f"az role assignment create --assignee {dev.object_id} --role AcrPull --scope {acr_id}"
                             ).stdout)
    assert out["roleDefinitionName"] == "AcrPull"
    r = lab.run(f"New-AzRoleAssignment -ObjectId {dev.object_id} -RoleDefinitionName AcrPull -Scope {acr_id}",
                shell="pwsh")
    assert r.exit_code != 0 and "The role assignment already exists." in r.stderr
    assert len(lab.cloud.role_assignments) == 2  # the learner's Owner + one AcrPull
    deleted = []
    lab.cloud.on("role_assignment_deleted", lambda cloud, **kw: deleted.append(kw["assignment"].principal_id))
    r = lab.run(f"Remove-AzRoleAssignment -ObjectId {dev.object_id} -RoleDefinitionName AcrPull -Scope {acr_id}",
                shell="pwsh")
    assert r.exit_code == 0, r.stderr
    assert deleted == [dev.object_id]


def test_bicep_role_assignment_uses_engine_rules(lab):
    dev = _user(lab, "dev3")
    lab.write_file("ra.bicep", f"""
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {{
  name: 'consacr01'
}}
resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {{
  name: guid(acr.id, '{dev.object_id}', 'AcrPull')
  scope: acr
  properties: {{
    principalId: '{dev.object_id}'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalType: 'ServicePrincipal'
    condition: 'not a condition'
  }}
}}
""")
    r = lab.run("az deployment group create -g rg-containers -f ra.bicep -o none")
    assert r.exit_code == 1 and "UnmatchedPrincipalType" in r.stderr, r.stderr
    lab.write_file("ra.bicep", lab.session.read_file("ra.bicep").replace("'ServicePrincipal'", "'User'"))
    r = lab.run("az deployment group create -g rg-containers -f ra.bicep -o none")
    assert r.exit_code == 1 and "role assignment condition is invalid" in r.stderr
    lab.write_file("ra.bicep", lab.session.read_file("ra.bicep").replace("    condition: 'not a condition'\n", ""))
    r = lab.run("az deployment group create -g rg-containers -f ra.bicep -o none")
    assert r.exit_code == 0, r.stderr
    assert any(a.principal_id == dev.object_id for a in lab.cloud.role_assignments)


# -- tokens and scope maps ------------------------------------------------------------------------------

def test_token_and_scope_map_updates_shared(lab):
    from acrlab.engine.arm import send
    cloud, me = lab.cloud, lab.cloud.learner
    reg = cloud.find_registry("consacr01")
    lab.run("az acr scope-map create -n m1 -r consacr01 --repository app content/read -o none")
    lab.run("az acr token create -n t1 -r consacr01 --scope-map m1 --no-passwords -o none")
    m = send(cloud, me, "PATCH", f"{reg.id}/scopeMaps/m1",
             {"properties": {"actions": ["repositories/app/content/write"], "description": "d"}}).resource
    assert (m.actions, m.description) == (["repositories/app/content/write"], "d")
    with pytest.raises(AzureError, match="cannot be updated"):
        send(cloud, me, "PATCH", f"{reg.id}/scopeMaps/_repositories_pull", {"properties": {"description": "x"}})
    t = send(cloud, me, "PATCH", f"{reg.id}/tokens/t1", {"properties": {"status": "disabled"}}).resource
    assert t.status == "disabled" and t.scope_map_id.endswith("/scopeMaps/m1")
    with pytest.raises(AzureError, match="does not belong to registry"):
        send(cloud, me, "PATCH", f"{reg.id}/tokens/t1", {"properties": {
            "scopeMapId": "/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerRegistry/registries/other/"
                          "scopeMaps/m1"}})
    # PowerShell replaces the whole list; az's update (without --status) re-enables, as az sends status=enabled
    r = lab.run("Update-AzContainerRegistryScopeMap -Name m1 -RegistryName consacr01 -ResourceGroupName "
                "rg-containers -Action repositories/web/content/read", shell="pwsh")
    assert r.exit_code == 0, r.stderr
    assert reg.scope_maps["m1"].actions == ["repositories/web/content/read"]
    assert json.loads(lab.run("az acr token update -n t1 -r consacr01").stdout)["status"] == "enabled"
    outsider = _user(lab, "outsider")
    with pytest.raises(AuthorizationFailed):
        send(cloud, outsider, "DELETE", f"{reg.id}/tokens/t1")
    send(cloud, me, "DELETE", f"{reg.id}/tokens/t1")
    assert "t1" not in reg.tokens
    r = lab.run("Remove-AzContainerRegistryToken -Name t1 -RegistryName consacr01 -ResourceGroupName rg-containers",
                shell="pwsh")
    assert r.exit_code != 0 and "t1" in r.stderr


# -- deletes for key vaults, private DNS zones, virtual networks; Complete mode uses them -----------------

SMALL = ("resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'consacr01'\n"
         "  location: resourceGroup().location\n  sku: {\n    name: 'Premium'\n  }\n}\n")


def test_az_deletes_for_vault_zone_vnet(lab):
    ok = lambda cmd: lab.run(cmd).exit_code == 0  # noqa: E731
    assert ok("az network vnet create -g rg-containers -n vnet1 --address-prefix 10.1.0.0/16 --subnet-name s1 "
              "--subnet-prefix 10.1.0.0/24 -o none")
    assert ok("az network private-dns zone create -g rg-containers -n privatelink.azurecr.io -o none")
    assert ok("az network private-dns link vnet create -g rg-containers -z privatelink.azurecr.io -n l1 "
              "-v vnet1 -e false -o none")
    r = lab.run("az network private-dns zone delete -g rg-containers -n privatelink.azurecr.io --yes")
    assert r.exit_code == 1 and "Can not delete resource before nested resources are deleted." in r.stderr
    assert ok("az network private-dns link vnet delete -g rg-containers -z privatelink.azurecr.io -n l1 --yes")
    assert ok("az network private-dns zone delete -g rg-containers -n privatelink.azurecr.io --yes")
    assert json.loads(lab.run("az network private-dns zone list -g rg-containers").stdout) == []
    assert ok("az network vnet delete -g rg-containers -n vnet1")
    assert ok("az keyvault create -n kv-cons-01 -g rg-containers --enable-purge-protection true -o none")
    assert ok("az keyvault delete -n kv-cons-01")
    assert json.loads(lab.run("az keyvault list -g rg-containers").stdout) == []
    deleted = json.loads(lab.run("az keyvault list-deleted").stdout)
    assert [d["name"] for d in deleted] == ["kv-cons-01"] and deleted[0]["properties"]["purgeProtectionEnabled"]


def test_complete_mode_deletes_vaults_and_zones(lab):
    lab.run("az network vnet create -g rg-containers -n vnet2 --address-prefix 10.2.0.0/16 --subnet-name s1 "
            "--subnet-prefix 10.2.0.0/24 -o none")
    lab.run("az network private-dns zone create -g rg-containers -n privatelink.azurecr.io -o none")
    lab.run("az network private-dns link vnet create -g rg-containers -z privatelink.azurecr.io -n l2 -v vnet2 "
            "-e false -o none")
    lab.run("az keyvault create -n kv-cons-02 -g rg-containers -o none")
    lab.write_file("main.bicep", SMALL)
    out = lab.run("az deployment group what-if -g rg-containers -f main.bicep --mode Complete").stdout
    assert "- Microsoft.KeyVault/vaults/kv-cons-02" in out
    assert "- Microsoft.Network/privateDnsZones/privatelink.azurecr.io" in out
    r = lab.run("az deployment group create -g rg-containers -f main.bicep --mode Complete -o none")
    assert r.exit_code == 0, r.stderr
    assert lab.cloud.resources["vaults"] == {} and lab.cloud.resources["private_dns_zones"] == {}
    assert lab.cloud.resources["vnets"] == {} and lab.cloud.find_registry("consacr01") is not None


# -- Lab.fork ---------------------------------------------------------------------------------------------

def _untagged(lab):
    """Untagged images (a multi-arch image's platform manifests belong to its index, tagged or not)."""
    items = json.loads(lab.run("az acr manifest list-metadata -r consacr01 -n cache").stdout)
    platform = {r["digest"] for m in items for r in m.get("references", [])}
    return sum(1 for m in items if not m.get("tags") and m["digest"] not in platform)


def test_fork_advances_retention_on_the_fork_only(lab):
    assert lab.run("az acr config retention update -r consacr01 --status enabled --days 1 --type "
                   "UntaggedManifests -o none").exit_code == 0
    for version, force in (("3.19", ""), ("3.20", "--force")):  # the 3.19 manifest loses its tag
        assert lab.run(f"az acr import -n consacr01 --source docker.io/library/alpine:{version} -t cache:1 "
                       f"{force}").exit_code == 0
    twin = lab.fork()
    assert twin.cloud is not lab.cloud and _untagged(twin) == 1
    twin.advance("2d")
    assert _untagged(twin) == 0  # retention purged the untagged manifest in the fork
    assert _untagged(lab) == 1 and lab.now < twin.now  # the original neither changed nor moved its clock
    lab.advance("2d")
    assert _untagged(lab) == 0
