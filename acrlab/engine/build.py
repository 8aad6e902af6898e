"""Deterministic image builds from a Dockerfile and a build context (used by `docker build` and ACR Tasks).

    from acrlab.engine.build import build_image, BuildError
    result = build_image({"Dockerfile": "FROM alpine\\nCOPY app.py /\\n", "app.py": "print(1)"},
                         resolve_base=lambda ref: catalog.find_public(ref))
    result.content            # ImageContent: push it with images.push_image(...)
    result.render_plain(["myapp:v1"])   # BuildKit `--progress=plain` log
    result.render_classic()             # classic builder log ("Step 1/2 : FROM ..."), as ACR Tasks print

Rules: `FROM` reuses the base image's layers exactly (`scratch` has none); RUN, COPY and ADD each add a
layer whose digest hashes the instruction, the parent chain and (COPY/ADD) the copied files' contents;
ENV, LABEL, EXPOSE, CMD, ENTRYPOINT, WORKDIR, USER, VOLUME, ARG, ... change only the config. Multi-stage
builds (`FROM x AS y`, `COPY --from=y`), `ARG` before `FROM`, `${VAR}`/`$VAR`/`${VAR:-default}` substitution
with `build_args`, and `.dockerignore` are honoured. Failures raise BuildError with BuildKit's text.
`resolve_base(ref)` returns the base image's ImageContent or None (unknown image); it may itself raise
BuildError with a more precise message (e.g. a registry's 401).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from . import build_cache
from .artifacts import ImageConfig, ImageContent, Layer
from .dockerfile import (
    MB,
    BuildError,
    Context,
    _h,
    _pick,
    _split_flags,
    config_fields,
    config_key,
    configure,
    copy_layer_size,
    freeze_config,
    interned,
    parse_dockerfile,
    run_layer_size,
    select,
    substitute,
)

__all__ = ["BuildError", "BuildResult", "BuildStep", "build_image", "parse_dockerfile", "substitute"]

EXECUTED = {"FROM", "RUN", "COPY", "ADD", "WORKDIR"}
"""Instructions BuildKit shows as steps; the others only change the config."""


@dataclass(slots=True)
class BuildStep:
    stage: int
    index: int
    """1-based position among the stage's instructions (BuildKit's `[stage 2/5]`)."""
    instruction: str
    layer: Layer | None = None
    cached: bool = False
    seconds: float = 0.0
    source: str = ""
    """The instruction as the Dockerfile wrote it (the classic builder's `Step 1/5 : FROM node:15-alpine`)."""


@dataclass(slots=True)
class BuildResult:
    """What a build made (plain dataclasses: nothing here comes from user input that needs validating)."""

    content: ImageContent
    steps: list[BuildStep]
    base_images: list[str]
    """Every external image the build pulled (normalised as written, e.g. `python:3.12-slim`)."""
    runtime_base: str | None = None
    """The external image the final stage is built on (what ACR Tasks call the runtime dependency)."""
    warnings: list[str] = field(default_factory=list)
    dockerfile: str = "Dockerfile"
    dockerfile_size: int = 0
    context_size: int = 0

    @property
    def image_id(self) -> str:
        return self.content.config_digest

    @property
    def seconds(self) -> float:
        return round(sum(s.seconds for s in self.steps), 1)

    def render_plain(self, tags: list[str] | None = None) -> str:
        """The log `docker build --progress=plain` prints (what a non-terminal sees). Kept per everything it
        shows but the image id (build_cache.PLAIN_LOGS): a CI pipeline prints the same log with a new id."""
        key = (self.dockerfile, self.dockerfile_size, tuple(self.base_images), tuple(tags or ()),
               tuple(self.warnings), tuple((s.stage, s.instruction, s.cached, s.seconds) for s in self.steps))
        parts = interned(build_cache.PLAIN_LOGS, key, lambda: tuple(
            self._plain(tags, build_cache.IMAGE_ID).split(build_cache.IMAGE_ID)))
        if len(parts) != 2:  # the marker was ambiguous (an instruction holding it)
            return self._plain(tags, self.image_id)
        return parts[0] + self.image_id + parts[1]

    def _plain(self, tags: list[str] | None, image_id: str) -> str:
        out = ['#0 building with "default" instance using docker driver', "",
               f"#1 [internal] load build definition from {self.dockerfile}",
               f"#1 transferring dockerfile: {self.dockerfile_size}B done", "#1 DONE 0.0s", ""]
        n = 2
        for ref in self.base_images:
            out += [f"#{n} [internal] load metadata for {_full(ref)}", f"#{n} DONE 0.4s", ""]
            n += 1
        out += [f"#{n} [internal] load .dockerignore", f"#{n} transferring context: 2B done", f"#{n} DONE 0.0s", ""]
        n += 1
        shown = [s for s in self.steps if s.instruction.split(" ", 1)[0] in EXECUTED]
        stages = max((s.stage for s in shown), default=0) + 1
        totals = {st: sum(1 for s in shown if s.stage == st) for st in range(stages)}
        seen: dict[int, int] = {}
        for s in shown:
            seen[s.stage] = seen.get(s.stage, 0) + 1
            label = f"[{'stage-' + str(s.stage) + ' ' if stages > 1 else ''}{seen[s.stage]}/{totals[s.stage]}]"
            out.append(f"#{n} {label} {s.instruction}")
            if s.cached:
                out.append(f"#{n} CACHED")
            else:
                out.append(f"#{n} DONE {s.seconds:.1f}s")
            out.append("")
            n += 1
        out += [f"#{n} exporting to image", f"#{n} exporting layers done",
                f"#{n} writing image {image_id} done"]
        out += [f"#{n} naming to {_full(t)} done" for t in tags or []]
        out += [f"#{n} DONE 0.1s"]
        out += ["", *(f"WARNING: {w}" for w in self.warnings)] if self.warnings else []
        return "\n".join(out) + "\n"

    def render_classic(self) -> str:
        """The classic builder's log (`Step 1/4 : FROM ...` / ` ---> id`), as ACR Tasks show it."""
        out = [f"Sending build context to Docker daemon  {_human(self.context_size)}"]
        total = len(self.steps)
        for i, s in enumerate(self.steps, 1):
            out.append(f"Step {i}/{total} : {s.source or s.instruction}")
            if s.cached:
                out.append(" ---> Using cache")
            out.append(f" ---> {hashlib.sha256((s.instruction + str(i)).encode()).hexdigest()[:12]}")
        out += [f"Successfully built {self.image_id[7:19]}"]
        return "\n".join(out) + "\n"


def _full(ref: str) -> str:
    first = ref.split("/", 1)[0]
    if "/" in ref and ("." in first or ":" in first or first == "localhost"):
        name = ref
    else:
        name = "docker.io/" + (ref if "/" in ref else "library/" + ref)
    last = name.rsplit("/", 1)[-1]
    return name if (":" in last or "@" in last) else name + ":latest"


def _human(n: int) -> str:
    for unit, div in (("MB", 1e6), ("kB", 1e3)):
        if n >= div:
            return f"{n / div:.2f}{unit}"
    return f"{n}B"


# -- the build --------------------------------------------------------------------------------
@dataclass(slots=True)
class _Stage:
    name: str | None
    layers: list[Layer]
    config: dict
    """The stage's ImageConfig fields, changed in place by config instructions (frozen into an ImageConfig at
    the end of the build)."""
    labels: dict[str, str]
    own_bytes: int = 0
    args: dict[str, str] = field(default_factory=dict)
    os: str = "linux"
    architecture: str = "amd64"
    env_scope: dict[str, str] | None = None
    """ENV as a dict for variable substitution (recomputed after ENV)."""
    base: str | None = None
    """The external image this stage (or the stage it forks) starts from."""

    def env(self) -> dict[str, str]:
        if self.env_scope is None:
            self.env_scope = dict(e.split("=", 1) for e in self.config["env"] if "=" in e)
        return self.env_scope

    def fork(self, name: str | None) -> _Stage:
        """`FROM <earlier stage>`: a copy that shares nothing mutable with the original."""
        return _Stage(name=name, layers=list(self.layers), config=config_fields(self.config), labels=dict(self.labels),
                      args=dict(self.args), os=self.os, architecture=self.architecture, base=self.base)


def build_image(files: dict[str, str], dockerfile: str = "Dockerfile", build_args: dict | None = None,
                platform: str = "linux/amd64", resolve_base: Callable[[str], ImageContent | None] | None = None,
                *, target: str | None = None, cache: set[str] | frozenset[str] = frozenset(),
                created: str | None = None) -> BuildResult:
    """Build an image from `files` (context path -> text). See the module docstring for the rules.

    `cache` holds layer digests the builder already has (their steps print CACHED); `target` stops at a
    named stage (`docker build --target`); `created` (RFC 3339) is recorded in the image config, as a builder
    without a cache of the final image does (ACR Tasks agents): the same Dockerfile built at another time then
    gives another image digest, while its layers stay the same."""
    build_args = dict(build_args or {})
    text = files.get(dockerfile.lstrip("./"))
    if text is None:
        raise BuildError(f"failed to read dockerfile: open {dockerfile.rsplit('/', 1)[-1]}: no such file or directory")
    instructions = parse_dockerfile(text)
    context = Context(files)
    os_, _, arch = platform.partition("/")
    arch, _, variant = arch.partition("/")
    globals_: dict[str, str] = {}
    stages: list[_Stage] = []
    steps: list[BuildStep] = []
    bases: list[str] = []
    warnings: list[str] = []
    cur: _Stage | None = None
    index = 0
    for line, instr, raw in instructions:
        if instr == "ARG" and cur is None:
            name, eq, default = raw.partition("=")
            globals_[name.strip()] = build_args.get(name.strip(), default.strip().strip('"') if eq else "")
            continue
        if instr == "FROM":
            words = substitute(raw, globals_).split()
            words = [w for w in words if not w.startswith("--platform")]
            if len(words) not in (1, 3) or (len(words) == 3 and words[1].upper() != "AS"):
                raise BuildError(f"dockerfile parse error on line {line}: FROM requires either one or three "
                                 "arguments", line)
            ref = words[0]
            if not ref:
                raise BuildError(f"base name ({raw.split()[0]}) should not be blank", line)
            stage_name = words[2].lower() if len(words) == 3 else None
            prior = next((s for s in stages if s.name == ref.lower()), None)
            if prior is not None:
                cur = prior.fork(stage_name)
            elif ref == "scratch":
                cur = _Stage(name=stage_name, layers=[], config=config_fields(ImageConfig(env=[])), labels={}, os=os_,
                             architecture=arch)
            else:
                base = _resolve(resolve_base, ref)
                if ref not in bases:
                    bases.append(ref)
                if base.architecture != arch or base.os != os_:
                    warnings.append(f'InvalidBaseImagePlatform: Base image {ref} was pulled with platform '
                                    f'"{base.os}/{base.architecture}", expected "{platform}" for current build '
                                    f"(line {line})")
                cur = _Stage(name=stage_name, layers=list(base.layers), config=config_fields(base.config),
                             labels=dict(base.labels), os=os_, architecture=arch, base=ref)
            cur.args = {}
            stages.append(cur)
            index = 1
            shown = f"{_full(ref)}@{base.digest}" if prior is None and ref != "scratch" else ref
            steps.append(BuildStep(stage=len(stages) - 1, index=1, instruction=f"FROM {shown}", source=f"FROM {raw}"))
            continue
        if cur is None:
            raise BuildError(f"dockerfile parse error on line {line}: no build stage in current context", line)
        index += 1
        scope = {**cur.args, **cur.env()}
        step = BuildStep(stage=len(stages) - 1, index=index, instruction=f"{instr} {raw}")
        if instr == "ARG":
            name, eq, default = raw.partition("=")
            name = name.strip()
            cur.args[name] = build_args.get(name, default.strip().strip('"') if eq else globals_.get(name, ""))
            step.instruction = ""
        elif instr in ("RUN", "COPY", "ADD"):
            parent = cur.layers[-1].digest if cur.layers else "scratch"
            if instr == "RUN":
                if not raw:
                    raise BuildError(f"dockerfile parse error on line {line}: RUN requires at least one argument", line)
                key, size = (raw, sorted(scope.items())), run_layer_size(substitute(raw, scope), files)
                step.seconds = round(0.3 + size / (8 * MB), 1)
            else:
                key, size = _copy(instr, raw, scope, context, stages, resolve_base, line, bases)
                step.seconds = 0.1
            layer = build_cache.layer("sha256:" + _h("layer", parent, platform, instr, key), size,
                           f"{instr} {raw}" + (" # buildkit" if instr != "RUN" else ""))
            step.layer = layer
            step.cached = layer.digest in cache
            if step.cached:
                step.seconds = 0.0
            cur.layers.append(layer)
            cur.own_bytes += size
        else:
            configure(cur.config, cur.labels, instr, substitute(raw, scope) if instr not in (
                "CMD", "ENTRYPOINT", "HEALTHCHECK", "ONBUILD") else raw, line)
            if instr == "ENV":
                cur.env_scope = None
        if step.instruction:
            steps.append(step)
    if not stages:
        raise BuildError("no build stage in current context")
    final = stages[-1]
    if target is not None:
        chosen = next((s for s in stages if s.name == target.lower()), None)
        if chosen is None:
            raise BuildError(f"target stage \"{target}\" could not be found")
        final = chosen
        last = stages.index(final)
        steps = [s for s in steps if s.stage <= last]
    used = set(globals_) | {k for s in stages for k in s.args}
    unused = sorted(k for k in build_args if k not in used)
    if unused:
        warnings.append(f"One or more build-args [{' '.join(unused)}] were not consumed")
    key = config_key(final.config)
    config = freeze_config(final.config, key)
    body = build_cache.config_body(config, key, final.labels, final.architecture, final.os, final.layers, created)
    content = ImageContent(config_digest="sha256:" + hashlib.sha256(body).hexdigest(), config_size=len(body),
                           layers=final.layers, os=final.os, architecture=final.architecture,
                           variant=variant or None, labels=final.labels, config=config)
    return BuildResult(content=content, steps=steps, base_images=bases, runtime_base=final.base, warnings=warnings,
                       dockerfile=dockerfile,
                       dockerfile_size=len(text.encode()),
                       context_size=sum(len(c.encode()) for c in files.values()))


def _resolve(resolve_base, ref: str) -> ImageContent:
    base = resolve_base(ref) if resolve_base else None
    if base is None:
        raise BuildError(f"{ref}: failed to resolve source metadata for {_full(ref)}: pull access denied, repository "
                         "does not exist or may require authorization: server message: insufficient_scope: "
                         "authorization failed")
    return base


def _copy(instr, raw, scope, context: Context, stages, resolve_base, line, bases) -> tuple[tuple, int]:
    flags, words = _split_flags(substitute(raw, scope))
    if len(words) < 2:
        raise BuildError(f"dockerfile parse error on line {line}: {instr} requires at least two arguments, but only "
                         "one was provided. Destination could not be determined.", line)
    srcs, dest = words[:-1], words[-1]
    src_stage = flags.get("from")
    if src_stage is not None:
        st = next((s for s in stages if s.name == src_stage.lower()), None)
        if st is None and src_stage.isdigit() and int(src_stage) < len(stages):
            st = stages[int(src_stage)]
        if st is not None:
            chain = st.layers[-1].digest if st.layers else "scratch"
            size = max(1_024, int(st.own_bytes * 0.35)) if st.own_bytes else _pick(chain + str(srcs), 20_000, 4 * MB)
            return (tuple(srcs), dest, chain, tuple(sorted(flags.items()))), size
        img = _resolve(resolve_base, src_stage)
        if src_stage not in bases:
            bases.append(src_stage)
        return (tuple(srcs), dest, img.config_digest), max(1_024, int(img.size * 0.1))
    if instr == "ADD" and all(s.startswith(("http://", "https://")) for s in srcs):
        return (tuple(srcs), dest), sum(_pick(s, 500_000, 8 * MB) for s in srcs)
    visible = context.visible()
    chosen = interned(build_cache.SELECTIONS, (tuple(srcs), visible), lambda: tuple(select(visible, srcs)))
    files = context.files
    contents = [(f, files[f]) for f in chosen]
    digest = _h(*(p + "\0" + c for p, c in contents))
    size = interned(build_cache.COPY_SIZES, digest, lambda: copy_layer_size(contents))
    return (tuple(srcs), dest, tuple(sorted(flags.items())), digest), size
