"""ACR Tasks runs: run ids, the run resource, step execution (build, push, cmd) and the agent's log.

A run executes steps on a simulated agent: `build` uses engine.build.build_image on the context files,
`push` pushes images built in this run to the registry with the run's own credential (recorded in
`Manifest.built_by_run`), `cmd` runs a container (`tasks_cmd`). An agent has no image cache, so each build
records its creation time in the image config: the same Dockerfile built later gives another digest. A
successful run ends with "The following dependencies were found:" (each image built, its runtime base image
and the Git commit), which is what base-image triggers follow.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from . import catalog, oci, tasks_deps, tasks_git, tasks_secrets
from .artifacts import ImageContent
from .build import BuildError, build_image
from .clock import iso
from .cloud import Cloud
from .dataplane import Credential, Origin, decide
from .errors import RegistryError
from .images import push_image
from .registry import Registry
from .tasks_access import AccessError, authorize, credential_for
from .tasks_cmd import HELLO, StepFailed, run_cmd, split_args
from .tasks_login import hub_base, push_to_docker_hub
from .tasks_sequence import base36, next_run_id, order_steps

__all__ = ["HELLO", "Run", "RunSpec", "Step", "StepFailed", "base36", "execute", "next_run_id", "resume"]

CR = "Microsoft.ContainerRegistry/registries"
class Step(BaseModel):
    kind: str  # build | push | cmd
    id: str
    value: str | list[str] = ""
    when: list[str] | None = None
    timeout: int = 600
    ignore_errors: bool = False
    detach: bool = False


class RunSpec(BaseModel):
    steps: list[Step]
    files: dict[str, str] = Field(default_factory=dict)
    """The build context (path -> text); empty for /dev/null."""
    platform: dict = Field(default_factory=lambda: {"architecture": "amd64", "os": "linux", "variant": None})
    run_type: str = "QuickRun"
    task: str | None = None
    timeout: int = 600
    cpu: int = 2
    source_principal: str | None = None
    """`--source-acr-auth-id [caller]`: object id whose data permissions the run uses (ABAC registries)."""
    identity_principal: str | None = None
    quick_build: bool = False
    setup_error: str | None = None
    """Why the agent could not even start (e.g. the Git context could not be downloaded)."""
    remote_context: bool = False
    """The agent downloads the context (Git URL) first: 'Downloading source code...'."""
    variables: dict[str, str] = Field(default_factory=dict)
    identities: dict[str, str] = Field(default_factory=dict)
    """The task's identities a step may use: '[system]' or a user identity's client id -> object id."""
    custom_registries: dict[str, dict] = Field(default_factory=dict)
    """Task credentials per login server: {username, password, identity} (az acr task credential)."""
    commit: str = ""
    """The Git commit a remote context was checked out at (the dependency report names it)."""
    agent_pool: str | None = None
    """The agent pool the run is scheduled on (`--agent-pool`; engine/agent_pools.py)."""
    secrets: list[dict] = Field(default_factory=list)
    """The task file's Key Vault secrets (engine/tasks_secrets.py), fetched before the first step."""


class Run(BaseModel):
    run_id: str
    registry: str
    resource_group: str
    subscription_id: str
    run_type: str
    task: str | None = None
    status: str = "Queued"
    create_time: datetime
    start_time: datetime | None = None
    finish_time: datetime | None = None
    platform: dict
    cpu: int = 2
    output_images: list[dict] = Field(default_factory=list)
    source_trigger: dict | None = None
    image_update_trigger: dict | None = None
    timer_trigger: dict | None = None
    is_archive_enabled: bool = False
    run_error_message: str | None = None
    log: str = ""
    log_purged_at: datetime | None = None
    """When the 30-day log retention deleted the stored log (engine/run_logs.py); the run record stays."""
    base_images: list[str] = Field(default_factory=list)
    agent_pool: str | None = None

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/"
                f"{CR}/{self.registry}/runs/{self.run_id}")

    @property
    def seconds(self) -> int:
        if not self.start_time or not self.finish_time:
            return 0
        return int(round((self.finish_time - self.create_time).total_seconds()))

    def to_json(self) -> dict:
        return {
            "agentConfiguration": {"cpu": self.cpu}, "agentPoolName": self.agent_pool, "createTime": iso(self.create_time),
            "customRegistries": None, "finishTime": iso(self.finish_time), "id": self.id,
            "imageUpdateTrigger": self.image_update_trigger, "isArchiveEnabled": self.is_archive_enabled,
            "lastUpdatedTime": iso(self.finish_time or self.create_time), "logArtifact": None, "name": self.run_id,
            "outputImages": self.output_images or None, "platform": self.platform,
            "provisioningState": "Succeeded", "resourceGroup": self.resource_group,
            "runErrorMessage": self.run_error_message, "runId": self.run_id, "runType": self.run_type,
            "sourceRegistryAuth": None, "sourceTrigger": self.source_trigger, "startTime": iso(self.start_time),
            "status": self.status, "task": self.task, "timerTrigger": self.timer_trigger,
            "type": f"{CR}/runs", "updateTriggerToken": None,
        }


class _Agent:
    """One run on one agent: a simulated wall clock for log lines and the images built so far."""

    def __init__(self, cloud: Cloud, reg: Registry, run: Run, spec: RunSpec):
        self.cloud, self.reg, self.run, self.spec = cloud, reg, run, spec
        self.t: datetime = run.start_time or cloud.clock.now()
        self.lines: list[str] = []
        self.built: dict[str, ImageContent] = {}
        self.files_of: dict[str, dict[str, str]] = {}
        """The context files in each image built here, by image digest (tasks_script runs their scripts)."""
        self.containers: dict[str, str] = {}
        """Detached containers by name (a later `docker stop` needs them)."""
        self.deps: list[dict] = []
        """One entry per image built: its reference, runtime base image, digest once pushed."""
        self._stamp_at: datetime | None = None
        self._stamp = ""
        self.logins: dict[str, tuple[str, str]] = {}
        """`docker login` in a step: login server -> (username, password) for later pulls and pushes."""
        self.az_principal: str | None = None
        """Who `az login --identity` signed in as (the home volume keeps it for later steps)."""
        from .agent_pools import origin
        self.origin: Origin = origin(reg, spec.agent_pool)
        """Where the agent's registry requests come from (shared compute, or its agent pool's subnet)."""
        self.cred = Credential(kind="task", registry=reg.name, token_name=run.run_id,
                               principal_id=spec.source_principal or spec.identity_principal, issued=run.start_time,
                               source_identity=bool(spec.source_principal))

    def log(self, text: str, stamp: bool = True) -> None:
        if not stamp:
            self.lines.append(text)
            return
        if self._stamp_at != self.t:
            self._stamp_at, self._stamp = self.t, self.t.strftime("%Y/%m/%d %H:%M:%S")
        self.lines.append(f"{self._stamp} {text}")

    def wait(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)

    # -- steps ----------------------------------------------------------------------------------
    def build(self, step: Step) -> None:
        argv = split_args(step.value)
        tags, dockerfile, args, context, target, platform = [], "Dockerfile", {}, None, None, None
        i = 0
        while i < len(argv):
            a = argv[i]
            if a in ("-t", "--tag", "--image", "-f", "--file", "--build-arg", "--target", "--platform"):
                i += 1
                v = argv[i] if i < len(argv) else ""
                if a in ("-t", "--tag", "--image"):
                    tags.append(v)
                elif a in ("-f", "--file"):
                    dockerfile = v
                elif a == "--build-arg":
                    k, _, val = v.partition("=")
                    args[k] = val
                elif a == "--target":
                    target = v
                else:
                    platform = v
            elif not a.startswith("-"):
                context = a
            i += 1
        if context and context.lower().startswith(("https://", "http://")):  # a Git URL context: the agent clones it
            files = tasks_git.checkout(self.cloud, context)
            if files is None:
                raise StepFailed(f"failed to clone {context}: repository not found")
        else:
            prefix = "" if context in (None, ".", "./") else context.rstrip("/") + "/"
            files = {p[len(prefix):]: c for p, c in self.spec.files.items() if p.startswith(prefix)}
        self.log("Obtaining source code and scanning for dependencies...")
        self.wait(1)
        plat = platform or "/".join(x for x in (self.spec.platform["os"], self.spec.platform["architecture"],
                                                self.spec.platform.get("variant")) if x)
        result = build_image(files, dockerfile.removeprefix("./"), args, plat, self._resolve_base, target=target,
                             created=self.t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        self.log("Successfully obtained source code and scanned for dependencies")
        self.log(f"Launching container with name: {step.id}")
        self.lines += result.render_classic().rstrip("\n").splitlines()
        self.files_of[result.content.digest] = result.files
        for t in tags:
            self.built[self._full(t)] = result.content
            self.lines.append(f"Successfully tagged {self._full(t)}")
            self.deps.append({"image": self._full(t), "digest": result.content.digest, "runtime": result.runtime_base,
                              "buildtime": [b for b in result.base_images if b != result.runtime_base]})
        self.run.base_images += [b for b in result.base_images if b not in self.run.base_images]
        self.wait(max(1.0, result.seconds))
        self.log(f"Successfully executed container: {step.id}")

    def push(self, step: Step) -> None:
        images = step.value if isinstance(step.value, list) else [step.value]
        for ref in images:
            full = self._full(ref)
            content = self.built.get(full)
            self.log(f"Pushing image: {full}, attempt 1")
            if content is None:
                raise StepFailed(f"An image does not exist locally with the tag: {full}")
            server, _, rest = full.partition("/")
            repo, _, tag = rest.rpartition(":")
            target = self.cloud.registry_by_login_server(server)
            if target is None and server == "docker.io":  # the agent's docker login decides (engine/docker_hub.py)
                push_to_docker_hub(self, repo, tag, content)
                continue
            if target is None:
                raise StepFailed(f"failed to push {full}: dial tcp: lookup {server}: no such host")
            try:
                cred = credential_for(self.cloud, self.reg, target, self.spec, self.cred, self.t, self.logins)
                if cred.kind == "anonymous":
                    raise AccessError("unauthorized: authentication required")
            except AccessError as e:
                raise StepFailed(f"failed to push {full}: {e}") from None
            try:
                manifest, new = push_image(self.cloud, target, cred, repo, tag, content, self.origin,
                                           built_by_run=self.run.run_id)
            except RegistryError as e:
                raise StepFailed(f"failed to push {full}: {e.code.lower()}: {e.message}") from None
            self.lines.append(f"The push refers to repository [{server}/{repo}]")
            for layer in reversed(content.layers):
                self.lines.append(f"{layer.digest[7:19]}: {'Pushed' if layer.digest in new else 'Layer already exists'}")
            self.lines.append(f"{tag}: digest: {manifest.digest} size: {manifest.manifest_size}")
            self.wait(1 + sum(layer.size for layer in content.layers if layer.digest in new) / 50e6)
            self.log(f"Successfully pushed image: {full}")
            self.run.output_images.append({"digest": manifest.digest, "registry": server, "repository": repo,
                                           "tag": tag})
            for dep in self.deps:
                if dep["image"] == full:
                    dep["digest"] = manifest.digest

    def cmd(self, step: Step) -> None:
        run_cmd(self, step, split_args(step.value))
        self.log(f"Successfully executed container: {step.id}")

    # -- helpers --------------------------------------------------------------------------------
    def base_digest(self, ref: str) -> str:
        """The digest a base image reference resolves to (an index's own digest for a multi-arch tag)."""
        first = ref.split("/", 1)[0]
        if "/" in ref and first.endswith(".azurecr.io"):
            reg = self.cloud.registry_by_login_server(first)
            _, repo, tag = catalog.normalize_reference(ref)
            try:
                return reg.store.resolve(repo, tag).digest if reg is not None else ""
            except RegistryError:
                return ""
        index = catalog.find_public_index(ref)
        content = index or catalog.find_public(ref, self.cloud.state.get("catalog_overrides"))
        return content.digest if content is not None else ""

    def _full(self, ref: str) -> str:
        """A reference with its registry: an unqualified name is Docker Hub's, as for docker (`-t hello-world-test`
        stays on the agent; pushing `hubuser/hubrepo` goes to Docker Hub, not to the run's registry)."""
        first = ref.split("/", 1)[0]
        if "/" not in ref or not ("." in first or ":" in first or first == "localhost"):
            ref = f"docker.io/{ref}" if "/" in ref else f"docker.io/library/{ref}"
        last = ref.rsplit("/", 1)[-1]
        return ref if ":" in last or "@" in last else ref + ":latest"

    def _resolve_base(self, ref: str):
        if ref in self.built or self._full(ref) in self.built:
            return self.built.get(ref) or self.built.get(self._full(ref))
        first = ref.split("/", 1)[0]
        if "/" in ref and first.endswith(".azurecr.io"):
            reg = self.cloud.registry_by_login_server(first)
            if reg is None:
                raise BuildError(f"failed to resolve source metadata for {ref}: no such host")
            rest = ref.split("/", 1)[1]
            repo, sep, tag = rest.partition("@") if "@" in rest else rest.rpartition(":") if ":" in rest.rsplit(
                "/", 1)[-1] else (rest, "", "latest")
            try:
                cred = credential_for(self.cloud, self.reg, reg, self.spec, self.cred, self.t, self.logins)
                authorize(self.cloud, reg, cred, "pull", repo, self.origin)
            except AccessError as e:
                raise BuildError(f"failed to resolve source metadata for {ref}: {e}") from None
            try:
                return oci.platform_image(reg.store.resolve(repo, tag).content)
            except RegistryError:
                raise BuildError(f"{ref}: not found") from None
        content = hub_base(self, ref) or catalog.find_public(ref, self.cloud.state.get("catalog_overrides"))
        if content is None:  # what the agent's Docker daemon answers for an image the public registry lacks
            raise BuildError(catalog.missing_message(ref))
        return content


def execute(cloud: Cloud, reg: Registry, spec: RunSpec, run_id: str | None = None, **trigger) -> Run:
    """Queue, run and finish one run; the run (with its log) is kept in `reg.runs`."""
    now = cloud.clock.now()
    if spec.agent_pool:
        from . import agent_pools
        agent_pools.require(reg, spec.agent_pool)
    run = Run(run_id=run_id or next_run_id(reg), registry=reg.name, resource_group=reg.resource_group,
              subscription_id=reg.subscription_id, run_type=spec.run_type, task=spec.task, create_time=now,
              start_time=now + timedelta(seconds=1), platform=spec.platform, cpu=spec.cpu,
              agent_pool=spec.agent_pool, **trigger)
    reg.runs[run.run_id] = run
    if spec.agent_pool and agent_pools.hold(reg, run, spec):
        return run
    return _perform(cloud, reg, run, spec)


def resume(cloud: Cloud, reg: Registry, run: Run, spec: RunSpec) -> Run:
    """A run that waited Queued for an agent (engine/agent_pools.py) starts now."""
    run.start_time = cloud.clock.now() + timedelta(seconds=1)
    return _perform(cloud, reg, run, spec)


def _perform(cloud: Cloud, reg: Registry, run: Run, spec: RunSpec) -> Run:
    agent = _Agent(cloud, reg, run, spec)
    if spec.remote_context:
        agent.log("Downloading source code...")
        agent.wait(1 if spec.setup_error else 4)
        if spec.setup_error:  # acb stops here; its last line carries the error (azure-cli issues 28190, 30033)
            return _finish(cloud, reg, run, agent, spec.setup_error, spec.setup_error)
        agent.log("Finished downloading source code")
    agent.log("Using acb_vol_" + cloud.ids.guid() + " as the home volume")
    if any(s.kind == "cmd" for s in spec.steps):
        agent.log("Creating Docker network: acb_default_network, driver: 'bridge'")
        agent.log("Successfully set up Docker network: acb_default_network")
    agent.log("Setting up Docker configuration...")
    agent.wait(1)
    agent.log("Successfully set up Docker configuration")
    agent.log(f"Logging in to registry: {reg.login_server}")
    agent.wait(1)
    if (spec.source_principal and reg.role_assignment_mode != "AbacRepositoryPermissions"
            and not decide(cloud, reg, agent.cred, "pull", None).allowed):
        # --source-acr-auth-id on an RBAC registry: the login itself needs the identity's registry role (AcrPull or
        # above); ABAC registries check repository permissions at each pull and push instead
        error = (f"failed to login to {reg.login_server}: unauthorized: the source registry identity has no "
                 "permission on the registry")
        agent.lines.append(error)
        return _finish(cloud, reg, run, agent, error, error)
    agent.log(f"Successfully logged into {reg.login_server}")
    failed: str | None = None
    if spec.setup_error:
        agent.lines.append(spec.setup_error)
        failed = spec.setup_error
    elif spec.secrets:
        failed = tasks_secrets.fetch(agent)
    try:
        for step in ([] if failed else order_steps(spec.steps)):
            network = "acb_default_network" if step.kind == "cmd" else ""
            agent.log(f"Executing step ID: {step.id}. Timeout(sec): {step.timeout}, Working directory: '', "
                      f"Network: '{network}'")
            begin = agent.t
            try:
                getattr(agent, step.kind)(step)
            except (StepFailed, BuildError) as e:
                agent.lines += [str(getattr(e, "message", e))]
                agent.log(f"Container failed during run: {step.id}. No retries remaining.")
                if step.ignore_errors:
                    continue
                failed = f"failed to run step ID: {step.id}: exit status 1"
                agent.lines.append(failed)
                break
            secs = (agent.t - begin).total_seconds()
            agent.log(f"Step ID: {step.id} marked as successful (elapsed time in seconds: {secs:.6f})")
    except StepFailed as e:
        failed = str(e)
        agent.lines.append(failed)
    return _finish(cloud, reg, run, agent, failed, "failed during run, err: exit status 1")


def _finish(cloud: Cloud, reg: Registry, run: Run, agent: _Agent, failed: str | None, error: str) -> Run:
    agent.wait(1)
    run.finish_time = agent.t
    if failed:
        run.status, run.run_error_message = "Failed", error
        agent.lines += ["", f"Run ID: {run.run_id} failed after {run.seconds}s. Error: {error}"]
    else:
        run.status = "Succeeded"
        agent.lines += tasks_deps.render(agent.deps, agent.base_digest, agent.spec.commit)
        agent.lines += ["", f"Run ID: {run.run_id} was successful after {run.seconds}s"]
    run.log = "\n".join(agent.lines) + "\n"
    cloud.emit("run_finished", registry=reg, run=run)
    return run
