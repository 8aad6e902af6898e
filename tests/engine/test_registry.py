"""Registries through the front door: create, show, update, SKUs, admin user, usage."""

from __future__ import annotations

import pytest


def test_create_shape_matches_az(cli, rg):
    r = cli("az acr create --name myacr --resource-group rg-containers --sku Standard --location brazilsouth "
            "--admin-enabled false")
    d = r.json()
    expected_keys = {"adminUserEnabled", "anonymousPullEnabled", "creationDate", "dataEndpointEnabled",
                     "dataEndpointHostNames", "encryption", "id", "identity", "location", "loginServer", "name",
                     "networkRuleBypassOptions", "networkRuleSet", "policies", "privateEndpointConnections",
                     "provisioningState", "publicNetworkAccess", "resourceGroup", "sku", "status", "systemData",
                     "tags", "type", "zoneRedundancy", "roleAssignmentMode"}
    assert expected_keys <= set(d)
    assert d["loginServer"] == "myacr.azurecr.io"
    assert d["sku"] == {"name": "Standard", "tier": "Standard"}
    assert d["networkRuleSet"] is None
    assert d["policies"]["retentionPolicy"]["status"] == "disabled"
    assert d["policies"]["retentionPolicy"]["days"] == 7
    assert d["roleAssignmentMode"] == "LegacyRegistryPermissions"
    assert d["type"] == "Microsoft.ContainerRegistry/registries"


def test_premium_has_network_rule_set(cli, rg):
    cli("az acr create -n premacr -g rg-containers --sku Premium",
        checks={"networkRuleSet.defaultAction": "Allow", "networkRuleSet.ipRules": []})


@pytest.mark.parametrize("name,message", [
    ("MyAcr", "argument error: Registry name must use only lowercase."),
    ("my-acr", "argument error: Registry name cannot contain dashes."),
    ("abc", "Registry names may contain only alpha numeric characters and must be between 5 and 50 characters"),
])
def test_name_rules(lab, rg, name, message):
    r = lab.run(f"az acr create -n {name} -g rg-containers --sku Basic")
    assert r.exit_code == 1
    assert message in r.stderr


def test_name_is_global(cli, lab, rg):
    cli("az group create -n other -l eastus -o none")
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    r = lab.run("az acr create -n myacr -g other --sku Basic")
    assert r.exit_code == 1
    assert "(AlreadyInUse) The registry DNS name myacr.azurecr.io is already in use." in r.stderr
    cli("az acr check-name -n myacr", checks={"nameAvailable": False, "reason": "AlreadyExists"})
    cli("az acr check-name -n freename1", checks={"nameAvailable": True})


def test_missing_group(lab):
    r = lab.run("az acr create -n myacr -g nope --sku Basic")
    assert r.exit_code == 3
    assert "(ResourceGroupNotFound) Resource group 'nope' could not be found." in r.stderr


def test_admin_user_credentials(cli, lab, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    r = lab.run("az acr credential show -n myacr")
    assert r.exit_code == 1
    assert "Run 'az acr update -n myacr --admin-enabled true' to enable admin first." in r.stderr
    cli("az acr update --name myacr --resource-group rg-containers --admin-enabled true",
        checks={"adminUserEnabled": True})
    creds = cli("az acr credential show --name myacr --resource-group rg-containers").json()
    assert creds["username"] == "myacr"
    assert [p["name"] for p in creds["passwords"]] == ["password", "password2"]
    renewed = cli("az acr credential renew -n myacr --password-name password2").json()
    assert renewed["passwords"][0] == creds["passwords"][0]
    assert renewed["passwords"][1]["value"] != creds["passwords"][1]["value"]


def test_admin_login_then_renew_invalidates(cli, lab, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic --admin-enabled true -o none")
    pw = cli("az acr credential show -n myacr --query 'passwords[0].value' -o tsv").stdout.strip()
    cli(f"docker login myacr.azurecr.io -u myacr -p {pw}")
    cli("docker pull alpine -q && docker tag alpine myacr.azurecr.io/alpine:1 && docker push myacr.azurecr.io/alpine:1")
    cli("az acr credential renew -n myacr --password-name password -o none")
    r = lab.run("docker push myacr.azurecr.io/alpine:1")
    assert r.exit_code == 1 and "unauthorized: authentication required" in r.stderr


def test_sku_change_and_usage(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    usage = cli("az acr show-usage -n myacr").json()["value"]
    assert {"name": "Size", "limit": 10737418240, "currentValue": 0, "unit": "Bytes"} in usage
    cli("az acr update -n myacr --sku Premium", checks={"sku.name": "Premium"})
    usage = cli("az acr show-usage -n myacr").json()["value"]
    assert {"name": "Size", "limit": 536870912000, "currentValue": 0, "unit": "Bytes"} in usage


def test_premium_only_gates_on_create(lab, rg):
    r = lab.run("az acr create -n myacr -g rg-containers --sku Standard --default-action Deny")
    assert r.exit_code == 1
    assert "Network rules are only supported for managed registries in Premium SKU." in r.stderr


def test_same_seed_same_transcript():
    from acrlab import Lab

    script = ("az group create -n rg -l eastus\naz acr create -n seeded1 -g rg --sku Basic --admin-enabled\n"
              "az acr credential show -n seeded1")
    a, b, c = Lab(seed=7).run(script), Lab(seed=7).run(script), Lab(seed=8).run(script)
    assert a.stdout == b.stdout
    assert a.stdout != c.stdout


def test_storage_dedups_shared_layers(cli, rg):
    cli("az acr create -n myacr -g rg-containers --sku Basic -o none")
    cli("az acr login -n myacr")
    cli("docker pull nginx -q && docker pull nginx:alpine -q")
    cli("docker tag nginx myacr.azurecr.io/a:1 && docker push myacr.azurecr.io/a:1")
    one = cli("az acr show-usage -n myacr --query \"value[?name=='Size'].currentValue | [0]\"").json()
    cli("docker tag nginx myacr.azurecr.io/b:1 && docker push myacr.azurecr.io/b:1")
    two = cli("az acr show-usage -n myacr --query \"value[?name=='Size'].currentValue | [0]\"").json()
    assert one == two > 0


def test_resource_group_name_rules(lab):
    for bad in ["rg.", "my rg", "x" * 91]:
        r = lab.run(f"az group create -n '{bad}' -l eastus")
        assert r.exit_code == 1 and "(InvalidResourceGroup)" in r.stderr, bad
    assert lab.run("az group create -n 'rg-ok_(1).v2' -l eastus -o none").exit_code == 0
