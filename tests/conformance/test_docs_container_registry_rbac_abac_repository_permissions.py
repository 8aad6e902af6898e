"""'Azure attribute-based access control (Azure ABAC) for repository permissions', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-rbac-abac-repository-permissions.md. The page's user `user@contoso.com` is a user of the lab's
tenant; the conditions it prints without a language are set into `$condition` the way its first one is (a quoted
here-document through `tr -d '\\n'`). The condition's effect is checked by signing in as that user and pulling."""

from __future__ import annotations

from .docs import Page

REG = "abacreg01"
USER = "dev@contoso.onmicrosoft.com"
SETUP = f"""az group create -n rg -l westus -o none
az ad user create --display-name Dev --user-principal-name {USER} --password "Passw0rd!2345" -o none"""


def set_condition(lab, page: Page, index: int) -> None:
    assert lab.run(f"condition=$(cat <<'EOF' | tr -d '\\n'\n{page.code(index)}EOF\n)").exit_code == 0


def pulls_as_user(lab, repositories: list[str]) -> dict[str, bool]:
    """Sign in as the user, try each pull, and come back to the learner's own sign-in."""
    lab.run(f"az login -u {USER} -p 'Passw0rd!2345' -o none && az acr login -n {REG} -o none")
    result = {repo: lab.run(f"docker pull {REG}.azurecr.io/{repo}:latest").exit_code == 0 for repo in repositories}
    lab.run("az login -o none")
    return result


def test_rbac_abac_repository_permissions(lab):
    assert lab.run(SETUP).exit_code == 0
    sub = lab.run("az account show --query id -o tsv").stdout.strip()
    page = Page(lab, "container-registry-rbac-abac-repository-permissions", {
        "<registry-name>": REG, "<resource-group>": "rg", "<sku>": "Standard", "<location>": "westus",
        "user@contoso.com": USER, "<principal-id-or-group-object-id>": USER, "<subscription-id>": sub})
    page.run(0, contains='"roleAssignmentMode": "AbacRepositoryPermissions"')
    assert page.run(1).stdout.strip() == '"AbacRepositoryPermissions"'
    page.run(2, contains='"roleAssignmentMode": "AbacRepositoryPermissions"')
    assert lab.run(f"az acr import -n {REG} --source mcr.microsoft.com/hello-world:latest -o none\n"
                   f"az acr import -n {REG} --source docker.io/library/alpine:latest -o none").exit_code == 0
    page.run(4)
    assert "StringEqualsIgnoreCase 'hello-world' ))" in page.run(5).stdout
    page.run(6)
    page.run(7, contains='"conditionVersion": "2.0"')
    assert pulls_as_user(lab, ["hello-world", "alpine"]) == {"hello-world": True, "alpine": False}
    set_condition(lab, page, 9)
    page.run(10, contains='"principalType": "User"')
    set_condition(lab, page, 12)
    page.run(13, contains='"principalType": "User"')
    # migrating from the legacy roles: the user held AcrPull before the registry moved to ABAC mode
    assert lab.run(f"az acr update -n {REG} --role-assignment-mode rbac -o none\n"
                   f"az role assignment create --assignee {USER} --role AcrPull --scope $scope -o none").exit_code == 0
    page.run(15, contains='"principalType": "User"')
    page.run(16, contains='"roleAssignmentMode": "AbacRepositoryPermissions"')
    page.run(17)
    roles = lab.run(f"az role assignment list --assignee {USER} --scope $scope --query [].roleDefinitionName -o tsv")
    assert "AcrPull" not in roles.stdout.split("\n")
    assert "Container Registry Repository Catalog Lister" in roles.stdout
    page.finish()
