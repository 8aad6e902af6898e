"""What a build made and the logs it prints (`docker build --progress=plain`, the classic builder's)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from . import build_cache
from .artifacts import ImageContent, Layer
from .dockerfile import interned

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
    """Read-only: steps are the build plan's own objects (engine/build.py: _Plan.steps, and _Plan.made for the steps
    that make a layer), shared by builds."""
    base_images: list[str]
    """Every external image the build pulled (normalised as written, e.g. `python:3.12-slim`)."""
    runtime_base: str | None = None
    """The external image the final stage is built on (what ACR Tasks call the runtime dependency)."""
    warnings: list[str] = field(default_factory=list)
    dockerfile: str = "Dockerfile"
    dockerfile_size: int = 0
    context_size: int = 0
    placed: list = field(default_factory=list)
    """The final stage's COPY/ADD of context files (build._Plan.placed), for `files`."""
    context: dict[str, str] = field(default_factory=dict)
    """The build context (path -> text), for `files`."""

    @property
    def files(self) -> dict[str, str]:
        """The context files COPY/ADD put in the final image, by absolute path (a run's cmd step reads its scripts).
        Worked out when asked for: a `docker build` never asks."""
        return placed_files(self.placed, self.context)

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
               tuple(self.warnings), tuple([(s.stage, s.instruction, s.cached, s.seconds) for s in self.steps]))
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


def placed_files(placed, files: dict[str, str]) -> dict[str, str]:
    """The image's files that came from the context, by absolute path, as docker's COPY places them: a source
    file goes into a destination directory (one ending in '/', '.', or one of many files) under its own name, or
    becomes the destination; a source directory's contents keep their paths under the destination."""
    out: dict[str, str] = {}
    for _, dest, srcs, chosen in placed:
        into_dir = dest.endswith(("/", "/.")) or len(chosen) > 1
        for f in chosen:
            rel = f.rsplit("/", 1)[-1]
            for src in srcs:
                prefix = src.strip("/").removeprefix("./").rstrip(".")
                if src in (".", "./"):
                    rel, into_dir = f, True
                elif prefix and f.startswith(prefix.rstrip("/") + "/"):
                    rel, into_dir = f[len(prefix.rstrip("/")) + 1:], True
            target = (dest.rstrip("/.").rstrip("/") + "/" + rel) if into_dir else dest
            out["/" + target.lstrip("/")] = files[f]
    return out


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
