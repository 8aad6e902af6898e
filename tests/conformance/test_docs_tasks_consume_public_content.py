"""Consuming and maintaining public content with ACR Tasks, in a fresh lab each.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/buffer-gate-public-content.md and
tasks-consume-public-content.md. The Docker Hub account of the pages is `hubuser` with a personal access token, both made
with `lab dockerhub` (Docker Hub's public images are the lab's catalogue)."""

from __future__ import annotations

from .docs import Page


def hub_token(lab) -> str:
    """The reader's Docker Hub account, hubuser, and a personal access token of it."""
    assert lab.run("lab dockerhub signup hubuser --password hub-passw0rd").exit_code == 0
    return lab.run("lab dockerhub token create --description acr").stdout.strip()


def test_buffer_gate_public_content_import(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n bufreg01 -g rg --sku Standard -o none").exit_code == 0
    page = Page(lab, "buffer-gate-public-content", {"myregistry": "bufreg01", "<Docker Hub username>": "hubuser",
                                                    "<Docker Hub token>": hub_token(lab)})
    page.run(0)
    # hello-world is multi-arch: the import copies its index and every platform's image
    media = lab.run("az acr manifest list-metadata -r bufreg01 -n hello-world --query [].mediaType -o tsv").stdout
    assert "application/vnd.docker.distribution.manifest.list.v2+json" in media.split()
    assert lab.run('$resourceGroupName = "rg"; $RegistryName = "bufreg01"', shell="pwsh").exit_code == 0
    page.run(1, shell="pwsh")
    assert lab.run("az acr repository show-tags -n bufreg01 --repository busybox -o tsv").stdout.split() == ["latest"]
    page.finish()


REPOS = ("base-image-node", "import-baseimage-node", "hello-world")


def _setup_consume(lab) -> dict[str, str]:
    """The learner's forks of the three importing-public-content repositories (the page's prerequisite), and the
    page's placeholders: registry names of its own (the page's are taken: 'must be globally unique'), the forks'
    owner, the Git token (`lab git token`) and the Docker Hub account."""
    for repo in REPOS:
        assert lab.run(f"lab git fork https://github.com/importing-public-content/{repo}").exit_code == 0
    return {
        "<your-fork>": "learner", "<set-git-token-here>": lab.run("lab git token").stdout.strip(),
        "<yourusername>": "hubuser", "<yourtoken>": hub_token(lab),
        "REGISTRY_PUBLIC=publicregistry": "REGISTRY_PUBLIC=publicreg01",
        "REGISTRY_BASE_ARTIFACTS=contosobaseartifacts": "REGISTRY_BASE_ARTIFACTS=contosobase01",
        "REGISTRY=contoso\n": "REGISTRY=contosoapps01\n"}


def _commit(lab, repo: str, dockerfile: str) -> None:
    """The page's base image change: the fork's Dockerfile edited and pushed (a commit the node task follows)."""
    r = lab.run(f"rm -rf {repo} && git clone -q https://github.com/learner/{repo}")
    assert r.exit_code == 0, r.output
    lab.write_file(f"{repo}/Dockerfile", dockerfile)
    r = lab.run(f"cd {repo} && git commit -qam 'Update the base image' && git push -q origin main && cd ..")
    assert r.exit_code == 0, r.output


def _rows(result) -> list[list[str]]:
    return [line.split() for line in result.stdout.splitlines() if line[:1].isalnum() and not line.startswith(
        ("RUN ID", "Every "))]


def test_tasks_consume_public_content(lab):
    page = Page(lab, "tasks-consume-public-content", _setup_consume(lab))
    page.run(0)
    page.run(1)
    page.run(2)
    page.run(3)
    page.run(4)
    # the page's set-policy blocks grant the tasks' identities `get` through access policies: its vault must use them
    # (az keyvault create has made Azure RBAC vaults since azure-cli 2.61, where set-policy is refused)
    page.subs["--name $AKV\n"] = "--name $AKV --enable-rbac-authorization false\n"
    page.run(5)
    assert lab.run("az keyvault show -n acr-task-credentials --query properties.enableRbacAuthorization -o tsv"
                   ).stdout.strip() == "false"
    page.run(6)
    page.run(7, contains="ghp_")
    page.run(8)
    task = page.run(9).json()
    assert task["identity"]["type"] == "SystemAssigned"
    page.run(10, contains='"identity": "[system]"')
    page.run(11)
    r = page.run(12)
    assert "Successfully pushed image: publicreg01.azurecr.io/node:15-alpine" in r.output
    assert page.run(13).json() == ["15-alpine", "15-alpine-ca1"]
    page.run(14)
    page.run(15)
    page.run(16)
    page.run(17)
    page.run(18)
    page.run(19)
    r = page.run(20)
    assert "Successfully pushed image: contosoapps01.azurecr.io/hello-world:ca1" in r.output
    ip = page.run(21).stdout.strip()
    assert ip.count(".") == 3
    # Update the base image with a "questionable" change: the fork's Dockerfile (block 22) is committed
    _commit(lab, "base-image-node", page.code(22))
    rows = _rows(page.run(23))
    assert rows[0][:5] == ["ca2", "node-public", "linux", "Succeeded", "Commit"], rows
    page.skip(24, "the output of the block above, as the page prints it")
    page.run(25, contains="BACKGROUND_COLOR Orange")
    rows = _rows(page.run(26))
    assert rows[0][:4] == ["ca2", "hello-world", "linux", "Succeeded"] and rows[0][4:6] == ["Image", "Update"], rows
    page.skip(27, "the output of the block above, as the page prints it")
    page.run(28)
    page.run(29)
    # Add automation testing: the import-baseimage-node fork's test.sh (block 30, run here as the learner reads it)
    # and Dockerfile (block 31) validate the base image before it is imported (the fork's acr-task.yaml: block 32)
    page.run(30, contains="Validation Complete - No Known Errors")
    page.run(33)
    page.run(34)
    page.run(35)
    r = page.run(36)
    for line in ("NODE_VERSION: 15-alpine\nBACKGROUND_COLOR: Orange", "Step ID: validate-base-image marked as "
                 "successful", "Successfully pushed image: contosobase01.azurecr.io/node:15-alpine"):
        assert line in r.output, line
    assert lab.run("git clone -q https://github.com/learner/import-baseimage-node && cd import-baseimage-node"
                   ).exit_code == 0
    page.run(37)
    assert lab.run("cd ..").exit_code == 0
    page.run(38)
    page.run(39)
    page.run(40)
    r = page.run(41)
    assert "runtime-dependency:\n    registry: contosobase01.azurecr.io\n    repository: node" in r.output
    # A "valid" change (block 42) flows through: node-public, then the gated import, then hello-world
    _commit(lab, "base-image-node", page.code(42))
    assert _rows(page.run(43))[0][4] == "Commit"
    page.run(44, contains="BACKGROUND_COLOR Green")
    rows = _rows(page.run(45))
    assert rows[0][1:4] == ["base-import-node", "linux", "Succeeded"] and rows[0][4:6] == ["Image", "Update"], rows
    page.run(46, contains="BACKGROUND_COLOR: Green")
    rows = _rows(page.run(47))
    assert rows[0][1:4] == ["hello-world", "linux", "Succeeded"] and rows[0][4:6] == ["Image", "Update"], rows
    page.run(48, contains="Successfully pushed image: contosoapps01.azurecr.io/hello-world:")
    page.run(49)
    # The gated workflow: a Red base image (block 50) fails validation, so nothing reaches the base artifacts
    # registry and hello-world does not rebuild
    before = lab.run("az acr task list-runs -r contosoapps01 --query 'length(@)'").json()
    _commit(lab, "base-image-node", page.code(50))
    assert _rows(page.run(51))[0][3] == "Succeeded"
    page.run(52, contains="BACKGROUND_COLOR Red")
    rows = _rows(page.run(53))
    assert rows[0][1:4] == ["base-import-node", "linux", "Failed"], rows
    r = page.run(54)
    for line in ("BACKGROUND_COLOR: Red", "ERROR: Invalid Color:", "Container failed during run: validate-base-image. "
                 "No retries remaining.", "failed to run step ID: validate-base-image: exit status 1"):
        assert line in r.output, line
    page.skip(55, "the output of the block above, as the page prints it")
    assert lab.run("az acr task list-runs -r contosoapps01 --query 'length(@)'").json() == before
    page.run(56)
    assert lab.run("az group list --query 'length(@)'").json() == 0
    page.finish()
