"""The Git side of the ACR Tasks tutorials: fork the sample under your GitHub account, clone it, commit and push,
and the task's commit trigger runs; the upstream repository cannot be pushed to.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tutorial-quick-task.md
(Prerequisites: fork and clone acr-build-helloworld-node), container-registry-tutorial-build-task.md (Create the
build task; Trigger a build with a commit: echo > hello.txt, git add, git commit, git push origin main).
"""

from __future__ import annotations


def test_fork_clone_commit_push_triggers_the_task(cli, lab, rg):
    cli("az acr create -n gitflow1 -g rg-containers --sku Standard -o none")
    lab.run("GIT_USER=jane-doe")
    cli("lab git fork https://github.com/Azure-Samples/acr-build-helloworld-node")
    cli("git clone https://github.com/$GIT_USER/acr-build-helloworld-node && cd acr-build-helloworld-node")
    assert "Dockerfile" in cli("ls").stdout
    assert cli("cat Dockerfile").stdout.startswith("FROM node:15-alpine")
    cli("GIT_PAT=$(lab git token)")
    cli("az acr task create --registry gitflow1 --name taskhelloworld --image helloworld:{{.Run.ID}} "
        "--context https://github.com/$GIT_USER/acr-build-helloworld-node.git#main --file Dockerfile "
        "--git-access-token $GIT_PAT -o none")
    cli('echo "Hello World!" > hello.txt')
    assert "Untracked files:" in cli("git status").stdout
    cli("git add hello.txt")
    assert cli('git commit -m "Testing ACR Tasks"').stdout.startswith("[main ")
    r = cli("git push origin main")
    assert "main -> main" in r.stderr
    runs = cli("az acr task list-runs --registry gitflow1").json()
    assert [(x["status"], x["sourceTrigger"]["eventType"]) for x in runs] == [("Succeeded", "Commit")]
    cli("az acr repository show-tags -n gitflow1 --repository helloworld", checks={"@": [runs[0]["runId"]]})
    assert cli("git push").stderr.strip() == "Everything up-to-date"


def test_upstream_is_read_only_and_missing_repos_are_not_found(cli, lab):
    cli("git clone https://github.com/Azure-Samples/acr-tasks.git")
    cli("cd acr-tasks && echo change >> hello-world.dockerfile && git commit -am change")
    r = cli("git push", expect_exit=128)
    assert "remote: Permission to Azure-Samples/acr-tasks.git denied to learner." in r.stderr
    assert "The requested URL returned error: 403" in r.stderr
    r = cli("cd .. && git clone https://github.com/nobody/nothing-here", expect_exit=128)
    assert "remote: Repository not found." in r.stderr
    r = cli("lab git fork https://github.com/nobody/nothing-here", expect_exit=1)
    assert "repository not found" in r.stderr
    assert cli("git status", expect_exit=128).stderr.startswith("fatal: not a git repository")
