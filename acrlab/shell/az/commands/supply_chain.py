"""The acrcssc extension (bundled; see ../extensions.py): az acr supply-chain workflow create|update|show|delete|list
(preview), Continuous Patching. Arguments from Azure/azure-cli-extensions src/acrcssc/azext_acrcssc/_params.py
(-r/--registry, -g, -t/--type continuouspatchv1, --config, --schedule, --dry-run, --run-immediately, --run-status)
and _validators.py (the config file's messages); the rules and the tasks live in engine/continuous_patching*.py."""

from __future__ import annotations

from ....engine import continuous_patching as cp
from ....engine import continuous_patching_runs as cpr
from ..framework import Arg, CliError, command, group
from .acr import load_registry

group("acr supply-chain", "Commands to manage acr supply chain resources.")
group("acr supply-chain workflow", "Commands to manage acr supply chain workflows.")
REGISTRY = Arg("registry_name", "--registry -r", "The name of the container registry. It should be specified in lower "
               "case. You can configure the default registry name using `az configure --defaults acr=<registry name>`",
               required=True, default_key="acr")
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`", required=True, default_key="group")
TYPE = Arg("workflow_type", "--type -t", "Type of workflow task.", required=True, choices=[cp.WORKFLOW_TYPE])
CONFIG_HELP = ("Configuration file path containing the json schema for the list of repositories and tags to filter "
               "within the registry. \"tag-convention\" is an optional property, values can be \"incremental\" (the "
               "default behavior, will increase the patch version of the tag, for example "
               "\"{repository}:{original-tag}-1\", \"{repository}:{original-tag}-2\", etc), or \"floating\" (will reuse "
               "the tag \"{repository}:{original-tag}-patched\" for patching)")
SCHEDULE_HELP = (f"schedule to run the scan and patching task. E.g. `<n>d` where <n> is the number of days between each "
                 f"run. Max value is {cp.MAX_DAYS}d.")
RUN_NOW = Arg("run_immediately", "--run-immediately", "Set this flag to trigger the immediate run of the selected "
              "workflow task. Default value: false.", kind="bool")
DRY_RUN = Arg("dryrun", "--dry-run", "Use this flag to see the qualifying repositories and tags that would be affected "
              "by the workflow. Default value: false. 'config' parameter is mandatory to provide with dry-run",
              kind="bool")
MAX_CONFIG = 10 * 1024 * 1024


def _print(ctx, lines: list[str]) -> None:
    """The dry run's listing, printed as the extension prints it (plain lines, not JSON)."""
    for line in lines:
        ctx.io.out(line)


def _engine(fn):
    """The engine's workflow errors are the extension's client-side errors: printed bare (exit 1)."""
    def run(ctx, a):
        try:
            return fn(ctx, a)
        except cp.WorkflowError as e:
            raise CliError(str(e)) from None
    run.__name__, run.__doc__ = fn.__name__, fn.__doc__
    return run


def _registry(ctx, a):
    return load_registry(ctx, a)


def _config(ctx, path: str) -> dict:
    text = ctx.sh.read_file(path)
    if text is None:
        raise CliError(f"Config path file: {path} does not exist in the path specified")
    if len(text.encode()) > MAX_CONFIG:
        raise CliError(f"Config path file: {path} is too large. Max size limit is 10.0 MB")
    if not text:
        raise CliError(f"Config path file: {path} is empty")
    return cp.parse_config(text)


@command("acr supply-chain workflow create", "Create acr supply-chain workflow.", [
    REGISTRY, RG, TYPE, Arg("config", "--config", CONFIG_HELP, required=True),
    Arg("schedule", "--schedule", SCHEDULE_HELP, required=True), RUN_NOW, DRY_RUN],
    examples=[("Create a continuous patching workflow that runs every day",
               "az acr supply-chain workflow create -r myregistry -g myresourcegroup -t continuouspatchv1 "
               "--config ./config.json --schedule 1d")], preview=True)
@_engine
def workflow_create(ctx, a):
    reg = _registry(ctx, a)
    config = _config(ctx, a.config)
    cp.schedule_days(a.schedule)
    cp.check_absent(ctx.cloud, ctx.principal, reg)
    if a.dryrun:
        return _print(ctx, cp.dry_run(reg, config))
    if a.run_immediately:
        ctx.warn(f"Triggering the {cp.TRIGGER_TASK} to run immediately")
    when = cp.create(ctx.cloud, ctx.principal, reg, config, a.schedule, bool(a.run_immediately))
    _print(ctx, [f"Deployment of {cp.WORKFLOW_TYPE} tasks completed successfully.", _next(when)])
    return None


def _next(when) -> str:
    return f"Continuous Patching workflow scheduled to run next at: {when.strftime('%Y-%m-%d %H:%M:%S')} UTC"


@command("acr supply-chain workflow update", "Update acr supply-chain workflow.", [
    REGISTRY, RG, TYPE, Arg("config", "--config", CONFIG_HELP), Arg("schedule", "--schedule", SCHEDULE_HELP),
    RUN_NOW, DRY_RUN], preview=True)
@_engine
def workflow_update(ctx, a):
    reg = _registry(ctx, a)
    config = _config(ctx, a.config) if a.config is not None else None
    if a.dryrun:
        if config is None and not cp.show(ctx.cloud, ctx.principal, reg):
            raise CliError("--config parameter is needed to perform dry-run check.")
        return _print(ctx, cp.dry_run(reg, config or cp.stored_config(ctx.cloud, ctx.principal, reg)))
    if config is None and a.schedule is None and not a.run_immediately:
        raise CliError("Provide at least one parameter to update: --config, --schedule or --run-immediately")
    if a.run_immediately:
        ctx.warn(f"Triggering the {cp.TRIGGER_TASK} to run immediately")
    when = cp.update(ctx.cloud, ctx.principal, reg, config, a.schedule, bool(a.run_immediately))
    _print(ctx, [_next(when)])
    return None


@command("acr supply-chain workflow show", "Show acr supply-chain workflow tasks.", [REGISTRY, RG, TYPE], preview=True)
@_engine
def workflow_show(ctx, a):
    tasks = cp.show(ctx.cloud, ctx.principal, _registry(ctx, a))
    if not tasks:  # the extension logs an error and returns nothing (exit 0)
        ctx.io.err(f"ERROR: {cp.NOT_EXIST}")
        return None
    return tasks


@command("acr supply-chain workflow delete", "Delete acr supply-chain workflow.", [
    REGISTRY, RG, TYPE, Arg("yes", "--yes -y", "Proceed with the deletion without user confirmation", kind="flag")], preview=True)
@_engine
def workflow_delete(ctx, a):
    reg = _registry(ctx, a)
    ctx.confirm(f"Are you sure you want to delete the workflow {cp.WORKFLOW_TYPE} from registry {reg.name}?")
    existing = [t["name"] for t in cp.show(ctx.cloud, ctx.principal, reg)]
    if existing:
        ctx.warn(f"All of these tasks will be deleted: {', '.join(existing)}")
    else:
        ctx.warn(cp.NOT_EXIST)
    names, config_deleted = cp.delete(ctx.cloud, ctx.principal, reg)
    for name in names:
        ctx.warn(f"Task {name} deleted.")
    if config_deleted:
        ctx.warn(f"Deleting {cp.POLICY_REPOSITORY}:{cp.POLICY_TAG}")
    _print(ctx, [f"Deleted {cp.WORKFLOW_TYPE} workflow successfully from registry {a.registry_name}"])
    return None


@command("acr supply-chain workflow list", "List the status of acr supply-chain workflow images.", [
    REGISTRY, RG, TYPE, Arg("status", "--run-status", "Status to filter the supply-chain workflow image status.",
                            choices=["Running", "Succeeded", "Failed", "Queued", "Skipped", "Canceled", "Unknown"])], preview=True)
@_engine
def workflow_list(ctx, a):
    reg = _registry(ctx, a)
    if not cp.show(ctx.cloud, ctx.principal, reg):
        ctx.warn(cp.NOT_EXIST)
        return None
    images = cpr.workflow_status(ctx.cloud, ctx.principal, reg, a.status)
    _print(ctx, [f"Listing images that have been scanned and/or patched in the last {cp.scheduled_days(reg)} days",
                 f"Total images: {len(images)}"])
    return images


@command("acr supply-chain workflow cancel-run", "Cancel currently running supply-chain workflow tasks.",
         [REGISTRY, RG, TYPE], preview=True)
@_engine
def workflow_cancel_run(ctx, a):
    reg = _registry(ctx, a)
    for run_id in cp.cancel_runs(ctx.cloud, ctx.principal, reg):
        ctx.warn(f"Sending request to cancel task {run_id}")
    ctx.warn("All active running workflow tasks have been cancelled.")
    return None
