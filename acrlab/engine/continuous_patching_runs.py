"""Continuous Patching's runs: what the three workflow tasks do on the ACR Tasks agent.

cssc-trigger-workflow reads the configuration and queues one cssc-scan-image run per selected image; a scan looks at
the image's latest patch (or the image itself) for OS vulnerabilities that have a fixed version (the same
vulnerability data Defender uses, engine/defender.py) and queues cssc-patch-image when there are any; a patch pushes
the image plus one layer of fixed packages as `<tag>-<n+1>` (tag-convention incremental) or `<tag>-patched`
(floating). Each run's log carries the lines the extension reads back for `workflow list` (image, patch tag, queued
run id). Every push goes through the data plane with the run's own credential.

Sources: Azure/azure-cli-extensions src/acrcssc/azext_acrcssc/helper/_workflow_status.py (the log lines it parses,
the fields and states of `workflow list`, Skipped when a scan succeeds without a patch), _params.py (tag
conventions); MicrosoftDocs/azure-management-docs articles/container-registry/how-to-continuous-patching.md."""

from __future__ import annotations

import hashlib

from . import budget, defender
from . import continuous_patching as cp
from .artifacts import Layer
from .errors import RegistryError
from .images import pull_image, push_image
from .oci import ImageIndex
from .tasks_cmd import StepFailed

PATCH_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"


def run_cssc(agent, argv: list[str]) -> list[str]:
    """`acr cssc trigger|scan|patch ...` in a workflow task's step; its output lines."""
    sub, opts = (argv[0] if argv else ""), _options(argv[1:])
    if sub == "trigger":
        return _trigger(agent)
    if sub == "scan" and "--image" in opts:
        return _scan(agent, *_split(opts["--image"]))
    if sub == "patch" and {"--image", "--new-tag"} <= set(opts):
        return _patch(agent, *_split(opts["--image"]), opts["--new-tag"])
    raise StepFailed(f'unknown command "cssc {sub}" for "acr"')


def _options(words: list[str]) -> dict[str, str]:
    return {words[i]: words[i + 1] for i in range(0, len(words) - 1, 2)}


def _split(image: str) -> tuple[str, str]:
    repo, _, tag = image.rpartition(":")
    return repo, tag


def status(reg) -> dict[str, dict]:
    """image -> the run ids and patch tag of its latest scan."""
    return reg.extra.setdefault("cssc_status", {})


def _trigger(agent) -> list[str]:
    config = agent.reg.extra.get("cssc_config")
    if config is None:
        raise StepFailed(f"the configuration {cp.POLICY_REPOSITORY}:{cp.POLICY_TAG} was not found")
    scan_task = agent.reg.tasks.get(cp.SCAN_TASK)
    if scan_task is None:
        raise StepFailed(f"the task {cp.SCAN_TASK} was not found")
    from .tasks import run_task
    out = []
    for repo, tag in cp.selected_images(agent.reg, config)[:100]:  # CONTINUOUSPATCH_IMAGE_LIMIT
        budget.checkpoint()
        run = run_task(agent.cloud, agent.reg, scan_task, values={"SOURCE_REPOSITORY": repo, "SOURCE_IMAGE_TAG": tag})
        out.append(f"Scheduled {cp.SCAN_TASK} for {repo}:{tag}: run {run.run_id}")
    out.append(f"Total matches found: {len(out)}")
    return out


def _latest_patch(reg, repo: str, tag: str, convention: str) -> str | None:
    tags = reg.store.repositories[repo].tags if repo in reg.store.repositories else {}
    if convention == "floating":
        return f"{tag}-patched" if f"{tag}-patched" in tags else None
    numbers = [int(t.rsplit("-", 1)[1]) for t in tags if cp.is_patch_tag(tag, t) and not t.endswith("-patched")]
    return f"{tag}-{max(numbers)}" if numbers else None


def _next_tag(latest: str | None, tag: str, convention: str) -> str:
    if convention == "floating":
        return f"{tag}-patched"
    return f"{tag}-{int(latest.rsplit('-', 1)[1]) + 1 if latest else 1}"


def _content(agent, repo: str, tag: str):
    try:
        manifest = pull_image(agent.cloud, agent.reg, agent.cred, repo, tag, agent.origin)
    except RegistryError as e:
        raise StepFailed(f"Error: failed to pull {repo}:{tag}: {e}") from None
    content = manifest.content
    if not isinstance(content, ImageIndex):
        return content
    child = content.for_platform("linux", "amd64")  # the agent is linux/amd64: that image is scanned and patched
    if child is None:
        raise StepFailed(f"Error: {repo}:{tag} has no linux/amd64 image to patch")
    return child


def fixable(content) -> list[dict]:
    return [f for f in defender.scan(content) if f.get("fixed")]


def _scan(agent, repo: str, tag: str) -> list[str]:
    reg, config = agent.reg, agent.reg.extra.get("cssc_config") or {}
    convention = config.get("tag-convention", "incremental")
    latest = _latest_patch(reg, repo, tag, convention)
    scanned = latest or tag
    record = status(reg)[f"{repo}:{tag}"] = {"scan": agent.run.run_id, "patch": None, "patched": None}
    out = [f"Scanning repo: {repo}, Tag:{scanned}, OriginalTag:{tag}"]
    vulns = fixable(_content(agent, repo, scanned))
    if not vulns:
        out.append("PATCHING will be skipped as no vulnerability found in the image")
        record["patched"] = f"{repo}:{latest}" if latest else None
        return out
    new_tag = _next_tag(latest, tag, convention)
    out.append(f"Found {len(vulns)} OS vulnerabilities with a fixed version: "
               + ", ".join(sorted(f["id"] for f in vulns)))
    out.append(f"PATCHING task scheduled for image {repo}:{tag}, new patch tag will be {new_tag}")
    from .tasks import run_task
    patch_task = reg.tasks.get(cp.PATCH_TASK)
    if patch_task is None:
        raise StepFailed(f"Error: the task {cp.PATCH_TASK} was not found")
    run = run_task(agent.cloud, reg, patch_task,
                   values={"SOURCE_REPOSITORY": repo, "SOURCE_IMAGE_TAG": tag, "NEW_TAG": new_tag})
    record.update(patch=run.run_id, patched=f"{repo}:{new_tag}")
    out.append(f"WARNING: Queued a run with ID: {run.run_id}")
    return out


def _patch(agent, repo: str, tag: str, new_tag: str) -> list[str]:
    content = _content(agent, repo, tag)
    vulns = fixable(content)
    ids = sorted(f["id"] for f in vulns)
    digest = "sha256:" + hashlib.sha256(f"copa:{content.digest}:{','.join(ids)}".encode()).hexdigest()
    layer = Layer(digest=digest, size=4096 + 512 * len(ids), media_type=PATCH_LAYER,
                  created_by=defender.PATCH_PREFIX + " ".join(f"{f['package']}={f['fixed']}" for f in vulns))
    patched = content.model_copy(update={"layers": [*content.layers, layer]})
    push_image(agent.cloud, agent.reg, agent.cred, repo, new_tag, patched, agent.origin, built_by_run=agent.run.run_id)
    made = agent.reg.extra.setdefault("cssc_patched", [])
    if [repo, new_tag] not in made:
        made.append([repo, new_tag])
    return [f"Patching OS vulnerabilities for image {repo}:{tag}",
            f"Patched image pushed to {agent.reg.login_server}/{repo}:{new_tag}"]


def workflow_status(cloud, caller, reg, run_status: str | None = None) -> list[dict]:
    """`az acr supply-chain workflow list`: one entry per image its latest scan saw, from the runs' states."""
    from .arm import send
    runs = {r.run_id: r for r in send(cloud, caller, "GET", f"{reg.id}/runs").resources}
    out = []
    for image, rec in status(reg).items():
        scan, patch = runs.get(rec["scan"]), runs.get(rec["patch"]) if rec["patch"] else None
        scan_state = _state(scan)
        patch_state = "Skipped" if patch is None and scan_state == "Succeeded" else _state(patch)
        overall = scan_state if patch is None else patch_state
        if run_status and not (overall == run_status or (run_status == "Skipped" and patch_state == "Skipped")):
            continue
        patched = rec["patched"] if rec["patched"] and rec["patched"] != image else "---No patch image available---"
        entry = {"image": image, "scan_status": scan_state, "scan_date": _date(scan), "scan_task_ID": rec["scan"],
                 "patch_status": patch_state, "patch_date": _date(patch),
                 "patch_task_ID": rec["patch"] or "---Not Available---", "last_patched_image": patched,
                 "workflow_type": cp.WORKFLOW_TYPE}
        if patch_state == "Skipped":
            entry["patch_skipped_reason"] = "no vulnerability found in the image"
        out.append(entry)
    return out


def _state(run) -> str:
    if run is None:
        return "Unknown"
    s = run.status
    return {"Succeeded": "Succeeded", "Running": "Running", "Started": "Running", "Queued": "Queued",
            "Canceled": "Canceled", "Failed": "Failed", "Error": "Failed", "Timeout": "Failed"}.get(s, "Unknown")


def _date(run) -> str:
    return run.create_time.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00") if run is not None else "---Not Available---"
