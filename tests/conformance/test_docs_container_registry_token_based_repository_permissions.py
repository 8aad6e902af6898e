"""'Create a token with repository-scoped permissions', in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-token-based-repository-permissions.md. The page's registry `myregistry` is a Basic registry
here; "Create token and specify scope map" creates MyToken again (new passwords), so `<token password>` is the
password1 that create printed. `--repository *` runs in an empty directory, where bash leaves the `*` as typed."""

from __future__ import annotations

from .docs import Page

REG = "tokenreg01"


def test_token_based_repository_permissions(lab):
    assert lab.run(f"az group create -n rg -l eastus -o none\naz acr create -n {REG} -g rg --sku Basic -o none"
                   ).exit_code == 0
    page = Page(lab, "container-registry-token-based-repository-permissions", {"myregistry": REG})
    out = page.run(0, contains='"username": "MyToken"').stdout
    assert '"repositories/samples/hello-world/content/write"' not in out  # the token points at its scope map
    page.skip(1, "the output of the block above, as the page prints it")
    page.run(2, contains='"repositories/samples/hello-world/content/read"')
    created = page.run(3, contains='"username": "MyToken"').json()
    assert created["scopeMapId"].endswith("/scopeMaps/MyScopeMap")
    page.subs["<token password>"] = created["credentials"]["passwords"][0]["value"]
    page.run(4, contains='"repositories/samples/*/content/write"')
    assert lab.run(f"az acr token delete -n MyTokenWildcard -r {REG} -y").exit_code == 0
    page.run(5, contains='"username": "MyTokenWildcard"')
    # the same token name with other repositories: its default scope map already says something else
    page.run(6, exit_code=1, contains="The default scope map was already configured with different repository "
                                      "permissions.")
    assert lab.run(f"az acr token delete -n MyTokenWildcard -r {REG} -y\n"
                   f"az acr scope-map delete -n MyTokenWildcard-scope-map -r {REG} -y").exit_code == 0
    page.run(6, contains='"username": "MyTokenWildcard"')
    assert lab.run(f"az acr scope-map show -n MyTokenWildcard-scope-map -r {REG} --query actions -o tsv"
                   ).stdout.split() == ["repositories/*/content/write", "repositories/*/content/read"]
    page.run(7, contains="Status: Downloaded newer image for mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine")
    page.run(8, contains="Login Succeeded")
    page.skip(9, "docker login's output, as the page prints it")
    page.run(10, contains="v1: digest: sha256:")
    page.run(11, exit_code=1, contains="denied: requested access to the resource is denied")  # not in its map
    page.run(12, contains='"repositories/samples/nginx/content/write"')
    page.run(13, contains="v1: digest: sha256:")
    page.run(14, exit_code=1, contains="denied")  # content/write removed from samples/hello-world
    page.run(15, contains="Status: Image is up to date for")
    page.run(16, contains='"repositories/samples/nginx/content/delete"')
    page.run(17, answer="y")  # az asks before deleting the repository
    assert "samples/nginx" not in lab.run(f"az acr repository list -n {REG} -o tsv").stdout
    page.run(18, contains='"repositories/samples/hello-world/metadata/read"')
    page.run(19, contains='"v1"')
    page.skip(20, "the output of the block above, as the page prints it")
    page.run(21, contains="MyScopeMap                         UserDefined")
    page.run(23, contains='"name": "MyScopeMap"')
    page.run(24, contains="MyToken          MyScopeMap")
    page.run(25)
    new_password = lab.run("echo $TOKEN_PWD").stdout.strip()
    assert new_password and new_password != page.subs["<token password>"]
    assert lab.run(f"echo $TOKEN_PWD | docker login -u MyToken --password-stdin {REG}.azurecr.io").exit_code == 0
    page.run(26, exit_code=3, contains="MyNewScopeMap' under resource group 'rg' was not found")
    assert lab.run(f"az acr scope-map create -n MyNewScopeMap -r {REG} --repository samples/nginx content/read "
                   "-o none").exit_code == 0
    page.run(26, contains="/scopeMaps/MyNewScopeMap")
    page.run(27, contains='"status": "disabled"')
    r = lab.run(f"docker pull {REG}.azurecr.io/samples/hello-world:v1")
    assert r.exit_code == 1  # a disabled token's password no longer signs in
    page.run(28, answer="y")
    assert "MyToken\n" not in lab.run(f"az acr token list -r {REG} --query [].name -o tsv").stdout
    page.finish()
