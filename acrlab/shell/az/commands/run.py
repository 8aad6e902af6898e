"""az acr run: quick runs (`--cmd`, multi-step YAML files) and the streaming every run command shares."""

from __future__ import annotations

from ....engine import tasks_git
from ....engine.errors import CliError
from ....engine.tasks import DOWNLOAD_FAILED
from ....engine.tasks_runs import RunSpec, Step, StepFailed, execute, next_run_id
from ....engine.tasks_yaml import CMD_TEMPLATE, load_values, parse_steps, run_variables
from ..framework import Arg, command
from .acr import RG_OPT, load_registry, registry_arg

CR = "Microsoft.ContainerRegistry/registries"
NULL_CONTEXT = "/dev/null"


def az_in_run(cloud, principal, args: list[str]) -> tuple[int, str, str]:
    """`az ...` in a run's cmd step: a fresh terminal on the same tenant signed in as the task's identity."""
    import shlex

    from ...session import IO, Session
    sh = Session(cloud)
    sh.workstation.az.principal = principal
    sh.workstation.az.login_kind = "managedIdentity"
    return sh.run("az " + shlex.join(args), IO())


def registry_for_runs(ctx, a):
    reg = load_registry(ctx, a)
    ctx.cloud.require(ctx.principal, f"{CR}/scheduleRun/action", reg.id)
    return reg


def parse_platform(text: str | None) -> dict:
    """az's get_validate_platform: os[/arch[/variant]], linux/amd64 by default."""
    os_, arch, variant = "linux", "amd64", None
    if text:
        parts = text.split("/")
        os_ = parts[0].lower()
        arch = parts[1].lower() if len(parts) > 1 else "amd64"
        variant = parts[2] if len(parts) > 2 else None
    if os_ not in ("linux", "windows"):
        raise CliError(f"'{os_}' is not a valid value for OS specified in --os or --platform. "
                       "Valid options are windows,linux.")
    if arch not in ("amd64", "x86", "386", "arm", "arm64"):
        raise CliError(f"'{arch}' is not a valid value for Architecture specified in --platform. "
                       "Valid options are amd64,x86,386,arm,arm64.")
    if variant and variant not in ("v6", "v7", "v8"):
        raise CliError(f"'{variant}' is not a valid value for Variant specified in --platform. "
                       "Valid options are v6,v7,v8.")
    return {"architecture": arch, "os": os_, "variant": variant}


def load_context(ctx, reg, location: str, kind: str) -> tuple[dict[str, str], dict]:
    """Files of a source location: /dev/null, a local directory (uploaded) or a Git URL (the lab's Git host).

    Returns (files, RunSpec extras): a remote context is downloaded by the agent, so a bad URL fails the run
    with acb's message rather than the command (azure-cli issues #28190, #30033)."""
    if location.lower() == NULL_CONTEXT:
        return {}, {}
    if "://" in location or location.endswith(".git") or "#" in location:
        ctx.warn(f"Sending context to registry: {reg.name}...")
        files = tasks_git.checkout(ctx.cloud, location)
        if files is None:
            return {}, {"remote_context": True, "setup_error": DOWNLOAD_FAILED}
        base, branch, _ = tasks_git.parse_context(location)
        head = tasks_git.head(ctx.cloud, base, branch)
        return files, {"remote_context": True, "commit": head.sha if head else ""}
    if ctx.sh.list_dir(location) is None:
        raise CliError("Source location should be a local directory path or remote URL.")
    files = ctx.sh.dir_files(location)
    size = sum(len(c.encode()) for c in files.values()) + 512 * (len(files) + 2)
    ctx.warn("Packing source code into tar to upload...")
    ctx.warn(f"Uploading archived source code from '/tmp/{kind}_archive_{ctx.cloud.ids.hex(32)}.tar.gz'...")
    ctx.warn(f"Sending context ({size / 1024:.3f} KiB) to registry: {reg.name}...")
    return files, {}


RUN_UNSUCCESSFUL = ("The run with ID '{id}' finished with unsuccessful status '{status}'. Show run details by "
                    "'az acr task show-run -r {reg} --run-id {id}'. Show run logs by 'az acr task logs -r {reg} "
                    "--run-id {id}'.")
"""azure-cli acr/_run_polling.py RunPolling.run: what `--no-logs` reports for a run that did not succeed."""


QUEUED_ON_EMPTY_POOL = ("The run '{id}' is queued on agent pool '{pool}', which has no instance: it starts when the "
                        "pool is scaled up ('az acr agentpool update -r {reg} -n {pool} --count 1'). The lab stops "
                        "waiting here; see 'az acr agentpool show -r {reg} -n {pool} --queue-count'.")
"""The lab's word for a wait az would never end (docs tasks-agent-pools.md: a pool needs at least 1 instance)."""


def stream(ctx, reg, spec: RunSpec, what: str, no_logs: bool = False, no_wait: bool = False, run_id=None,
           **trigger):
    """Queue the run, print az's markers and the agent's log; raise 'Run failed' as az does."""
    run_id = run_id or next_run_id(reg)
    run = execute(ctx.cloud, reg, spec, run_id=run_id, **trigger)  # an unknown --agent-pool is refused first
    ctx.warn(f"Queued a {what} with ID: {run_id}")
    return finish(ctx, reg, run, no_logs, no_wait)


def finish(ctx, reg, run, no_logs: bool, no_wait: bool):
    """After queuing: `--no-wait` returns the queued run; `--no-logs` waits and returns it, or fails with the
    poller's text (acr/_run_polling.py); otherwise the log streams and a failed run ends with 'Run failed'
    (acr/_stream_utils.py). Either failure exits 1."""
    if no_wait:
        return run.to_json()
    ctx.warn("Waiting for an agent...")
    if run.status == "Queued":  # its agent pool has no instance: az would poll until the pool is scaled up
        raise CliError(QUEUED_ON_EMPTY_POOL.format(id=run.run_id, pool=run.agent_pool, reg=reg.name))
    ctx.cloud.clock.tick(run.seconds)
    if no_logs:
        if run.status != "Succeeded":
            raise CliError(RUN_UNSUCCESSFUL.format(id=run.run_id, status=run.status, reg=reg.name))
        return run.to_json()
    ctx.io.out(run.log, end="")
    if run.status == "Failed":
        raise CliError("Run failed")
    return None


def values_of(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for p in pairs or []:
        k, sep, v = p.partition("=")
        if not sep:
            raise CliError(f"usage error: --set {p}: expected name=value")
        out[k] = v
    return out


QUEUE_ARGS = [
    Arg("no_logs", "--no-logs", "Do not show logs after successfully queuing the build.", kind="flag"),
    Arg("no_wait", "--no-wait", "Do not wait for the run to complete and return immediately after queuing the run.",
        kind="flag"),
    Arg("no_format", "--no-format", "Indicates whether the logs should be displayed in raw format.", kind="flag"),
    Arg("agent_pool", "--agent-pool", "The name of the agent pool."),
    Arg("auth_mode", "--auth-mode", "Auth mode of the source registry.", choices=["Default", "None"]),
]
"""How a quick run is queued and followed (az acr run and az acr pack build share them)."""


@command("acr run", "Queues a quick run providing streamed logs for an Azure Container Registry.", [
    registry_arg(options="--registry -r"), RG_OPT,
    Arg("source_location", "SOURCE_LOCATION", "The local source code directory path (e.g., './src'), or the URL to a "
        "git repository (e.g., 'https://github.com/Azure-Samples/acr-build-helloworld-node.git') or a remote tarball "
        "(e.g., 'http://server/context.tar.gz'), or the repository of an OCI artifact in an Azure container registry "
        "(e.g., 'oci://myregistry.azurecr.io/myartifact:mytag'). If '/dev/null' is specified, the value will be set "
        "to None and ignored.", kind="positional", required=True),
    Arg("cmd_value", "--cmd", "Commands to execute."),
    Arg("file", "--file -f", "The task template/definition file path relative to the source context. It can be '-' "
        "to pipe a file from the standard input."),
    Arg("set_value", "--set", "Value in 'name[=value]' format.", kind="repeat"),
    Arg("set_secret", "--set-secret", "Secret value in 'name[=value]' format.", kind="repeat"),
    Arg("values_file", "--values", "The task values file path relative to the source context."),
    Arg("timeout", "--timeout", "The timeout in seconds.", kind="int"),
    Arg("platform", "--platform", "The platform where build/task is run, Eg, 'windows' and 'linux'."),
    *QUEUE_ARGS,
    Arg("source_acr_auth_id", "--source-acr-auth-id", "Assign the identity used for source registry login. Use "
        "'[caller]' for caller identity.", choices=["[caller]", "none"]),
], examples=[
    ("Queue a local context, validating the build is successful, without pushing to the registry.",
     "az acr run -r myregistry --cmd 'docker build -t myimage:latest .' ."),
    ("Queue a remote OCI artifact context and runs the task file at the remote context.",
     "az acr run -r myregistry oci://myregistry.azurecr.io/myartifact:mytag -f hello-world.yaml"),
    ("Queue a run to execute a container command.",
     "az acr run -r myregistry --cmd '$Registry/myimage' /dev/null"),
    ("Purge untagged images older than 30 days.",
     "az acr run -r myregistry --cmd \"acr purge --filter 'hello-world:.*' --untagged --ago 30d\" /dev/null"),
])
def acr_run(ctx, a):
    reg = registry_for_runs(ctx, a)
    if a.cmd_value and a.file:
        raise CliError("Usage error: --cmd and --file are mutually exclusive.")
    platform = parse_platform(a.platform)
    principal = _source_principal(ctx, a.source_acr_auth_id, a.auth_mode)
    files, extras = load_context(ctx, reg, a.source_location, "run")
    values = {**values_of(a.set_value), **values_of(a.set_secret)}
    if a.values_file:
        vtext = files.get(a.values_file.removeprefix("./"))
        if vtext is None:
            vtext = ctx.sh.read_file(a.values_file)
        if vtext is None:
            raise CliError(f"{a.values_file} does not exist.")
        try:
            values = {**load_values(ctx.cloud, vtext, a.values_file), **values}
        except StepFailed as e:
            raise CliError(str(e)) from None
    if a.cmd_value:
        text, values = CMD_TEMPLATE, {**values, "command": a.cmd_value}
    elif extras.get("setup_error"):
        text = None  # the agent never gets the task file: the run fails while downloading the context
    else:
        name = a.file or "acb.yaml"
        text = ctx.io.stdin if name == "-" else files.get(name.removeprefix("./"))
        if text is None:
            text = ctx.sh.read_file(name)
        if text is None:
            raise CliError(f"{name} does not exist.")
    run_id = next_run_id(reg)
    variables = run_variables(run_id, reg.login_server, reg.name, ctx.cloud.clock.now(), platform)
    try:
        steps, doc = parse_steps(ctx.cloud, text, variables, values) if text is not None else ([], {"secrets": []})
    except StepFailed as e:
        raise CliError(str(e)) from None
    if a.timeout:
        steps = [s.model_copy(update={"timeout": a.timeout}) for s in steps]
    spec = RunSpec(steps=steps, files=files, platform=platform, run_type="QuickRun", timeout=a.timeout or 600,
                   source_principal=principal, agent_pool=a.agent_pool, secrets=doc["secrets"], **extras)
    return stream(ctx, reg, spec, "run", a.no_logs, a.no_wait, run_id=run_id)


def _source_principal(ctx, value: str | None, auth_mode: str | None = None) -> str | None:
    # az's reference: accepted values '[caller], none' (any other value is refused by the parser, exit 2)
    if value and value.lower() == "[caller]" and auth_mode == "None":
        raise CliError("--source-acr-auth-id cannot be used with '--auth-mode None', which turns off the source "
                       "registry login.")
    return ctx.principal.object_id if value and value.lower() == "[caller]" else None


__all__ = ["Step", "finish", "load_context", "parse_platform", "registry_for_runs", "stream", "values_of"]
