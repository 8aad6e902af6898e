"""ACR Tasks: az acr build, az acr run, task resources, triggers and webhooks, at the learner's front door."""

from __future__ import annotations

from datetime import timedelta

REPO = "https://github.com/minhaorg/meu-repo.git"
SEED_TASK = ("az acr task create --registry minhacr --name task-build-api-gateway --image api-gateway:{{.Run.ID}} "
             "--arg BUILD_VERSION={{.Run.ID}} --context https://github.com/minhaorg/meu-repo.git#refs/heads/main "
             "--file Dockerfile --git-access-token ghp_placeholder0123456789")


def test_az_acr_build_quick_task(cli, reg):
    r = cli("az acr build --registry minhacr --image api-gateway:v1.2.3 --file Dockerfile .")
    assert "WARNING: Queued a build with ID: ca1\nWARNING: Waiting for an agent..." in r.stderr
    assert "Packing source code into tar to upload..." in r.stderr
    assert r.stdout.rstrip().splitlines()[-1].startswith("Run ID: ca1 was successful after ")
    assert "Successfully pushed image: minhacr.azurecr.io/api-gateway:v1.2.3" in r.stdout
    m = reg.store.resolve("api-gateway", "v1.2.3")
    assert m.built_by_run == "ca1"
    cli("az acr build -r minhacr -t app:{{.Run.ID}} -t app:latest --build-arg BUILD_VERSION={{.Run.ID}} "
        "--platform linux/arm64 .")
    assert reg.store.resolve("app", "ca2").digest == reg.store.resolve("app", "latest").digest
    assert reg.store.resolve("app", "ca2").content.architecture == "arm64"
    r = cli("az acr build -r minhacr -t nopush:v1 --no-push .")
    assert "nopush" not in reg.store.repositories and "Step ID: push" not in r.stdout
    run = cli("az acr task show-run -r minhacr --run-id ca1",
              checks={"runType": "QuickBuild", "status": "Succeeded", "outputImages[0].tag": "v1.2.3"}).json()
    assert run["type"] == "Microsoft.ContainerRegistry/registries/runs"
    r = cli("az acr build -r minhacr -t x:1 -f missing.Dockerfile .", expect_exit=1)
    assert "ERROR: Unable to find 'missing.Dockerfile'." in r.stderr


def test_build_failure_and_rbac(cli, lab, reg):
    lab.write_file("bad/Dockerfile", "FROM nosuchimage:1\n")
    r = cli("az acr build -r minhacr -t bad:1 bad", expect_exit=1)
    assert "ERROR: Run failed" in r.stderr and "Run ID: ca1 failed after" in r.stdout
    cli("az acr task list-runs -r minhacr", checks={"[0].status": "Failed"})
    sp = lab.cloud.learner.model_copy(update={"object_id": lab.cloud.ids.guid(), "user_principal_name": "dev@x"})
    lab.cloud.add_principal(sp)
    lab.cloud.assign_role(sp, "AcrPush", reg.id)
    other = lab.new_session(sp)
    code, _, err = other.run("az acr build -r minhacr -t a:1 .")
    assert code == 1 and "AuthorizationFailed" in err  # AcrPush cannot queue runs; Tasks Contributor can
    lab.cloud.assign_role(sp, "Container Registry Tasks Contributor", reg.id)
    other.write_file("Dockerfile", "FROM alpine:3.20\n")
    code, out, err = other.run("az acr build -r minhacr -t a:1 .")
    assert code == 0, err


def test_az_acr_run_multi_step_yaml(cli, lab, reg):
    lab.write_file("task.yaml", (
        "version: v1.1.0\nsteps:\n"
        "  - id: build-web\n    build: -t $Registry/web:$ID --build-arg BUILD_VERSION={{.Values.v}} .\n"
        "  - id: build-tests\n    build: -t {{.Run.Registry}}/web-tests:{{.Run.ID}} .\n    when: ['-']\n"
        "  - id: push\n    push: ['$Registry/web:$ID', '{{.Run.Registry}}/web-tests:{{.Run.ID}}']\n"
        "    when: ['build-web', 'build-tests']\n"
        "  - cmd: $Registry/web:$ID\n"))
    r = cli("az acr run -r minhacr -f task.yaml --set v=42 .")
    assert "WARNING: Queued a run with ID: ca1" in r.stderr
    assert "Executing step ID: build-web" in r.stdout and "Executing step ID: acb_step_3" in r.stdout
    assert reg.store.resolve("web", "ca1").built_by_run == "ca1" and "web-tests" in reg.store.repositories
    r = cli("az acr run --registry minhacr --cmd '$Registry/web:ca1' /dev/null")
    assert "Executing step ID: acb_step_0" in r.stdout and "Run ID: ca2 was successful" in r.stdout
    lab.write_file("cycle.yaml", "steps:\n  - id: a\n    cmd: hello-world\n    when: ['zz']\n")
    cli("az acr run -r minhacr -f cycle.yaml .", expect_exit=1)
    cli("az acr run -r minhacr -f nothere.yaml .", expect_exit=1)


def test_seed_task_commit_pr_base_image_and_timers(cli, lab, reg):
    cli(SEED_TASK, checks={"trigger.sourceTriggers[0].sourceRepository.branch": "main",
                           "trigger.sourceTriggers[0].sourceTriggerEvents": ["commit"],
                           "trigger.baseImageTrigger.baseImageTriggerType": "Runtime", "agentConfiguration.cpu": 2,
                           "timeout": 3600, "status": "Enabled", "step.type": "Docker"})
    r = cli("az acr task create -n t2 -r minhacr -c https://github.com/a/b.git -f Dockerfile", expect_exit=1)
    assert "--git-access-token must be provided" in r.stderr
    r = cli("az acr task create -n t3 -r minhacr -c /dev/null --cmd x -f y", expect_exit=1)
    assert "but not both" in r.stderr
    lab.write_file("Dockerfile", "FROM node:20-alpine\nARG BUILD_VERSION\nLABEL v=$BUILD_VERSION\nCOPY . /app\n")
    r = cli(f"lab git push {REPO} --branch main --message 'first'")
    assert "queued run ca1 (task task-build-api-gateway): Succeeded" in r.stdout
    cli(f"lab git push {REPO} --branch dev")  # another branch: no run
    assert reg.store.resolve("api-gateway", "ca1").built_by_run == "ca1"
    r = cli("lab publish-base node:20-alpine")
    assert "Image Update" in r.stdout
    cli("az acr task update -n task-build-api-gateway -r minhacr --pull-request-trigger-enabled true",
        checks={"trigger.sourceTriggers[0].sourceTriggerEvents": ["commit", "pullrequest"]})
    cli(f"lab git pr {REPO} --head dev --base main")
    table = cli("az acr task list-runs -r minhacr -o table").stdout
    for trigger in ("Commit", "Image Update", "Pull Request"):
        assert trigger in table
    cli("az acr task timer add -n task-build-api-gateway -r minhacr --timer-name nightly --schedule '0 21 * * *'")
    cli("az acr task timer list -n task-build-api-gateway -r minhacr",
        checks={"[0]": {"name": "nightly", "schedule": "0 21 * * *", "status": "Enabled"}})
    armed = lab.cloud.clock.now()  # before 21:00 UTC: the timer fires today and tomorrow at 21:00
    lab.advance("2d")
    runs = cli("az acr task list-runs -r minhacr -n task-build-api-gateway").json()
    assert [r["timerTrigger"]["scheduleOccurrence"][:16] for r in runs if r["timerTrigger"]] == \
        [(armed + timedelta(days=d)).strftime("%Y-%m-%dT21:00") for d in (1, 0)]
    cli("az acr task timer remove -n task-build-api-gateway -r minhacr --timer-name nightly")
    r = cli("az acr task timer remove -n task-build-api-gateway -r minhacr --timer-name nightly", expect_exit=1)
    assert "No timer triggers exist for the task 'task-build-api-gateway'." in r.stderr
    assert "BASE_IMAGE, SOURCE" in cli("az acr task show -n task-build-api-gateway -r minhacr -o table").stdout
    r = cli("az acr task run -n task-build-api-gateway -r minhacr")
    assert "Run ID: ca6 was successful" in r.stdout
    assert cli("az acr task logs -r minhacr").stdout.startswith("Showing logs of the last created run.\nRun ID: ca6")
    cli("az acr task update-run -r minhacr --run-id ca6 --no-archive false", checks={"isArchiveEnabled": True})
    cli("az acr task delete -n task-build-api-gateway -r minhacr --yes")  # acr/task.py asks without --yes
    cli("az acr task list -r minhacr", checks={"length(@)": 0})


def test_run_ids_follow_acrs_sequence(reg):
    from acrlab.engine.tasks_runs import next_run_id
    ids = [next_run_id(reg) for _ in range(40)]
    assert ids[:3] == ["ca1", "ca2", "ca3"] and ids[8:11] == ["ca9", "caa", "cab"]
    assert ids[34:37] == ["caz", "ca10", "ca11"]


def test_webhooks(cli, basic, build):
    cli("az acr webhook create -n hookapp -r basicacr --uri http://example.com/h --actions push delete --scope app",
        checks={"scope": "app", "status": "enabled", "actions": ["delete", "push"]})
    cli("az acr webhook create -n hookall -r basicacr --uri http://example.com/a --actions push "
        "--headers Authorization=Basic0000")
    r = cli("az acr webhook create -n hookmore -r basicacr --uri http://x.io --actions push", expect_exit=1)
    assert "(QuotaExceeded) Quota exceeded for resource type webhooks for the registry SKU Basic." in r.stderr
    cli("az acr show-usage -n basicacr", checks={"value[?name=='Webhooks'].currentValue | [0]": 2})
    build("basicacr", "app:v1")       # 'app' means app:latest: not delivered to hookapp
    build("basicacr", "app:latest")
    cli("az acr run --cmd \"acr purge --filter 'app:.*' --ago 0d\" -r basicacr /dev/null")  # untags only
    events = cli("az acr webhook list-events -n hookapp -r basicacr").json()
    assert [e["eventRequestMessage"]["content"]["action"] for e in events] == ["push"]
    target = events[0]["eventRequestMessage"]["content"]["target"]
    assert target["repository"] == "app" and target["tag"] == "latest" and target["digest"].startswith("sha256:")
    cli("az acr run --cmd \"acr purge --filter 'app:.*' --ago 0d --untagged\" -r basicacr /dev/null")
    actions = [e["eventRequestMessage"]["content"]["action"]
               for e in cli("az acr webhook list-events -n hookapp -r basicacr").json()]
    assert actions.count("delete") == 0  # deletes of untagged manifests carry no tag: outside 'app:latest'
    all_events = cli("az acr webhook list-events -n hookall -r basicacr").json()
    assert all_events[0]["eventRequestMessage"]["headers"]["Authorization"] == "Basic0000"
    ping = cli("az acr webhook ping -n hookall -r basicacr").json()
    assert cli("az acr webhook list-events -n hookall -r basicacr").json()[0]["id"] == ping["id"]
    cli("az acr webhook get-config -n hookall -r basicacr",
        checks={"serviceUri": "http://example.com/a", "customHeaders": {"Authorization": "Basic0000"}})
    cli("az acr webhook update -n hookall -r basicacr --status disabled", checks={"status": "disabled"})
    cli("az acr webhook delete -n hookall -r basicacr")
    cli("az acr webhook list -r basicacr", checks={"length(@)": 1})
    cli("az acr webhook create -n hookbad -r basicacr --uri http://x --actions pull", expect_exit=2)
