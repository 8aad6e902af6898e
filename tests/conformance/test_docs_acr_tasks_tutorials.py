"""The ACR Tasks quickstart and tutorials, in a fresh lab each, block by block.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-quickstart-task-cli.md
and container-registry-tutorial-quick-task.md. The tutorial's learner forks Azure-Samples/acr-build-helloworld-node
on GitHub (`lab git fork`: the learner's user is `learner`) and clones the fork; `<registry-name>` is tasksreg01 (its resource group has the same
name, as the page sets RES_GROUP=$ACR_NAME)."""

from __future__ import annotations

from .docs import Page


def test_quickstart_task_cli(lab):
    page = Page(lab, "container-registry-quickstart-task-cli")
    page.run(0)
    page.run(1, contains='"loginServer": "mycontainerregistry008.azurecr.io"')
    page.run(2)
    build = page.run(3)
    for line in ("Queued a build with ID: ca1", "Waiting for an agent...", "Successfully pushed image: "
                 "mycontainerregistry008.azurecr.io/sample/hello-world:v1", "The following dependencies were found:",
                 "Run ID: ca1 was successful after"):
        assert line in build.output, line
    page.skip(4, "the output of the block above, as the page prints it")
    run = page.run(5)
    assert "Hello from Docker!" in run.output and "Run ID: ca2 was successful after" in run.output
    page.skip(6, "the output of the block above, as the page prints it")
    page.run(7, answer="y")
    assert lab.run("az group exists -n myResourceGroup").stdout.strip() == "false"
    page.finish()


def test_tutorial_quick_task(lab):
    assert lab.run("lab git fork https://github.com/Azure-Samples/acr-build-helloworld-node").exit_code == 0
    page = Page(lab, "container-registry-tutorial-quick-task", {
        "<your-github-username>": "learner", "<registry-name>": "tasksreg01",
        "--file /path/to/Dockerfile /path/to/build/context.": "."})
    page.run(0)
    page.run(1)
    assert "Dockerfile" in lab.run("ls").stdout.split()
    page.run(2)
    page.run(3)
    build = page.run(4)
    assert "Successfully pushed image: tasksreg01.azurecr.io/helloacrtasks:v1" in build.output
    assert "The following dependencies were found:" in build.output
    page.run(6)
    # a new vault uses Azure RBAC (az keyvault create's default since azure-cli 2.61): the subscription Owner holds
    # no data actions on secrets until a Key Vault role says so
    page.run(7, exit_code=1, contains="Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'")
    assert lab.run("az role assignment create --role 'Key Vault Secrets Officer' --assignee "
                   "$(az ad signed-in-user show --query id -o tsv) --scope $(az keyvault show -n tasksreg01-vault "
                   "--query id -o tsv) -o none").exit_code == 0
    page.run(7)
    page.run(8)
    assert lab.run("az keyvault secret show --vault-name tasksreg01-vault --name tasksreg01-pull-usr --query value "
                   "-o tsv").stdout.strip() == lab.run("az ad sp list --display-name tasksreg01-pull --query "
                                                       "[0].appId -o tsv").stdout.strip()
    # the page's default role is for ABAC-enabled registries; this registry has the default RBAC mode, where the
    # Container Registry Repository roles grant nothing: as its comment says, use AcrPull
    page.run(9, exit_code=1, contains="(InaccessibleImage) The image 'tasksreg01.azurecr.io/helloacrtasks:v1'")
    page.subs['ROLE="Container Registry Repository Reader"'] = 'ROLE="AcrPull"'
    page.run(7)
    page.run(9, contains="acr-tasks-tasksreg01.eastus.azurecontainer.io")
    # the lab runs no containers: attach shows ACI's state and events, then says there is no output to stream
    r = page.run(11, exit_code=1, contains="Container 'acr-tasks' is in state 'Running'...")
    assert 'Successfully pulled image "tasksreg01.azurecr.io/helloacrtasks:v1"' in r.stdout
    assert "Start streaming logs:" in r.stdout and "containers do not run in this lab" in r.stderr
    page.run(13, answer="y")
    app = lab.run("az ad sp list --display-name tasksreg01-pull --query [0].appId -o tsv").stdout.strip()
    # service principals no longer get an http:// name since azure-cli 2.37 (Microsoft Graph): delete by appId
    page.run(14, answer="y", exit_code=1, contains="Service principal 'http://tasksreg01-pull' doesn't exist")
    assert lab.run(f"az ad sp delete --id {app}").exit_code == 0
    assert lab.run("az group exists -n tasksreg01").stdout.strip() == "false"
    page.finish()
