"""Short container-registry docs pages (one to five command blocks each), in a fresh lab each.

Sources (MicrosoftDocs/azure-management-docs articles/container-registry/): container-registry-best-practices.md,
container-registry-endpoint-reference.md, container-registry-tasks-base-images.md,
container-registry-troubleshoot-login-authn-authz.md, container-registry-troubleshoot-performance.md,
container-registry-content-trust-deprecation.md and tutorial-troubleshoot-customer-managed-keys.md. `myregistry` (a name Azure keeps taken) is smallreg01 in
myResourceGroup (myrg for the endpoint page)."""

from __future__ import annotations

from .docs import Page

REG = "smallreg01"


def _registry(lab, rg: str = "myResourceGroup", sku: str = "Premium") -> None:
    assert lab.run(f"az group create -n {rg} -l eastus -o none\n"
                   f"az acr create -n {REG} -g {rg} --sku {sku} -o none").exit_code == 0


def test_best_practices_show_usage(lab):
    _registry(lab)
    page = Page(lab, "container-registry-best-practices", {"myregistry": REG})
    rows = page.run(0).stdout.splitlines()
    assert rows[0].split()[:3] == ["NAME", "LIMIT", "CURRENT"] and any(r.startswith("Size") for r in rows)
    page.finish()


def test_endpoint_reference(lab):
    _registry(lab, rg="myrg")
    page = Page(lab, "container-registry-endpoint-reference", {"myregistry": REG})
    shown = page.run(0).json()
    assert shown["loginServer"] == f"{REG}.azurecr.io" and shown["dataEndpoints"][0]["region"] == "eastus"
    page.finish()


def test_tasks_base_images_trigger_off(lab):
    _registry(lab)
    assert lab.run(f"az acr task create -r {REG} -n mytask --cmd mcr.microsoft.com/hello-world -c /dev/null "
                   "-o none").exit_code == 0
    page = Page(lab, "container-registry-tasks-base-images", {"myregistry": REG})
    page.run(0, contains='"status": "Disabled"')
    page.finish()


def test_troubleshoot_login(lab):
    _registry(lab)
    page = Page(lab, "container-registry-troubleshoot-login-authn-authz", {"myregistry": REG})
    page.run(0, exit_code=1, contains="Cannot perform an interactive login from a non TTY device")
    page.run(1, contains="Login Succeeded")
    page.run(0, contains="Login Succeeded")  # now with the credential az acr login stored
    page.finish()


def test_troubleshoot_performance_dns(lab):
    _registry(lab)
    page = Page(lab, "container-registry-troubleshoot-performance", {"myregistry": REG})
    page.run(0, contains=f"{REG}.azurecr.io")
    page.finish()


def test_content_trust_deprecation_client_side(lab):
    page = Page(lab, "container-registry-content-trust-deprecation")
    page.run(0)
    assert lab.run("echo $DOCKER_CONTENT_TRUST").stdout.strip() == "0"
    page.run(1)
    assert lab.run("echo ${DOCKER_CONTENT_TRUST-unset}").stdout.strip() == "unset"
    page.finish()


def test_troubleshoot_customer_managed_keys_identity_assign(lab):
    """tutorial-troubleshoot-customer-managed-keys.md: re-assign the user-assigned identity the registry's key uses
    (the page shows the same command in two blocks)."""
    _registry(lab, rg="myresourcegroup")
    assert lab.run("az identity create -g myresourcegroup -n myidentity -o none").exit_code == 0
    sub = lab.cloud.subscription.subscription_id
    page = Page(lab, "tutorial-troubleshoot-customer-managed-keys", {"myRegistry": REG, "mysubscription": sub})
    for i in (1, 2):
        shown = page.run(i).json()
        assert shown["identity"]["type"] == "userAssigned"
        assert list(shown["identity"]["userAssignedIdentities"]) == [
            f"/subscriptions/{sub}/resourcegroups/myresourcegroup/providers/Microsoft.ManagedIdentity/"
            "userAssignedIdentities/myidentity"]
    page.finish()
