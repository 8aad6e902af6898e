"""az acr run: quick runs (`--cmd`, multi-step YAML files) and the streaming every run command shares."""

from __future__ import annotations

from ....engine import source_uploads
from ....engine.arm import send
from ....engine.errors import CliError
from ....engine.tasks_runs import StepFailed
from ....engine.tasks_yaml import CMD_TEMPLATE
from ..framework import Arg, command
from .acr import RG_OPT, load_registry, registry_arg
from .build_context import archive_files

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


def is_remote(location: str) -> bool:
    return "://" in location or location.endswith(".git") or "#" in location


def upload_context(ctx, reg, location: str, kind: str, extra: dict[str, str] | None = None,
                   dockerfile: str | None = None) -> str | None:
    """az's prepare_source_location (acr/run.py, _archive_utils.py upload_source_code): None for /dev/null, a remote
    URL as given (the agent downloads it: a bad URL fails the run with acb's message, azure-cli issues #28190,
    #30033), or a local directory packed as a tar.gz (plus `extra` files), uploaded to the SAS URL of the
    registry's listBuildSourceUploadUrl action, and named by the relativePath it returned (build_context.py: what
    goes in the archive)."""
    if location.lower() == NULL_CONTEXT:
        return None
    if is_remote(location):
        ctx.warn(f"Sending context to registry: {reg.name}...")
        return location
    if ctx.sh.list_dir(location) is None:
        raise CliError("Source location should be a local directory path or remote URL.")
    ctx.warn("Packing source code into tar to upload...")
    data = source_uploads.pack({**archive_files(ctx, location, dockerfile), **(extra or {})})
    ctx.warn(f"Uploading archived source code from '/tmp/{kind}_archive_{ctx.cloud.ids.hex(32)}.tar.gz'...")
    got = send(ctx.cloud, ctx.principal, "POST", reg.id, action="listBuildSourceUploadUrl").body
    if not got.get("uploadUrl"):
        raise CliError("Failed to get a SAS URL to upload context.")
    from ....engine import web  # the blob client's Put Blob, over the lab's HTTP router like any client's
    answer = web.request(ctx.cloud, "PUT", got["uploadUrl"], {"x-ms-blob-type": "BlockBlob"}, data)
    if answer.status != 201:
        code = answer.headers.get("x-ms-error-code") or answer.reason
        raise CliError(f"Failed to upload the archived source code ({answer.status} {code}).")
    size, unit = float(len(data)), "GiB"
    for u in ("Bytes", "KiB", "MiB", "GiB"):
        if size < 1024:
            unit = u
            break
        size /= 1024.0
    ctx.warn(f"Sending context ({size:.3f} {unit}) to registry: {reg.name}...")
    return got["relativePath"]


def schedule(ctx, reg, request: dict):
    """POST registries/{name}/scheduleRun; the queued run. A task file the agent cannot parse is refused with its
    own text, as the lab's az has always printed it."""
    try:
        return send(ctx.cloud, ctx.principal, "POST", reg.id, request, action="scheduleRun").resource
    except StepFailed as e:
        raise CliError(str(e)) from None


def set_values(pairs: list[str] | None, secret: bool = False) -> list[dict]:
    """`--set name=value` / `--set-secret name=value` as the request's SetValue list."""
    return [{"name": k, "value": v, "isSecret": secret} for k, v in values_of(pairs).items()]


def credentials(principal_id: str | None, auth_mode: str | None) -> dict | None:
    """acr/_utils.py get_source_and_custom_registry_credentials: the source registry login of a quick run."""
    source: dict = {}
    if auth_mode:
        source["loginMode"] = auth_mode
    if principal_id:
        source["identity"] = "[caller]"
    return {"sourceRegistry": source} if source else None


RUN_UNSUCCESSFUL = ("The run with ID '{id}' finished with unsuccessful status '{status}'. Show run details by "
                    "'az acr task show-run -r {reg} --run-id {id}'. Show run logs by 'az acr task logs -r {reg} "
                    "--run-id {id}'.")
"""azure-cli acr/_run_polling.py RunPolling.run: what `--no-logs` reports for a run that did not succeed."""


QUEUED_ON_EMPTY_POOL = ("The run '{id}' is queued on agent pool '{pool}', which has no instance: it starts when the "
                        "pool is scaled up ('az acr agentpool update -r {reg} -n {pool} --count 1'). The lab stops "
                        "waiting here; see 'az acr agentpool show -r {reg} -n {pool} --queue-count'.")
"""The lab's word for a wait az would never end (docs tasks-agent-pools.md: a pool needs at least 1 instance)."""


def queue(ctx, reg, request: dict, what: str, no_logs: bool = False, no_wait: bool = False):
    """Send the run request, print az's markers and the agent's log; raise 'Run failed' as az does."""
    run = schedule(ctx, reg, request)  # an unknown --agent-pool is refused before anything is queued
    ctx.warn(f"Queued a {what} with ID: {run.run_id}")
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
    reg = load_registry(ctx, a)
    if a.cmd_value and a.file:
        raise CliError("Usage error: --cmd and --file are mutually exclusive.")
    platform = parse_platform(a.platform)
    principal = _source_principal(ctx, a.source_acr_auth_id, a.auth_mode)
    location = a.source_location
    local = location.lower() != NULL_CONTEXT and not is_remote(location)
    context = ctx.sh.dir_files(location) if local and ctx.sh.list_dir(location) is not None else {}
    values = set_values(a.set_value) + set_values(a.set_secret, secret=True)
    name = a.file or "acb.yaml"
    request: dict = {"platform": _platform_body(platform), "values": values,
                     **({"timeout": a.timeout} if a.timeout else {}),
                     **({"agentPoolName": a.agent_pool} if a.agent_pool else {})}
    if cred := credentials(principal, a.auth_mode):
        request["credentials"] = cred
    in_context = not a.cmd_value and name != "-" and (
        (is_remote(location) and ctx.sh.read_file(name) is None)
        or (name.removeprefix("./") in context
            and (not a.values_file or a.values_file.removeprefix("./") in context)))
    if in_context:  # the agent reads the task (and values) file from the context
        request |= {"type": "FileTaskRunRequest", "taskFilePath": name,
                    **({"valuesFilePath": a.values_file} if a.values_file else {})}
    else:
        if a.cmd_value:
            text = CMD_TEMPLATE
            request["values"] = values + [{"name": "command", "value": a.cmd_value, "isSecret": False}]
        else:
            text = ctx.io.stdin if name == "-" else context.get(name.removeprefix("./"), ctx.sh.read_file(name))
            if text is None:
                raise CliError(f"{name} does not exist.")
        request |= {"type": "EncodedTaskRunRequest", "encodedTaskContent": _b64(text)}
        if a.values_file:
            vtext = context.get(a.values_file.removeprefix("./"), ctx.sh.read_file(a.values_file))
            if vtext is None:
                raise CliError(f"{a.values_file} does not exist.")
            request["encodedValuesContent"] = _b64(vtext)
    source = upload_context(ctx, reg, location, "run")
    if source:
        request["sourceLocation"] = source
    return queue(ctx, reg, request, "run", a.no_logs, a.no_wait)


def _b64(text: str) -> str:
    import base64
    return base64.b64encode(source_uploads.as_bytes(text)).decode()


def _platform_body(platform: dict) -> dict:
    return {k: v for k, v in (("os", platform["os"].capitalize()), ("architecture", platform["architecture"]),
                              ("variant", platform["variant"])) if v}


def _source_principal(ctx, value: str | None, auth_mode: str | None = None) -> str | None:
    # az's reference: accepted values '[caller], none' (any other value is refused by the parser, exit 2)
    if value and value.lower() == "[caller]" and auth_mode == "None":
        raise CliError("--source-acr-auth-id cannot be used with '--auth-mode None', which turns off the source "
                       "registry login.")
    return ctx.principal.object_id if value and value.lower() == "[caller]" else None


__all__ = ["finish", "parse_platform", "queue", "upload_context", "values_of"]
