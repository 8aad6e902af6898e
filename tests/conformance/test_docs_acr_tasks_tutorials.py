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
    page.run(14, answer="y", exit_code=3, contains="Service principal 'http://tasksreg01-pull' doesn't exist")
    assert lab.run(f"az ad sp delete --id {app}").exit_code == 0
    assert lab.run("az group exists -n tasksreg01").stdout.strip() == "false"
    page.finish()


TUTORIAL_SETUP = """az group create -n tasksrg -l eastus -o none
az acr create -n tasksreg01 -g tasksrg --sku Standard -o none
lab git fork https://github.com/Azure-Samples/acr-build-helloworld-node
git clone https://github.com/learner/acr-build-helloworld-node"""
"""The tutorials' prerequisites (includes/container-registry-task-tutorial-prereq.md): a registry, the sample forked
under the learner's GitHub account and cloned, and a GitHub personal access token (`lab git token`)."""


def _tutorial_setup(lab) -> dict[str, str]:
    """Runs TUTORIAL_SETUP; the placeholders' values (the PAT from `lab git token`)."""
    r = lab.run(TUTORIAL_SETUP)
    assert r.exit_code == 0, r.output
    pat = lab.run("lab git token").stdout.strip()
    return {"<registry-name>": "tasksreg01", "<github-username>": "learner", "<personal-access-token>": pat}


GIT_PROMPT = "git's credential prompt as the page prints it (the lab's git push uses the stored token)"


def test_tutorial_build_task(lab):
    """The page's task follows #master while its commit goes to main (the sample has both branches): that push
    triggers nothing; with the task on #main, as the multi-step tutorial writes it, the commit runs the task."""
    page = Page(lab, "container-registry-tutorial-build-task", _tutorial_setup(lab))
    page.run(0)
    task = page.run(1).json()
    assert task["trigger"]["sourceTriggers"][0]["sourceTriggerEvents"] == ["commit"]
    manual = page.run(3)
    assert "Successfully pushed image: tasksreg01.azurecr.io/helloworld:ca1" in manual.output
    page.run(5)
    page.run(6, contains="main -> main")
    page.skip(7, GIT_PROMPT)
    page.run(8, contains="Run ID: ca1 was successful")  # still the manual run: nothing watched main
    page.subs["#master"] = "#main"
    page.run(1)
    assert lab.run('echo "Hello again" >> hello.txt && git commit -qam "Testing ACR Tasks again" && '
                   "git push -q origin main").exit_code == 0
    logs = page.run(8)
    assert "Showing logs of the last created run." in logs.output and "Run ID: ca2 was successful" in logs.output
    rows = [line.split() for line in page.run(10).stdout.splitlines()[2:]]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [("ca2", "taskhelloworld", "Succeeded", "Commit"),
                                                        ("ca1", "taskhelloworld", "Succeeded", "Manual")]
    page.finish()


def test_tutorial_multistep_task(lab):
    """The sample's taskmulti.yaml: build, run the image detached (a `cmd:` step that begins with docker-run flags),
    `docker stop` it, push. The second registry (mycontainerregistrydate) is reached with a service principal's
    credentials (`az acr task credential add`)."""
    page = Page(lab, "container-registry-tutorial-multistep-task", _tutorial_setup(lab))
    # the page shows the sample's file but for its first line (the repository says `version: v1.0.0`)
    def lines(text):
        return [line.rstrip() for line in text.strip().splitlines()]
    same = lines(lab.run("cat acr-build-helloworld-node/taskmulti.yaml").stdout)
    assert same[1:] == lines(page.code(0))[1:] and same[0] == "version: v1.0.0"
    page.run(1)
    page.run(2, contains='"taskFilePath": "taskmulti.yaml"')
    run = page.run(4)
    for line in ("Executing step ID: test.", "Executing step ID: acb_step_2.", "Successfully pushed image: "
                 "tasksreg01.azurecr.io/hello-world:ca1", "Run ID: ca1 was successful"):
        assert line in run.output, line
    page.run(6)
    page.run(7, contains="main -> main")
    page.skip(8, GIT_PROMPT)
    page.run(9, contains="Run ID: ca2 was successful")
    assert [r.split()[4] for r in page.run(11).stdout.splitlines()[2:]] == ["Commit", "Manual"]
    assert lines(lab.run("cat taskmulti-multiregistry.yaml").stdout)[1:] == lines(page.code(13))[1:]
    r = lab.run("""az acr create -n mycontainerregistrydate -g tasksrg --sku Basic -o none
az ad sp create-for-rbac --name datepush --role AcrPush --scopes $(az acr show -n mycontainerregistrydate --query id \\
  -o tsv) --query "[appId,password]" -o tsv""")
    assert r.exit_code == 0, r.output
    page.subs["<service-principal-application-id>"], page.subs["<service-principal-password>"] = r.stdout.split()
    page.run(14)
    r = page.run(16, exit_code=1)  # no credential for the second registry yet: its push is refused
    assert "mycontainerregistrydate.azurecr.io" in r.output
    page.run(15, contains='"mycontainerregistrydate.azurecr.io"')
    run = page.run(16)
    assert "Successfully pushed image: mycontainerregistrydate.azurecr.io/hello-world:" in run.output
    page.finish()


def test_tutorial_base_image_update(lab):
    """A base image in the registry (Dockerfile-base), an app task that builds FROM it (Dockerfile-app with
    --arg REGISTRY_NAME); rebuilding the base image triggers the app task ('Image Update')."""
    page = Page(lab, "container-registry-tutorial-base-image-update", _tutorial_setup(lab))
    assert lab.run("cd acr-build-helloworld-node").exit_code == 0
    page.run(0)
    page.run(1, contains="Successfully pushed image: tasksreg01.azurecr.io/baseimages/node:15-alpine")
    page.run(2)
    assert "FROM ${REGISTRY_NAME}/baseimages/node:15-alpine" in lab.run("cat Dockerfile-app").stdout
    page.run(4, contains="Successfully pushed image: tasksreg01.azurecr.io/helloworld:ca2")
    page.run(5)
    page.subs["<run-id>"] = "ca2"
    page.run(6)
    assert "myapp" in lab.run("docker ps").stdout
    page.run(7)
    rows = [line.split() for line in page.run(8).stdout.splitlines()[2:]]
    assert rows == [["ca2", "baseexample1", "linux", "Succeeded", "Manual", *rows[0][5:]],
                    ["ca1", "linux", "Succeeded", "Manual", *rows[1][4:]]]  # ca1: the quick build, no task
    # Update the base image: the page edits Dockerfile-base's NODE_VERSION, then rebuilds it
    assert lab.run("sed -i 's/^ENV NODE_VERSION .*/ENV NODE_VERSION 15.2.1a/' Dockerfile-base").exit_code == 0
    page.run(11)
    rows = [line.split() for line in page.run(12).stdout.splitlines()[2:]]
    assert rows[0][1:3] == ["baseexample1", "linux"] and " ".join(rows[0][4:6]) == "Image Update", rows
    page.subs["<run-id>"] = rows[0][0]
    page.run(14)
    page.run(15)
    page.finish()


def test_tasks_scheduled(lab):
    page = Page(lab, "container-registry-tasks-scheduled", _tutorial_setup(lab))
    assert lab.run("GIT_USER=learner; GIT_PAT=$(lab git token); RES_GROUP=tasksrg").exit_code == 0
    page.run(0)
    page.run(1)
    shown = page.run(2).stdout.splitlines()
    assert shown[2].split() == ["timertask", "linux", "Enabled", "BASE_IMAGE,", "TIMER"], shown
    page.run(4)
    page.run(5, contains="TIMER")
    page.run(6)
    run = page.run(7)  # the second create replaced the task: it now builds the sample's Dockerfile
    assert "Successfully pushed image: tasksreg01.azurecr.io/timertask:ca2" in run.output
    lab.advance("1d")  # the 21:00 UTC timer fires
    rows = [line.split() for line in page.run(9).stdout.splitlines()[2:]]
    assert "Timer" in [r[4] for r in rows], rows
    page.run(11, contains='"name": "timer2"')
    page.run(12, contains='"schedule": "30 11 * * *"')
    timers = page.run(13).json()
    assert [(t["name"], t["schedule"], t["status"]) for t in timers] == [
        ("timer2", "30 11 * * *", "Enabled"), ("t1", "0 21 * * *", "Enabled")]
    page.run(15)
    assert [t["name"] for t in lab.run("az acr task timer list --name timertask --registry tasksreg01").json()] == ["t1"]
    page.run(16, answer="y", exit_code=3, contains="Service principal 'http://tasksreg01-pull' doesn't exist")
    page.finish()


def test_tasks_logs(lab):
    assert lab.run("""az group create -n rg -l eastus -o none
az acr create -n mycontainerregistry1220 -g rg --sku Basic -o none
az acr import -n mycontainerregistry1220 --source mcr.microsoft.com/hello-world:latest -t samples/hello-world:v1""",
                   ).exit_code == 0
    page = Page(lab, "container-registry-tasks-logs")
    streamed = page.run(0)
    assert "Queued a run with ID: ca1" in streamed.output and "Hello from Docker!" in streamed.output
    page.skip(1, "the output of the block above, as the page prints it")
    page.subs["cf4"] = "ca1"  # the page's run ID
    stored = page.run(2)
    assert "Hello from Docker!" in stored.output and "Run ID: ca1 was successful" in stored.output
    page.run(3)
    assert "Run ID: ca1 was successful" in lab.run("cat ~/tasklogs/ca1.log").stdout
    page.finish()


def test_tasks_multi_step(lab):
    assert lab.run("az group create -n rg -l eastus -o none\n"
                   "az acr create -n multistep01 -g rg --sku Basic -o none").exit_code == 0
    page = Page(lab, "container-registry-tasks-multi-step", {"<acrName>": "multistep01", "myregistry": "multistep01"})
    run = page.run(2)
    assert "Successfully pushed image: multistep01.azurecr.io/hello-world:ca1" in run.output
    assert "Run ID: ca1 was successful" in run.output
    page.run(3, contains="Run ID: ca2 was successful")
    assert lab.run("az acr repository show-tags -n multistep01 --repository hello-world -o tsv").stdout.split() == \
        ["ca1", "ca2"]
    page.finish()


def test_auto_purge(lab):
    """`acr purge` in a run and in timer tasks. The registry holds hello-world and samples/devimage1|2 images with
    old tags and untagged manifests (pushed, then the clock moves on)."""
    setup = """az group create -n rg -l eastus -o none
az acr create -n purgereg01 -g rg --sku Standard -o none
az acr login -n purgereg01 -o none
for repo in hello-world samples/devimage1 samples/devimage2; do
  for v in 1 2; do
    printf 'FROM alpine\\nRUN echo %s %s\\n' $repo $v > Dockerfile
    docker build -q -t purgereg01.azurecr.io/$repo:v1 . > /dev/null && docker push -q purgereg01.azurecr.io/$repo:v1
  done
  docker tag purgereg01.azurecr.io/$repo:v1 purgereg01.azurecr.io/$repo:keep && docker push -q purgereg01.azurecr.io/$repo:keep
done"""
    r = lab.run(setup)
    assert r.exit_code == 0, r.output
    lab.advance("8d")
    page = Page(lab, "container-registry-auto-purge", {"myregistry": "purgereg01"})
    r = page.run(3)  # dry run first: nothing deleted
    # today's acr-cli words a dry run as 'Would delete ...' (the page's console block shows an older wording)
    assert "Would delete tags for repository: samples/devimage1" in r.output
    assert "Number of tags to be deleted: 4" in r.output and "Number of manifests to be deleted: 4" in r.output
    assert lab.run("az acr repository show-tags -n purgereg01 --repository samples/devimage1 -o tsv").stdout.split() \
        == ["keep", "v1"]
    page.skip(4, "the output of the block above, as the page prints it")
    r = page.run(0)  # hello-world: tags older than 1 day and the untagged manifest go
    assert "Number of deleted tags: 2" in r.output, r.output
    assert lab.run("az acr repository show -n purgereg01 --repository hello-world").exit_code != 0
    page.run(1, contains='"name": "purgeTask"')
    page.run(2)
    page.run(5, contains='"schedule": "0 1 * * Sun"')
    page.run(6, contains='"name": "weeklyPurgeTask"')  # the same name again: the task is replaced
    r = page.run(7)
    assert "Number of deleted manifests:" in r.output
    page.run(8)
    page.finish()
