"""'Automate container image builds when a base image is updated in another private container registry', in a fresh
lab, block by block.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tutorial-private-base-image-update.md. The tutorials' prerequisites (a registry, the sample forked
under the learner's GitHub user `learner` and cloned, a PAT from `lab git token`) plus the base registry basereg01; the
commands run in the clone, as the page asks."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n tasksrg -l eastus -o none
az acr create -n tasksreg01 -g tasksrg --sku Standard -o none
az acr create -n basereg01 -g tasksrg --sku Basic -o none
lab git fork https://github.com/Azure-Samples/acr-build-helloworld-node
git clone -q https://github.com/learner/acr-build-helloworld-node
cd acr-build-helloworld-node"""


def _rows(result) -> list[list[str]]:
    return [line.split() for line in result.stdout.splitlines()[2:]]


def test_tutorial_private_base_image_update(lab):
    r = lab.run(SETUP)
    assert r.exit_code == 0, r.output
    page = Page(lab, "container-registry-tutorial-private-base-image-update", {
        "<base-registry-name>": "basereg01", "<registry-name>": "tasksreg01", "<github-username>": "learner",
        "<personal-access-token>": lab.run("lab git token").stdout.strip()})
    page.run(0)
    page.run(1, contains="Successfully pushed image: basereg01.azurecr.io/baseimages/node:15-alpine")
    task = page.run(2).json()
    assert task["identity"]["type"] == "SystemAssigned"
    assert task["step"]["arguments"] == [{"isSecret": False, "name": "REGISTRY_NAME", "value": "basereg01.azurecr.io"}]
    assert "FROM ${REGISTRY_NAME}/baseimages/node:15-alpine" in lab.run("cat Dockerfile-app").stdout  # block 3
    page.run(4)
    # the page's default role is for ABAC-enabled registries: on this registry (default RBAC mode) it grants no pull,
    # so the run cannot read the base image; as the comment says, a non-ABAC registry takes AcrPull
    page.run(5)
    page.run(6, contains='"identity": "[system]"')
    r = page.run(7, exit_code=1)
    assert "failed to resolve source metadata for basereg01.azurecr.io/baseimages/node:15-alpine" in r.output
    page.subs['ROLE="Container Registry Repository Reader"'] = 'ROLE="AcrPull"'
    page.run(5)
    r = page.run(7)
    for line in ("Successfully pushed image: tasksreg01.azurecr.io/helloworld:ca2", "runtime-dependency:\n"
                 "    registry: basereg01.azurecr.io\n    repository: baseimages/node\n    tag: 15-alpine"):
        assert line in r.output, line
    page.run(8)
    page.subs["<run-id>"] = "ca2"
    page.run(9)
    assert "myapp" in lab.run("docker ps").stdout
    page.run(10)
    rows = page.run(11)
    assert [row[:5] for row in _rows(rows)] == [["ca2", "baseexample2", "linux", "Succeeded", "Manual"],
                                                ["ca1", "baseexample2", "linux", "Failed", "Manual"]]
    # Update the base image (block 13 is the Dockerfile-base line the page edits), then rebuild it in basereg01:
    # the app task in the other registry follows its runtime base image and runs ('Image Update')
    assert lab.run("sed -i 's/^ENV NODE_VERSION .*/ENV NODE_VERSION 15.2.1a/' Dockerfile-base").exit_code == 0
    page.run(14, contains="Successfully pushed image: basereg01.azurecr.io/baseimages/node:15-alpine")
    rows = _rows(page.run(15))
    assert rows[0][:4] == ["ca3", "baseexample2", "linux", "Succeeded"] and rows[0][4:6] == ["Image", "Update"], rows
    page.run(16)
    page.subs["<run-id>"] = "ca3"
    page.run(18)
    env = lab.run("docker inspect tasksreg01.azurecr.io/helloworld:ca3 --format '{{json .Config.Env}}'").json()
    assert "NODE_VERSION=15.2.1a" in env, env  # the app image now carries the updated base image
    page.run(19)
    page.finish()
