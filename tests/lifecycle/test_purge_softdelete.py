"""acr purge through az acr run and as a scheduled task; soft delete and restore."""

from __future__ import annotations

SEED_PURGE = ("az acr run --cmd \"acr purge --filter 'api-gateway:.*' --untagged --ago 30d\" "
              "--registry minhacr /dev/null")


def purge(cli, args: str, expect_exit: int = 0):
    return cli(f"az acr run --cmd \"acr purge {args}\" --registry minhacr /dev/null", expect_exit=expect_exit)


def test_seed_purge_command_deletes_old_tags_and_untagged(cli, lab, reg, build):
    build("minhacr", "api-gateway:v1")
    build("minhacr", "api-gateway:v2", "api-gateway:latest")
    build("minhacr", "api-gateway:latest")  # v2's manifest keeps v2; the newest has latest
    build("minhacr", "other:v1")
    r = cli(SEED_PURGE)
    assert "Number of deleted tags: 0\nNumber of deleted manifests: 0" in r.stdout
    lab.advance("31d")
    build("minhacr", "api-gateway:v3")
    r = cli(SEED_PURGE)
    out = r.stdout
    assert "Deleting tags for repository: api-gateway" in out
    assert "Deleted minhacr.azurecr.io/api-gateway:v1" in out and "api-gateway:v3" not in out
    assert "Deleting manifests for repository: api-gateway" in out
    assert "Number of deleted tags: 3\nNumber of deleted manifests: 3" in out
    assert "Run ID: ca7 was successful after" in out and "WARNING: Queued a run with ID: ca7" in r.stderr
    repo = reg.store.repositories["api-gateway"]
    assert list(repo.tags) == ["v3"] and len(repo.manifests) == 1
    assert "other" in reg.store.repositories
    reg.store.check_invariants()


def test_purge_options(cli, lab, reg, build):
    for i in range(5):
        build("minhacr", f"hello-world:{i}")
        lab.advance("1h")
    reg.store.repositories["hello-world"].tags["0"].attributes.write_enabled = False  # locked: skipped
    r = purge(cli, "--filter 'hello-world:.*' --ago 2d3h6m --dry-run")
    assert "Number of tags to be deleted: 0" in r.stdout
    r = purge(cli, "--filter 'hello-world:.*' --ago 0d --keep 2 --dry-run")
    assert r.stdout.count("Would delete: minhacr.azurecr.io/hello-world:") == 2  # 4 eligible, newest 2 kept
    assert "DRY RUN: The following output shows what WOULD be deleted" in r.stdout
    assert len(reg.store.repositories["hello-world"].tags) == 5
    r = purge(cli, "--filter 'hello-world:^[34]$' --filter 'hello-world:^1$' --ago 0d")
    assert "Number of deleted tags: 3" in r.stdout
    r = purge(cli, "--untagged-only")
    assert "Number of deleted tags: 0\nNumber of deleted manifests: 3" in r.stdout
    assert sorted(reg.store.repositories["hello-world"].tags) == ["0", "2"]
    assert "Error: --ago is required when not using --untagged-only" in purge(cli, "--filter 'a:.*'", 1).stdout
    assert "[filter untagged-only] is required" in purge(cli, "--ago 1d", 1).stdout
    assert "were all set" in purge(cli, "--filter 'a:.*' --ago 1d --untagged --untagged-only", 1).stdout
    assert 'time: unknown unit "x"' in purge(cli, "--filter 'a:.*' --ago 3x", 1).stdout


def test_scheduled_purge_task(cli, lab, reg, build):
    build("minhacr", "api-gateway:old")
    lab.advance("2d")
    cli("PURGE_CMD=\"acr purge --filter 'api-gateway:.*' --untagged --ago 1d\"\n"
        "az acr task create --name purgeTask --cmd \"$PURGE_CMD\" --schedule \"0 0 * * *\" --registry minhacr "
        "--context /dev/null", checks={"step.type": "EncodedTask", "trigger.timerTriggers[0].name": "t1",
                                        "timeout": 3600, "trigger.sourceTriggers": None})
    lab.advance("1d")
    runs = cli("az acr task list-runs -r minhacr -n purgeTask").json()
    assert [r["timerTrigger"]["timerTriggerName"] for r in runs] == ["t1"]
    midnight = (lab.cloud.clock.now()).strftime("%Y-%m-%dT00:00:01")  # the timer fired at today's 00:00 UTC
    assert runs[0]["startTime"].startswith(midnight)
    assert "api-gateway" not in reg.store.repositories
    log = cli("az acr task logs -r minhacr --run-id " + runs[0]["runId"]).stdout
    assert "Number of deleted tags: 1\nNumber of deleted manifests: 1" in log


def test_soft_delete_list_restore_and_autopurge(cli, lab, basic, build):
    r = cli("az acr config soft-delete update -r basicacr --status enabled --days 3", expect_exit=1)
    assert "Use --yes" in r.stderr  # lowering the days asks first
    cli("az acr config soft-delete update -r basicacr --status enabled --days 3 --yes",
        checks={"status": "enabled", "retentionDays": 3})
    build("basicacr", "hello-world:latest")
    digest = next(iter(basic.store.repositories["hello-world"].manifests))
    cli("az acr run --cmd \"acr purge --filter 'hello-world:.*' --untagged --ago 0d\" -r basicacr /dev/null")
    assert "hello-world" not in basic.store.repositories
    cli("az acr repository list-deleted -n basicacr", checks={"@": ["hello-world"]})
    cli("az acr manifest list-deleted -r basicacr -n hello-world", checks={"[0].digest": digest})
    cli("az acr manifest list-deleted-tags -r basicacr -n hello-world:latest", checks={"[0].name": "latest"})
    r = cli("az acr manifest list-deleted-tags -r basicacr -n hello-world:v9", expect_exit=1)
    assert "No deleted manifests found for tag: v9" in r.stderr
    cli("az acr manifest restore -r basicacr -n hello-world:latest", checks={"digest": digest})
    assert basic.store.repositories["hello-world"].tags["latest"].digest == digest
    lab.advance("1m")
    cli("az acr run --cmd \"acr purge --filter 'hello-world:.*' --untagged --ago 0d\" -r basicacr /dev/null")
    lab.advance("2d")
    assert cli("az acr repository list-deleted -n basicacr").json() == ["hello-world"]
    lab.advance("2d")  # past 3 days: the daily auto-purge removed it
    assert cli("az acr repository list-deleted -n basicacr").json() == []
    r = cli("az acr manifest restore -r basicacr -n hello-world:latest", expect_exit=1)
    assert "soft-deleted artifact was not found; tagName: latest" in r.stderr


def test_soft_delete_and_retention_together(cli, lab, reg, build):
    """No refusal exists: azure-cli test_acr_commands.py _core_registry_scenario enables both and expects success
    (MicrosoftDocs/azure-docs#107655 shows a registry with both on); retention deletes land in the bin."""
    cli("az acr config retention update -r minhacr --status enabled --days 1 --type UntaggedManifests")
    cli("az acr config soft-delete update -r minhacr --status enabled --days 7", checks={"status": "enabled"})
    cli("az acr config retention show -r minhacr", checks={"status": "enabled"})
    build("minhacr", "app:latest")
    build("minhacr", "app:latest")
    lab.advance("1d1h")
    deleted = cli("az acr manifest list-deleted -r minhacr -n app").json()
    assert len(deleted) == 1 and len(reg.store.repositories["app"].manifests) == 1
