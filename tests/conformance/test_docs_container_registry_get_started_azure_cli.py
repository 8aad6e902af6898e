"""The quickstart 'Create a private container registry using the Azure CLI', page by page, in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-get-started-azure-cli.md
and the includes it shows (includes/container-registry-quickstart-docker-push.md, -docker-pull.md); blocks in
tests/conformance/docs_blocks/."""

from __future__ import annotations

from .docs import Page


def test_quickstart_azure_cli(lab):
    page = Page(lab, "container-registry-get-started-azure-cli")
    page.run(0, contains='"provisioningState": "Succeeded"')  # Create a resource group
    r = page.run(1)  # Create a container registry: ABAC mode, a TenantReuse domain name label
    created = r.json()
    assert created["roleAssignmentMode"] == "AbacRepositoryPermissions"
    login_server = created["loginServer"]
    assert login_server.startswith("mycontainerregistry-") and login_server.endswith(".azurecr.io")
    page.subs["<registry-name>"] = "mycontainerregistry"
    page.run(3, contains="Login Succeeded")
    page.run(4, contains="Login Succeeded")
    push = Page(lab, "includes/container-registry-quickstart-docker-push", {"<login-server>": login_server})
    push.run(0)
    push.skip(1, "the include's example for a registry whose login server has a hash suffix; block 2 is the plain one")
    push.subs["mycontainerregistry.azurecr.io"] = login_server  # 'use your login server' (the page's own words)
    push.run(2)
    # The registry is in 'RBAC Registry + ABAC Repository Permissions' mode: Owner grants control-plane access only
    # (container-registry-rbac-abac-repository-permissions.md), so the page's push is denied until the learner has a
    # Container Registry Repository role; the lab answers as Azure does, and the test then grants the role.
    push.run(3, exit_code=1, contains="denied: requested access to the resource is denied")
    me = lab.run("az ad signed-in-user show --query id -o tsv").stdout.strip()
    acr_id = lab.run("az acr show -n mycontainerregistry --query id -o tsv").stdout.strip()
    assert lab.run(f'az role assignment create --assignee {me} --role "Container Registry Repository Contributor" '
                   f"--scope {acr_id} -o none").exit_code == 0
    push.run(3, contains="v1: digest: sha256:")
    push.run(4, contains="Untagged:")
    pull = Page(lab, "includes/container-registry-quickstart-docker-pull", {"<login-server>": login_server})
    pull.run(0, contains="Hello from Docker!")
    # listing repositories in an ABAC-mode registry needs Container Registry Repository Catalog Lister (the
    # Repository roles exclude catalog listing: container-registry-rbac-abac-repository-permissions.md)
    page.run(5, exit_code=1, contains="requested access to the resource is denied")
    assert lab.run(f'az role assignment create --assignee {me} --role "Container Registry Repository Catalog Lister" '
                   f"--scope {acr_id} -o none").exit_code == 0
    r = page.run(5)
    assert r.stdout.split() == ["Result", "-----------", "hello-world"]
    r = page.run(7)
    assert r.stdout.split() == ["Result", "--------", "v1"]
    page.run(9, answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    page.finish()
