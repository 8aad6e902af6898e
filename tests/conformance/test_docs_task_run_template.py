"""'Run ACR Tasks using Resource Manager templates', in a fresh lab: the page deploys Azure/acr's run-as-deployment
templates by URL (the lab's public web serves them: engine/public_web), a registry with a nested taskRuns child, then a
task run with a user-assigned identity that pulls its base image from another registry.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-task-run-template.md and
includes/container-registry-tasks-user-assigned-id.md; the templates: Azure/acr
docs/tasks/run-as-deployment/{quickdockerbuild,quickdockerbuildwithidentity}/azuredeploy.json. The learner's fork of
Azure-Samples/acr-build-helloworld-node is under `learner`; `mybaseregistry` is basereg01."""

from __future__ import annotations

from .docs import Page

FORK = """lab git fork https://github.com/Azure-Samples/acr-build-helloworld-node
git clone -q https://github.com/learner/acr-build-helloworld-node
cd acr-build-helloworld-node"""


def test_task_run_template(lab):
    assert lab.run("az group create -n myResourceGroup -l eastus -o none").exit_code == 0
    page = Page(lab, "container-registry-task-run-template", {"mybaseregistry": "basereg01",
                                                               "<your-GitHub-ID>": "learner"})
    dep = page.run(0).json()
    assert dep["properties"]["provisioningState"] == "Succeeded"
    assert dep["properties"]["outputs"]["repository"]["value"] == "helloworld-node"
    tags = page.run(1).stdout.split()
    assert tags == ["Result", "--------", "testrun"]
    page.skip(2, "the output of the block above, as the page prints it")
    rows = [line.split() for line in page.run(3).stdout.splitlines()[2:]]
    assert [r[:4] for r in rows] == [["ca1", "linux", "Succeeded", "Manual"]]  # a task run belongs to no task
    page.skip(4, "the output of the block above, as the page prints it")
    page.run(5, contains="Successfully pushed image: mycontainerregistry.azurecr.io/helloworld-node:testrun")
    # Example with a managed identity: the base registry, its node:9-alpine image, the fork's Dockerfile-test
    assert lab.run("az acr create -n basereg01 -g myResourceGroup --sku Basic -o none").exit_code == 0
    r = page.run(6)
    assert "basereg01.azurecr.io/baseimages/node" in r.output
    r = lab.run(FORK)
    assert r.exit_code == 0, r.output
    lab.write_file("Dockerfile-test", page.code(7))  # block 7: the file the page commits in the GitHub UI
    r = lab.run("git add Dockerfile-test && git commit -qm 'Add Dockerfile-test' && git push -q origin main")
    assert r.exit_code == 0, r.output
    user_id = Page(lab, "includes/container-registry-tasks-user-assigned-id")
    user_id.run(0, contains='"name": "myACRTasksId"')
    user_id.run(1)
    user_id.finish()
    page.run(8)
    # the page's default role is for ABAC-enabled registries; basereg01 has the default RBAC mode, where it grants no
    # pull: the run cannot read its base image, and the deployment fails with the run
    page.run(9)
    page.run(10, exit_code=1, contains='"code":"DeploymentFailed"')
    r = lab.run("az acr taskrun logs -r mycontainerregistry -n basetask")
    assert "failed to resolve source metadata for basereg01.azurecr.io/baseimages/node:9-alpine: denied: requested " \
        "access to the resource is denied" in r.output, r.output
    page.subs['ROLE="Container Registry Repository Reader"'] = 'ROLE="AcrPull"'
    page.run(9)
    dep = page.run(10).json()  # the same task run again: a failed one runs anew
    assert dep["properties"]["provisioningState"] == "Succeeded"
    tags = page.run(11).stdout.split()
    assert sorted(tags[2:]) == ["basetask", "testrun"], tags
    shown = lab.run("az acr taskrun show -r mycontainerregistry -n basetask --query identity.type -o tsv")
    assert shown.stdout.strip() == "UserAssigned"
    page.skip(12, "the output of the block above, as the page prints it")
    log = lab.run("az acr task logs -r mycontainerregistry").output
    assert "runtime-dependency:\n    registry: basereg01.azurecr.io\n    repository: baseimages/node\n    tag: 9-alpine" \
        in log, log
    page.finish()
