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

A build runs in two parts, as BuildKit's solver does: the Dockerfile, the build arguments, the context's file
names and the base images make a plan (`_compile`: every instruction parsed and checked, the config, the
steps, and one op per layer); the plan's ops then make the layers from the files' contents (`_execute`). A plan is
kept per (Dockerfile, arguments, platform, target, context names, .dockerignore) in build_cache.PLANS and used
again while every base image resolves to the same content, so a CI build that only changed a copied file hashes
that file, compresses its layer and writes the new ids; a cold build runs the same two parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from . import build_cache
from .artifacts import ImageConfig, ImageContent, Layer
from .build_result import BuildResult, BuildStep, _full
from .dockerfile import (
    MB,
    BuildError,
    _h,
    _pick,
    _split_flags,
    _visible,
    config_fields,
    config_key,
    configure,
    copy_layer_size,
    freeze_config,
    interned,
    parse_dockerfile,
    run_layer_reads,
    run_layer_size_of,
    select,
    substitute,
)

__all__ = ["BuildError", "BuildResult", "BuildStep", "build_image", "parse_dockerfile", "substitute"]


@dataclass(slots=True)
class _Stage:
    """A stage while the plan is made: its config, labels and variables (its layers are made by the ops)."""

    name: str | None
    config: dict
    """The stage's ImageConfig fields, changed in place by config instructions (frozen into an ImageConfig at
    the end of the build)."""
    labels: dict[str, str]
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
        return _Stage(name=name, config=config_fields(self.config), labels=dict(self.labels), args=dict(self.args),
                      os=self.os, architecture=self.architecture, base=self.base)


@dataclass(slots=True)
class _Plan:
    """Everything a build makes that does not depend on the context files' contents."""

    ops: list[tuple]
    """In build order: ("base", layers) / ("fork", stage) / ("scratch",) start a stage; ("run", stage, step, key,
    command, files it reads, created_by), ("copy", stage, step, sources, dest, flags, files, created_by), ("copy-stage", stage,
    step, sources, dest, from_stage, flags, created_by) and ("fixed", stage, step, key, size, created_by) add a
    layer (step: its position in `steps`, -1 past --target)."""
    steps: list[BuildStep]
    final: int
    config: ImageConfig
    config_key: tuple
    labels: dict[str, str]
    os: str
    architecture: str
    variant: str | None
    bases: list[str]
    runtime_base: str | None
    warnings: list[str]
    dockerfile_size: int
    resolved: list[tuple[str, ImageContent]]
    """Every base image the plan resolved, in order: a build re-resolves them and keeps the plan if all match."""
    placed: list[tuple[int, str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    """The final stage's COPY/ADD of context files: (stage, absolute destination, sources, files chosen)."""
    bodies: dict = field(default_factory=dict)
    """The config blob's parts by (history, created) (build_cache.config_body's memo)."""
    made: dict = field(default_factory=dict)
    """What a RUN or COPY op made, by (op position, parent layer digest, the texts of the files it reads): its layer,
    size and seconds, and its build step with and without CACHED. Everything else that decides them is the plan's
    own (platform, instruction, sources, destination, flags), so a CI build that changed one copied file looks its
    other ops up here (bounded: emptied past MADE_MAX entries)."""


MADE_MAX = 64


class _Resolver:
    """resolve_base through BuildKit's error for an unknown image, recording what it resolved; `ahead` are results
    resolved already for this build (served first, in order, so no image is pulled twice)."""

    def __init__(self, resolve_base, ahead: list[tuple[str, ImageContent]] | None = None) -> None:
        self.resolve_base = resolve_base
        self.ahead = list(ahead or [])
        self.resolved: list[tuple[str, ImageContent]] = []

    def __call__(self, ref: str) -> ImageContent:
        if self.ahead and self.ahead[0][0] == ref:
            got = self.ahead.pop(0)[1]
        else:
            self.ahead = []
            got = _resolve(self.resolve_base, ref)
        self.resolved.append((ref, got))
        return got


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
    names = tuple(sorted(files))
    key = (dockerfile, text, tuple(sorted(build_args.items())), platform, target, names, files.get(".dockerignore", ""))
    plan = build_cache.PLANS.get(key)
    ahead = None
    if plan is not None:
        ahead = [(ref, _resolve(resolve_base, ref)) for ref, _ in plan.resolved]
        if any(got is not want and got != want for (_, got), (_, want) in zip(ahead, plan.resolved, strict=True)):
            plan = None  # a base image changed since: plan again with what was just resolved
    if plan is None:
        plan = _compile(text, names, key[-1], build_args, platform, target, _Resolver(resolve_base, ahead))
        interned(build_cache.PLANS, key, lambda: plan)
    return _execute(plan, files, dockerfile, platform, cache, created)


def _compile(text: str, names: tuple[str, ...], dockerignore: str, build_args: dict[str, str], platform: str,
             target: str | None, resolve: _Resolver) -> _Plan:
    instructions = parse_dockerfile(text)
    visible = _visible(names, dockerignore)
    os_, _, arch = platform.partition("/")
    arch, _, variant = arch.partition("/")
    globals_: dict[str, str] = {}
    stages: list[_Stage] = []
    steps: list[BuildStep] = []
    ops: list[tuple] = []
    placed: list[tuple] = []
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
            prior = next((i for i, s in enumerate(stages) if s.name == ref.lower()), None)
            if prior is not None:
                cur = stages[prior].fork(stage_name)
                ops.append(("fork", prior))
            elif ref == "scratch":
                cur = _Stage(name=stage_name, config=config_fields(ImageConfig(env=[])), labels={}, os=os_,
                             architecture=arch)
                ops.append(("scratch",))
            else:
                base = resolve(ref)
                if ref not in bases:
                    bases.append(ref)
                if base.architecture != arch or base.os != os_:
                    warnings.append(f'InvalidBaseImagePlatform: Base image {ref} was pulled with platform '
                                    f'"{base.os}/{base.architecture}", expected "{platform}" for current build '
                                    f"(line {line})")
                cur = _Stage(name=stage_name, config=config_fields(base.config), labels=dict(base.labels), os=os_,
                             architecture=arch, base=ref)
                ops.append(("base", tuple(base.layers)))
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
            created_by = f"{instr} {raw}" + (" # buildkit" if instr != "RUN" else "")
            where = (len(stages) - 1, len(steps))
            if instr == "RUN":
                if not raw:
                    raise BuildError(f"dockerfile parse error on line {line}: RUN requires at least one argument", line)
                cmd = substitute(raw, scope)
                ops.append(("run", *where, str((raw, sorted(scope.items()))), cmd, run_layer_reads(cmd, names),
                            created_by))
            else:
                ops.append((*_copy(instr, raw, scope, visible, stages, resolve, line, bases), created_by))
                ops[-1] = (ops[-1][0], *where, *ops[-1][1:])
                if ops[-1][0] == "copy":  # where its files land (a relative destination is under WORKDIR)
                    into, workdir = str(ops[-1][5]), str(cur.config.get("working_dir") or "/")
                    placed.append((len(stages) - 1, into if into.startswith("/") else
                                   workdir.rstrip("/") + "/" + into.removeprefix("./"), ops[-1][4], ops[-1][7]))
        else:
            configure(cur.config, cur.labels, instr, substitute(raw, scope) if instr not in (
                "CMD", "ENTRYPOINT", "HEALTHCHECK", "ONBUILD") else raw, line)
            if instr == "ENV":
                cur.env_scope = None
        if step.instruction:
            steps.append(step)
    if not stages:
        raise BuildError("no build stage in current context")
    final = len(stages) - 1
    if target is not None:
        chosen = next((i for i, s in enumerate(stages) if s.name == target.lower()), None)
        if chosen is None:
            raise BuildError(f"target stage \"{target}\" could not be found")
        final = chosen
        kept = [s for s in steps if s.stage <= final]
        position = {id(s): i for i, s in enumerate(kept)}
        ops = [(op[0], op[1], position.get(id(steps[op[2]]), -1), *op[3:]) if len(op) > 2 else op for op in ops]
        steps = kept
    used = set(globals_) | {k for s in stages for k in s.args}
    unused = sorted(k for k in build_args if k not in used)
    if unused:
        warnings.append(f"One or more build-args [{' '.join(unused)}] were not consumed")
    last = stages[final]
    key = config_key(last.config)
    return _Plan(ops=ops, steps=steps, final=final, config=freeze_config(last.config, key), config_key=key,
                 labels=last.labels, os=last.os, architecture=last.architecture, variant=variant or None,
                 bases=bases, runtime_base=last.base, warnings=warnings, dockerfile_size=len(text.encode()),
                 resolved=resolve.resolved, placed=[p for p in placed if p[0] == final])


def _execute(plan: _Plan, files: dict[str, str], dockerfile: str, platform: str, cache, created: str | None
             ) -> BuildResult:
    """The layers from the files' contents, then the config blob and the image (see _Plan.ops)."""
    layers_of: list[list[Layer]] = []
    own: list[int] = []
    steps = list(plan.steps)  # the plan's steps as they are; a step that makes a layer gets its own copy below
    made = plan.made
    for position, op in enumerate(plan.ops):
        kind = op[0]
        if kind == "base":
            layers_of.append(list(op[1]))
            own.append(0)
            continue
        if kind == "fork":
            layers_of.append(list(layers_of[op[1]]))
            own.append(0)
            continue
        if kind == "scratch":
            layers_of.append([])
            own.append(0)
            continue
        stage, at = op[1], op[2]
        if stage > plan.final:
            continue  # a stage after --target: nothing of it is in the image
        layers = layers_of[stage]
        parent = layers[-1].digest if layers else "scratch"
        memo: tuple | None = None
        if kind == "copy":
            memo = (position, parent, tuple([files[f] for f in op[7]]))
        elif kind == "run" and op[5] is not None:
            memo = (position, parent, tuple([files[f] for f in op[5][0]]), files[op[5][1]] if op[5][1] else None)
        done = made.get(memo) if memo is not None else None
        if done is not None:
            layer, size, seconds, kept = done
            layers.append(layer)
            own[stage] += size
            if at >= 0:
                cached = layer.digest in cache
                step = kept.get(cached)
                if step is None:
                    step = kept[cached] = _made_step(steps[at], layer, cached, seconds)
                steps[at] = step
            continue
        seconds = 0.1
        if kind == "run":
            instr, key, size = "RUN", op[3], run_layer_size_of(op[4], files, op[5])
            seconds = round(0.3 + size / (8 * MB), 1)
        elif kind == "copy":
            instr, srcs, dest, flags, chosen = op[3:8]
            contents = tuple([(f, files[f]) for f in chosen])
            digest = build_cache.CONTENT_DIGESTS.get(contents)
            if digest is None:
                digest = interned(build_cache.CONTENT_DIGESTS, contents,
                                  lambda contents=contents: _h(*[p + "\0" + c for p, c in contents]))
            key = (srcs, dest, flags, digest)
            size = build_cache.COPY_SIZES.get(digest)
            if size is None:
                size = interned(build_cache.COPY_SIZES, digest, lambda contents=contents: copy_layer_size(contents))
        elif kind == "copy-stage":
            instr, srcs, dest, src, flags = op[3:8]
            chain = layers_of[src][-1].digest if layers_of[src] else "scratch"
            size = max(1_024, int(own[src] * 0.35)) if own[src] else _pick(chain + str(list(srcs)), 20_000, 4 * MB)
            key = (srcs, dest, chain, flags)
        else:  # "fixed"
            instr, key, size = op[3:6]
        layer = build_cache.layer(build_cache.layer_digest(parent, platform, instr, key), size, op[-1])
        layers.append(layer)
        own[stage] += size
        built: dict[bool, BuildStep] = {}
        if at >= 0:
            cached = layer.digest in cache
            steps[at] = built[cached] = _made_step(steps[at], layer, cached, seconds)
        if memo is not None:
            if len(made) >= MADE_MAX:
                made.clear()
            made[memo] = (layer, size, seconds, built)
    final = layers_of[plan.final]
    body = build_cache.config_body(plan.config, plan.config_key, plan.labels, plan.architecture, plan.os, final,
                                   created, plan.bodies)
    content = ImageContent(config_digest="sha256:" + hashlib.sha256(body).hexdigest(), config_size=len(body),
                           layers=final, os=plan.os, architecture=plan.architecture, variant=plan.variant,
                           labels=plan.labels, config=plan.config)
    return BuildResult(content=content, steps=steps, base_images=list(plan.bases), runtime_base=plan.runtime_base,
                       warnings=list(plan.warnings), dockerfile=dockerfile, dockerfile_size=plan.dockerfile_size,
                       context_size=sum([len(c) if c.isascii() else len(c.encode()) for c in files.values()]),
                       placed=plan.placed, context=files)


def _made_step(step: BuildStep, layer: Layer, cached: bool, seconds: float) -> BuildStep:
    """The plan's step for an op, with the layer it made (read-only once made: builds share it, as BuildResult.steps
    says)."""
    return BuildStep(step.stage, step.index, step.instruction, layer, cached, 0.0 if cached else seconds, step.source)


def _resolve(resolve_base, ref: str) -> ImageContent:
    base = resolve_base(ref) if resolve_base else None
    if base is None:
        raise BuildError(f"{ref}: failed to resolve source metadata for {_full(ref)}: pull access denied, repository "
                         "does not exist or may require authorization: server message: insufficient_scope: "
                         "authorization failed")
    return base


def _copy(instr, raw, scope, visible: tuple[str, ...], stages: list[_Stage], resolve: _Resolver, line,
          bases) -> tuple:
    """The op of a COPY/ADD without its position: (kind, instruction, ...) as _Plan.ops describes."""
    flags, words = _split_flags(substitute(raw, scope))
    if len(words) < 2:
        raise BuildError(f"dockerfile parse error on line {line}: {instr} requires at least two arguments, but only "
                         "one was provided. Destination could not be determined.", line)
    srcs, dest = words[:-1], words[-1]
    src_stage = flags.get("from")
    if src_stage is not None:
        st = next((i for i, s in enumerate(stages) if s.name == src_stage.lower()), None)
        if st is None and src_stage.isdigit() and int(src_stage) < len(stages):
            st = int(src_stage)
        if st is not None:
            return "copy-stage", instr, tuple(srcs), dest, st, tuple(sorted(flags.items()))
        img = resolve(src_stage)
        if src_stage not in bases:
            bases.append(src_stage)
        return "fixed", instr, (tuple(srcs), dest, img.config_digest), max(1_024, int(img.size * 0.1))
    if instr == "ADD" and all(s.startswith(("http://", "https://")) for s in srcs):
        return "fixed", instr, (tuple(srcs), dest), sum(_pick(s, 500_000, 8 * MB) for s in srcs)
    chosen = interned(build_cache.SELECTIONS, (tuple(srcs), visible), lambda: tuple(select(visible, srcs)))
    return "copy", instr, tuple(srcs), dest, tuple(sorted(flags.items())), chosen
