"""`lab publish-base IMAGE`: the maintainers of a public base image publish a new version (a patched layer).

Tasks whose last run pulled that image and have a base-image trigger rebuild (trigger `Image Update`).
"""

from __future__ import annotations

from ...engine import catalog, tasks
from ...engine.artifacts import Layer
from ...engine.ids import sha256_digest
from ..session import IO, Session


def publish_base(sh: Session, argv: list[str], io: IO) -> int:
    if len(argv) != 1:
        io.err("usage: lab publish-base IMAGE   (e.g. lab publish-base node:20-alpine)")
        return 2
    ref = argv[0]
    registry, repo, tag = catalog.normalize_reference(ref)
    key = f"{registry}/{repo}:{tag}"
    overrides = sh.cloud.state.setdefault("catalog_overrides", {})
    current = catalog.find_public(ref, overrides)
    if current is None:
        io.err(f"lab publish-base: {ref} is not a public image the lab knows (docker.io or mcr.microsoft.com)")
        return 1
    n = sh.cloud.state.setdefault("base_image_versions", {}).get(key, 0) + 1
    sh.cloud.state["base_image_versions"][key] = n
    patch = Layer(digest=sha256_digest(f"acrlab-base-patch:{key}:{n}".encode()), size=1_200_000 + 7_919 * n,
                  created_by=f"RUN apk upgrade --no-cache  # security patch {n}")
    new = current.model_copy(update={"layers": [*current.layers, patch],
                                      "config_digest": sha256_digest(f"acrlab-config:{key}:patch{n}".encode())})
    new = type(current).model_validate(new.model_dump())
    overrides[key] = new
    io.out(f"Published {key} (patch {n}): {new.digest}")
    for run in tasks.base_image_updated(sh.cloud, ref, new.digest):
        io.out(f"ACR Tasks: {run.registry} queued run {run.run_id} (task {run.task}, Image Update): {run.status}")
    return 0


COMMANDS = {"publish-base": (publish_base, "publish a new version of a public base image: lab publish-base node:20")}
