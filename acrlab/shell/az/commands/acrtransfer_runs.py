"""The acrtransfer extension's pipeline runs: az acr pipeline-run create|delete|list|show|clean (preview), as
azure-cli-extensions src/acrtransfer pipelinerun.py and _params.py / _validators.py define them. A run whose
long-running PUT ends Failed makes create fail as azure-core's ARM poller does ("Operation failed or canceled");
`pipeline-run show` then gives the reason in response.pipelineRunErrorMessage."""

from __future__ import annotations

from ....engine.arm import send
from ....engine.errors import AzureError, CliError
from ..framework import Arg, command
from .acrtransfer import CR, REG, RG, run_json, run_table

NAME = Arg("name", "--name -n", "Name of the pipeline run.", required=True)
EXAMPLE_DIGEST = "sha256:90659bf80b44ce6be8234e6ff90a1ac34acbeb826903b02cfa0da11c82cbc042"


def _registry_id(ctx, a) -> str:
    return (f"/subscriptions/{ctx.subscription.subscription_id}/resourceGroups/{a.resource_group}/providers/"
            f"{CR}/{a.registry_name}")


def _not_found(what: str, name: str, a) -> CliError:
    return CliError(f"{what} {name} not found on registry {a.registry_name} in the {a.resource_group} resource "
                    "group.", code="ResourceNotFound", status=404)


@command("acr pipeline-run create", "Create a pipeline run.", [
    RG, REG,
    Arg("pipeline", "--pipeline -p", "Name of the pipeline to run.", required=True), NAME,
    Arg("pipeline_type", "--pipeline-type -t", "Type of pipeline. Must be either import or export.", required=True),
    Arg("storage_blob", "--storage-blob -b", "Name of the storage blob to be imported or exported.", required=True),
    Arg("artifacts", "--artifacts -a", "Space-separated list of container artifacts. Artifacts must be either of the "
        f"form `repository:tag` or `repository@digest` such as hello-world:latest or hello-world@{EXAMPLE_DIGEST}.",
        kind="list"),
    Arg("force_redeploy", "--force-redeploy -f", "Flag that forces ARM to redeploy resource even if no parameters "
        "have changed.", kind="flag"),
], examples=[("Create an export pipeline-run.",
              "az acr pipeline-run create --resource-group $MyRG --registry $MyReg --pipeline $MyPipeline --name "
              "$MyPipelineRun --pipeline-type export --storage-blob $MyBlob --artifacts hello-world:latest "
              f"hello-world@{EXAMPLE_DIGEST} --force-redeploy")], table=run_table, preview=True)
def pipeline_run_create(ctx, a):
    if a.pipeline_type not in ("import", "export"):
        ctx.warn("Invalid pipeline type. Pipeline type must be import or export.")
    kind = "import" if a.pipeline_type == "import" else "export"
    pid = f"{_registry_id(ctx, a)}/{kind}Pipelines/{a.pipeline}"
    try:
        pipeline_id = send(ctx.cloud, ctx.principal, "GET", pid).body["id"]
    except AzureError:
        raise _not_found(f"{kind.capitalize()} pipeline", a.pipeline, a) from None
    if kind == "import":
        request = {"pipelineResourceId": pipeline_id, "source": {"name": a.storage_blob}}
    else:
        if a.artifacts is None:
            raise CliError("artifacts cannot be null for Export PipelineRuns. Please provide a space-separated list of "
                           "container images to be exported in the form REPOSITORY:TAG or "
                           f"REPOSITORY@{EXAMPLE_DIGEST}.", code="RequiredArgumentMissing")
        artifacts = [x if ":" in x or "@" in x else f"{x}:latest" for x in a.artifacts]
        request = {"pipelineResourceId": pipeline_id, "target": {"name": a.storage_blob}, "artifacts": artifacts}
    props: dict = {"request": request}
    if a.force_redeploy:  # str(time.time()): unique per call
        now = ctx.cloud.clock.now().timestamp()
        props["forceUpdateTag"] = f"{int(now)}.{int(ctx.cloud.ids.hex(5), 16) % 1000000:06d}"
    rid = f"{_registry_id(ctx, a)}/pipelineRuns/{a.name}"
    body = send(ctx.cloud, ctx.principal, "PUT", rid, {"properties": props}).body
    if body["properties"].get("provisioningState") == "Failed":
        raise AzureError("Operation failed or canceled", code="OperationFailed", arm=False)
    return run_json(body)


@command("acr pipeline-run show", "Show a pipeline run in detail.", [RG, REG, NAME], table=run_table, preview=True)
def pipeline_run_show(ctx, a):
    return run_json(send(ctx.cloud, ctx.principal, "GET", f"{_registry_id(ctx, a)}/pipelineRuns/{a.name}").body)


def _runs(ctx, a) -> list[dict]:
    return send(ctx.cloud, ctx.principal, "GET", f"{_registry_id(ctx, a)}/pipelineRuns").body["value"]


@command("acr pipeline-run list", "List pipeline runs of all pipelines on a container registry.", [
    RG, REG, Arg("top", "--top", "List only the last n pipeline-runs. Must be an integer."),
], table=run_table, preview=True)
def pipeline_run_list(ctx, a):
    top = None
    if a.top is not None:
        try:
            top = int(a.top)
        except ValueError:
            raise CliError(f"Argument provided for parameter top '{a.top}' is not an integer. Please provide an "
                           "integer for the top parameter.") from None
    runs = [run_json(r) for r in _runs(ctx, a)]
    return runs if top is None else runs[-top:]


@command("acr pipeline-run delete", "Delete a pipeline run.", [RG, REG, NAME], table=run_table, preview=True)
def pipeline_run_delete(ctx, a):
    rid = f"{_registry_id(ctx, a)}/pipelineRuns/{a.name}"
    try:
        send(ctx.cloud, ctx.principal, "GET", rid)
    except AzureError:
        raise _not_found("Pipeline-run", a.name, a) from None
    send(ctx.cloud, ctx.principal, "DELETE", rid)


@command("acr pipeline-run clean", "Delete all failed pipeline runs on the registry.", [
    RG, REG, Arg("dry_run", "--dry-run", "List the failed pipeline-runs that would have been deleted, but do not "
                 "delete any.", kind="flag"),
], table=run_table, preview=True)
def pipeline_run_clean(ctx, a):
    failed = [r for r in _runs(ctx, a) if r["properties"].get("provisioningState") == "Failed"]
    ctx.warn(f"Found {len(failed)} failed pipeline-runs to delete.")
    if a.dry_run:
        ctx.warn("The following failed pipeline-runs would have been deleted:")
        return [run_json(r) for r in failed]
    done = errors = 0
    for r in failed:
        try:
            send(ctx.cloud, ctx.principal, "DELETE", r["id"])
            done += 1
        except AzureError:
            errors += 1
        if done % 100 == 0:
            ctx.warn(f"Deletion in progress: Deleted {done}/{len(failed)} failed pipeline-runs. {errors} deletions "
                     "failed.")
    ctx.warn(f"Deletion complete: Deleted {done} failed pipeline-runs.")
    ctx.warn(f"{errors} deletions failed.")
    return None
