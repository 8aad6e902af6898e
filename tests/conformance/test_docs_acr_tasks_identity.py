"""ACR Tasks with managed identities, in a fresh lab each, block by block.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tasks-authentication-managed-identity.md and container-registry-tasks-cross-registry-authentication.md
with the includes they show (includes/container-registry-tasks-user-assigned-id.md,
includes/container-registry-tasks-system-id-properties.md). `myregistry` (a name Azure keeps taken) is tasksid01;
mybaseregistry is tasksbase01; MyRegistry/targetregistry are registries of the learner's."""

from __future__ import annotations

from .docs import Page

SETUP = """az group create -n myResourceGroup -l eastus -o none
az acr create -n tasksid01 -g myResourceGroup --sku Standard -o none
az acr create -n tasksbase01 -g myResourceGroup --sku Basic -o none"""


def test_tasks_authentication_managed_identity(lab):
    assert lab.run(SETUP + "\naz identity create -g myResourceGroup -n myUserAssignedIdentity -o none").exit_code == 0
    mi = lab.run("az identity show -g myResourceGroup -n myUserAssignedIdentity").json()
    page = Page(lab, "container-registry-tasks-authentication-managed-identity", {
        "MyRegistry": "tasksid01", "myregistry": "tasksid01", "<resourceID>": mi["id"],
        "targetregistry.azurecr.io": "tasksbase01.azurecr.io", "<clientID>": mi["clientId"]})
    task = page.run(0).json()
    assert task["identity"]["type"] == "SystemAssigned"
    # the page's second example lacks the `\\` after `false`: bash runs the create alone, then fails on the next line
    page.run(1, exit_code=127, contains="--assign-identity: command not found")
    shown = lab.run("az acr task show -n hello-world -r tasksid01 --query identity")
    assert shown.exit_code == 0 and shown.stdout.strip() == ""  # identity null: az prints nothing
    page.subs["--commit-trigger-enabled false\n"] = "--commit-trigger-enabled false \\\n"
    task = page.run(1).json()
    assert task["identity"]["type"] == "UserAssigned" and mi["id"] in task["identity"]["userAssignedIdentities"]
    page.skip(2, "the resource ID format, as the page prints it")
    page.subs.update({"<principalID>": mi["principalId"],
                      "<registryID>": lab.run("az acr show -n tasksbase01 --query id -o tsv").stdout.strip()})
    page.run(3)  # the page's default role is for ABAC-enabled registries: on this RBAC one it grants nothing
    assert lab.run("az role assignment list --assignee " + mi["principalId"] + " --all --query [].roleDefinitionName "
                   "-o tsv").stdout.splitlines() == ["Container Registry Repository Reader"]
    page.subs["--name helloworld"] = "--name hello-world"  # the task the page created above
    page.run(4)  # the system identity's credential (the task has none: a run would fail to log in with it)
    assert lab.run("az acr task credential remove -n hello-world -r tasksid01 --login-server tasksbase01.azurecr.io"
                   ).exit_code == 0  # the two blocks are alternatives: one credential per login server
    page.subs["--use-identity <clientID>"] = f"--use-identity {mi['clientId']}"
    page.run(5)
    page.finish()


def test_tasks_cross_registry_authentication(lab):
    """A task in tasksid01 builds FROM a base image in tasksbase01 and logs in there with a managed identity: first a
    user-assigned one, then (option 2) the task's system-assigned one. The role is AcrPull: the registries have the
    default RBAC mode, and the page's default role is for ABAC-enabled registries (its comment says so)."""
    assert lab.run(SETUP).exit_code == 0
    subs = {"myregistry": "tasksid01", "mybaseregistry": "tasksbase01", "<task_name>": "helloworldtask",
            "<registry_name>": "tasksid01", 'ROLE="Container Registry Repository Reader"': 'ROLE="AcrPull"'}
    page = Page(lab, "container-registry-tasks-cross-registry-authentication", subs)
    page.run(0)
    lab.write_file("helloworldtask.yaml", page.code(1))  # the YAML the page asks the reader to save
    user_id = Page(lab, "includes/container-registry-tasks-user-assigned-id")
    user_id.run(0, contains='"name": "myACRTasksId"')
    user_id.run(1)
    user_id.finish()
    assert page.run(2).json()["identity"]["type"] == "UserAssigned"
    page.run(3)
    page.run(4)
    r = page.run(9, exit_code=1)  # no credential for the base registry yet: its FROM is refused
    assert "failed to resolve source metadata for tasksbase01.azurecr.io/baseimages/node:15-alpine: unauthorized" \
        in r.output
    # the block adds the user-assigned and the system-assigned credential in turn; one per login server
    page.run(8, exit_code=1, contains="Login server 'tasksbase01.azurecr.io' already exists.")
    r = page.run(9)
    assert "runtime-dependency:\n    registry: tasksbase01.azurecr.io" in r.output
    run_id = r.output.split("Run ID: ")[-1].split()[0]
    assert page.run(11).stdout.split() == [run_id]
    page.skip(12, "the output of the block above, as the page prints it")
    # Option 2: the task's system-assigned identity (the task is created anew, without credentials)
    assert page.run(5).json()["identity"]["type"] == "SystemAssigned"
    system_id = Page(lab, "includes/container-registry-tasks-system-id-properties", subs)
    system_id.skip(0, "the output of the command above, as the page prints it")
    system_id.run(1)
    system_id.finish()
    page.run(6)
    page.run(7)
    system_part = page.code(8).split("# Add credentials for system-assigned identity to the task")[1]
    assert lab.run(system_part).exit_code == 0
    page.run(9, contains="runtime-dependency:\n    registry: tasksbase01.azurecr.io")
    assert len(page.run(11).stdout.split()) == 2
    page.finish()
