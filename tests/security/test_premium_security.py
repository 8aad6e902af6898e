"""Content trust, Defender scans, customer-managed keys, registry identity, check-health, throttling, cost."""

from __future__ import annotations

import pytest


@pytest.fixture
def premium(cli, rg):
    cli("az acr create -n secacr -g rg-containers --sku Premium -o none")
    cli("az acr login -n secacr")
    cli("docker pull nginx -q && docker tag nginx secacr.azurecr.io/web:v1")
    return "secacr"


def test_content_trust_is_premium_only(cli, lab, rg):
    cli("az acr create -n stdacr -g rg-containers --sku Standard -o none")
    r = lab.run("az acr config content-trust update -r stdacr --status disabled")
    assert r.exit_code == 1
    assert "Policies are only supported for managed registries in Premium SKU." in r.stderr
    assert "Content Trust is being deprecated" in r.stderr


def _legacy_dct(lab, name="secacr"):
    """A registry that enabled DCT before 2026-05-31 (every registry the lab creates is newer)."""
    from acrlab.engine import trust

    trust.enable_legacy(lab.cloud, lab.cloud.find_registry(name))


def test_content_trust_sign_and_enforce(cli, lab, premium):
    _legacy_dct(lab)
    cli("az acr config content-trust show -r secacr", checks={"status": "enabled", "type": "Notary"})
    cli("docker push secacr.azurecr.io/web:v1 -q")
    r = lab.run("DOCKER_CONTENT_TRUST=1 docker pull secacr.azurecr.io/web:v1")
    assert r.exit_code == 1 and "does not have trust data" in r.stderr
    cli("docker trust sign secacr.azurecr.io/web:v1")
    cli("DOCKER_CONTENT_TRUST=1 docker pull secacr.azurecr.io/web:v1 -q")
    cli("az acr show -n secacr", checks={"policies.trustPolicy.status": "enabled"})
    # disabling deletes every signature, so az asks first (azure-cli #33174)
    r = lab.run("az acr config content-trust update -r secacr --status disabled")
    assert r.exit_code == 1 and "Use --yes" in r.stderr
    cli("az acr config content-trust update -r secacr --status disabled --yes", checks={"status": "disabled"})
    r = lab.run("DOCKER_CONTENT_TRUST=1 docker pull secacr.azurecr.io/web:v1")
    assert r.exit_code == 1


def test_signing_needs_acr_image_signer(cli, lab, premium):
    from acrlab.engine.tenant import Principal

    _legacy_dct(lab)
    cli("docker push secacr.azurecr.io/web:v1")
    cloud = lab.cloud
    bot = cloud.add_principal(Principal(object_id=cloud.ids.guid(), display_name="pipeline", kind="ServicePrincipal",
                                        app_id=cloud.ids.guid()))
    reg = cloud.find_registry("secacr")
    cloud.assign_role(bot, "AcrPush", reg.id)
    sh = lab.new_session(bot)
    assert sh.run("az acr login -n secacr")[0] == 0
    code, out, err = sh.run("docker trust sign secacr.azurecr.io/web:v1")
    assert code == 1 and "requested access to the resource is denied" in err
    cloud.assign_role(bot, "AcrImageSigner", reg.id)
    assert sh.run("docker trust sign secacr.azurecr.io/web:v1")[0] == 0


def test_trust_cannot_be_enabled_on_a_new_registry(cli, lab, premium):
    from acrlab.engine import dated_rules
    from acrlab.engine.arm import send
    from acrlab.engine.errors import AzureError

    # today's az refuses the value outright (azure-cli 2.86.0 breaking change)
    r = lab.run("az acr config content-trust update -r secacr --status enabled")
    assert r.exit_code == 2 and "enabled" in r.stderr and "disabled" in r.stderr
    # the service refuses it too, whatever the client (a template, PowerShell, the portal)
    assert dated_rules.DCT_NO_NEW_ENABLEMENT.in_force(lab.cloud.clock.now())
    reg = lab.cloud.find_registry("secacr")
    try:
        send(lab.cloud, lab.cloud.learner, "PATCH", reg.id,
             {"properties": {"policies": {"trustPolicy": {"status": "enabled", "type": "Notary"}}}})
        raise AssertionError("DCT was enabled on a new registry")
    except AzureError as e:
        assert e.code == "ContentTrustDeprecated"
    assert reg.policies.trust_status == "disabled"


def test_defender_scans_pushes(cli, lab, premium):
    r = cli("lab scans")
    assert "Defender for Containers is off" in r.stdout
    cli("az security pricing create -n Containers --tier Standard", checks={"pricingTier": "Standard"})
    cli("docker push secacr.azurecr.io/web:v1")
    out = cli("lab scans secacr").stdout
    assert "Unhealthy" in out and "CVE-2023-45853" in out and "Critical" in out
    cli("docker pull alpine -q && docker tag alpine secacr.azurecr.io/tiny:1 && docker push secacr.azurecr.io/tiny:1")
    out = cli("lab scans secacr").stdout
    assert "CVE-2024-5535" in out


def test_customer_managed_key_at_create(cli, lab, rg):
    from acrlab.engine.tenant import Principal

    cloud = lab.cloud
    rid = f"{cloud.subscription.id}/resourceGroups/rg-containers/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acrkeyid"
    cloud.add_principal(Principal(object_id=cloud.ids.guid(), display_name="acrkeyid", kind="ManagedIdentity",
                                  app_id=cloud.ids.guid(), resource_id=rid))
    cli("az keyvault create -n acrvault1 -g rg-containers --enable-purge-protection true -o none")
    cli("az role assignment create --role \"Key Vault Crypto Officer\" --assignee $(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n acrvault1 --query id -o tsv) -o none")
    cli("az keyvault key create --vault-name acrvault1 -n acrkey -o none")
    r = lab.run("az acr create -n cmkacr -g rg-containers --sku Premium --identity acrkeyid")
    assert r.exit_code == 1 and "--identity and --key-encryption-key must be both supplied" in r.stderr
    cli("az acr create -n cmkacr -g rg-containers --sku Premium --identity acrkeyid "
        "--key-encryption-key https://acrvault1.vault.azure.net/keys/acrkey",
        checks={"encryption.status": "enabled", "identity.type": "userAssigned",
                "encryption.keyVaultProperties.keyRotationEnabled": True})
    cli("az acr encryption rotate-key -n cmkacr --key-encryption-key https://acrvault1.vault.azure.net/keys/acrkey",
        checks={"encryption.status": "enabled"})  # azure-cli rotate_key returns the registry
    cli("az acr create -n plainacr -g rg-containers --sku Premium -o none")
    r = lab.run("az acr encryption rotate-key -n plainacr --key-encryption-key https://acrvault1.vault.azure.net/keys/acrkey")
    assert "key rotation is only applicable to registries with CMK enabled" in r.stderr


def test_registry_identity_assign_remove(cli, lab, rg):
    cli("az acr create -n idacr -g rg-containers --sku Basic -o none")
    cli("az acr identity assign -n idacr --identities [system]",
        checks={"identity.type": "systemAssigned"})  # azure-cli assign_identity returns the registry
    cli("az acr show -n idacr", checks={"identity.type": "systemAssigned"})
    cli("az acr identity remove -n idacr --identities [system]")
    cli("az acr show -n idacr", checks={"identity": None})
    r = lab.run("az acr identity remove -n idacr --identities [system]")
    assert "has no system or user assigned identities" in r.stderr


def test_check_health(cli, rg):
    cli("az acr create -n healthacr -g rg-containers --sku Basic -o none")
    out = cli("az acr check-health -n healthacr --yes").stdout
    assert "Fetch access token for registry 'healthacr.azurecr.io' : OK" in out


def test_throttling_429(cli, lab, rg):
    cli("az acr create -n busyacr -g rg-containers --sku Basic -o none")
    cli("az acr login -n busyacr && docker pull alpine -q && docker tag alpine busyacr.azurecr.io/a:1")
    cli("docker push busyacr.azurecr.io/a:1")
    reg = lab.cloud.find_registry("busyacr")
    from acrlab.engine.throttling import on_request

    cred = None
    for _ in range(4_998):  # Basic: 5,000 reads per identity per minute (one already used by nothing)
        on_request(lab.cloud, reg, "read", cred)
    cli("docker pull busyacr.azurecr.io/a:1 -q")  # anonymous counter is separate from the learner's
    r = lab.run("docker logout busyacr.azurecr.io; az acr update -n busyacr --sku Standard -o none; "
                "az acr update -n busyacr --anonymous-pull-enabled true -o none; "
                "docker pull busyacr.azurecr.io/a:1; docker pull busyacr.azurecr.io/a:1; docker pull busyacr.azurecr.io/a:1")
    assert "toomanyrequests" in r.stderr
    lab.advance("1m")
    cli("docker pull busyacr.azurecr.io/a:1 -q")


def test_lab_cost(cli, rg):
    cli("az acr create -n costacr -g rg-containers --sku Standard -o none")
    out = cli("lab cost costacr").stdout
    assert "costacr" in out and "Standard" in out and "estimate" in out
