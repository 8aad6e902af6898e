"""Retention policy for untagged manifests on the simulated clock."""

from __future__ import annotations

POLICY = "az acr config retention update -r minhacr --status enabled --days {d} --type UntaggedManifests"


def digests(reg, repo="app"):
    r = reg.store.repositories.get(repo)
    return set(r.manifests) if r else set()


def test_premium_only_and_days_range(cli, basic, reg):
    r = cli("az acr config retention update -r basicacr --status enabled --days 7 --type UntaggedManifests",
            expect_exit=1)
    assert "ERROR: Policies are only supported for managed registries in Premium SKU." in r.stderr
    cli("az acr config retention show -r basicacr", expect_exit=1)
    r = cli("az acr config retention update -r minhacr --days 366 --type UntaggedManifests", expect_exit=1)
    assert "Invalid value for days: should be from 0 to 365" in r.stderr
    cli("az acr config retention update -r minhacr --days 7", expect_exit=2)  # --type is required
    cli("az acr config retention show -r minhacr", checks={"days": 7, "status": "disabled"})
    cli(POLICY.format(d=30), checks={"days": 30, "status": "enabled"})
    cli("az acr show -n minhacr", checks={"policies.retentionPolicy.days": 30,
                                          "policies.retentionPolicy.status": "enabled"})
    assert "enabled" in cli("az acr config retention show -r minhacr -o table").stdout


def test_untagged_manifest_deleted_after_days(cli, lab, reg, build):
    cli(POLICY.format(d=3))
    build("minhacr", "app:latest")
    first = digests(reg)
    build("minhacr", "app:latest")  # the first manifest loses its only tag
    assert len(digests(reg)) == 2
    lab.advance("2d")
    assert first <= digests(reg)
    lab.advance("1d")
    assert not first & digests(reg) and len(digests(reg)) == 1
    reg.store.check_invariants()


def test_only_untags_after_enabling_are_covered(cli, lab, reg, build):
    build("minhacr", "app:latest")
    build("minhacr", "app:latest")  # untagged before the policy existed
    cli(POLICY.format(d=1))
    lab.advance("5d")
    assert len(digests(reg)) == 2


def test_locked_manifests_are_never_deleted(cli, lab, reg, build):
    cli(POLICY.format(d=1))
    build("minhacr", "app:latest")
    (old,) = digests(reg)
    reg.store.repositories["app"].manifests[old].attributes.delete_enabled = False
    build("minhacr", "app:latest")
    lab.advance("3d")
    assert old in digests(reg)


def test_disabling_cancels_and_zero_days_is_immediate(cli, lab, reg, build):
    cli(POLICY.format(d=2))
    build("minhacr", "app:latest")
    build("minhacr", "app:latest")
    cli("az acr config retention update -r minhacr --status disabled --type UntaggedManifests")
    cli(POLICY.format(d=2))  # re-enabling later does not revive the cancelled delete
    lab.advance("3d")
    assert len(digests(reg)) == 2
    cli(POLICY.format(d=0))
    build("minhacr", "app:latest")
    assert len(digests(reg)) == 2  # the manifest it untagged went at once


def test_retagging_before_due_keeps_the_manifest(cli, lab, reg, build):
    cli(POLICY.format(d=1))
    build("minhacr", "app:latest", "app:v1", version="same")
    build("minhacr", "app:latest", version="other")
    assert len(digests(reg)) == 2  # v1 still tags the first one: nothing untagged
    lab.advance("2d")
    assert len(digests(reg)) == 2


def test_a_year_of_ci_builds(lab, cli, rg):
    """20 builds a day, each re-tagging app:latest: retention keeps storage flat, without it storage grows."""
    import time

    from acrlab.engine.tasks_runs import RunSpec, Step, execute

    cli("az acr create -n withpolicy -g rg-containers --sku Premium -o none")
    cli("az acr create -n nopolicy -g rg-containers --sku Premium -o none")
    cli("az acr config retention update -r withpolicy --status enabled --days 7 --type UntaggedManifests")
    lab.cloud.state["yaml_loader"] = None
    files = {"Dockerfile": "FROM alpine:3.20\nARG V\nRUN echo $V > /version\n"}
    regs = [lab.cloud.find_registry(n) for n in ("withpolicy", "nopolicy")]
    started = time.perf_counter()
    sizes = {r.name: [] for r in regs}
    from acrlab.engine.dataplane import Credential, Origin
    from acrlab.engine.images import push_image

    with_reg, without_reg = regs
    cred = Credential(kind="task", registry="nopolicy", token_name="ci")
    for day in range(365):
        for i in range(20):
            image = f"{with_reg.login_server}/app:latest"  # as az acr build names it (the run's registry)
            step_build = Step(kind="build", id="build", value=f"-t {image} --build-arg V={day}-{i} .")
            spec = RunSpec(steps=[step_build, Step(kind="push", id="push", value=[image])], files=files,
                           run_type="QuickBuild")
            run = execute(lab.cloud, with_reg, spec)
            assert run.status == "Succeeded"
            content = with_reg.store.resolve("app", "latest").content  # the same image, pushed by a CI job
            push_image(lab.cloud, without_reg, cred, "app", "latest", content, Origin(kind="azure-service"))
        lab.advance("1d")
        for reg in regs:
            sizes[reg.name].append(reg.store.storage_bytes())
    elapsed = time.perf_counter() - started
    with_policy, without = sizes["withpolicy"], sizes["nopolicy"]
    assert len(regs[1].store.repositories["app"].manifests) == 7300
    assert len(regs[0].store.repositories["app"].manifests) <= 8 * 20 + 1
    assert max(with_policy[30:]) < 1.2 * max(with_policy[8:30])  # bounded: flat once the first week has passed
    assert without[-1] > 20 * with_policy[-1]  # and the other grows without end
    assert all(b > a for a, b in zip(without, without[1:], strict=False))
    for reg in regs:
        reg.store.check_invariants()
    assert elapsed < 60, elapsed
