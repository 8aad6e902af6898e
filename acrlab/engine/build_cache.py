"""What image builds share, as a builder's cache does (used by engine/build.py).

Every entry is keyed by everything its value depends on, so a hit gives exactly what a cold build would:
* a build's plan (everything but what the context files' contents decide) by its Dockerfile, arguments,
  platform, target, context names and .dockerignore, used while its base images resolve to the same content;
* layers by (digest, size, instruction) and the compressed size of a COPY by the digest of the bytes it copies;
* which context files a COPY source list picks, by (sources, the context's visible names);
* the image config blob's JSON around `rootfs.diff_ids`, by (config, labels, platform, history, created): a CI
  pipeline that changes only a copied file changes only the ids, which are written per build;
* the plain-progress build log around the image id, by everything else it shows.
Tables are bounded (`interned` clears one past _INTERNED_MAX entries); `clear()` empties them (a cold builder).
"""

from __future__ import annotations

import json
from typing import Any

from .artifacts import DOCKER_LAYER, ImageConfig, Layer, diff_ids
from .dockerfile import _CONFIGS, interned

LAYERS: dict[tuple, Layer] = {}
"""Layers shared between builds (a CI pipeline rebuilds the same layers all year; Layer is immutable)."""
COPY_SIZES: dict[str, int] = {}
"""Compressed size of a COPY layer by the digest of the files it copies (the same bytes compress the same)."""
SELECTIONS: dict[tuple, tuple[str, ...]] = {}
"""Which context files a COPY source list picks, by (sources, the context's visible file names)."""
PLANS: dict[tuple, Any] = {}
"""A build's plan (engine/build.py _Plan) by (Dockerfile, arguments, platform, target, context names, .dockerignore)."""
BODIES: dict[tuple, tuple[str, ...]] = {}
"""The config blob's JSON before and after its diff ids (empty: the marker was ambiguous, write it whole)."""
_DIFF_IDS = "\x00diff-ids\x00"
PLAIN_LOGS: dict[tuple, tuple[str, ...]] = {}
"""`docker build --progress=plain` logs before and after the image id, by everything else they show."""
IMAGE_ID = "\x00image-id\x00"


def clear() -> None:
    """Forget everything (the next build is a cold one)."""
    from .dockerfile import _exec_form, _flags_and_words, _parse, _run_layer_size, _visible

    for table in (PLANS, LAYERS, COPY_SIZES, SELECTIONS, BODIES, PLAIN_LOGS, _CONFIGS):
        table.clear()
    for fn in (_exec_form, _flags_and_words, _parse, _run_layer_size, _visible):
        fn.cache_clear()


def layer(digest: str, size: int, created_by: str) -> Layer:
    return interned(LAYERS, (digest, size, created_by),
                    lambda: Layer(digest=digest, size=size, media_type=DOCKER_LAYER, created_by=created_by))


def config_body(config: ImageConfig, key: tuple, labels: dict[str, str], architecture: str, os: str,
                layers: list[Layer], created: str | None) -> bytes:
    """The image config blob: sorted-key compact JSON of architecture, config, created, history, os and rootfs
    (what the config digest hashes); `key` is the config's `config_key`. Only the diff ids, plain
    `sha256:<hex>` strings, are written per build."""
    history = tuple(x.created_by for x in layers)
    parts = interned(BODIES, (key, tuple(labels.items()), architecture, os, history, created),
                     lambda: _parts(config_doc(config, labels, architecture, os, history, created, [_DIFF_IDS])))
    ids = diff_ids(layers)
    if not parts:
        return _dump(config_doc(config, labels, architecture, os, history, created, ids)).encode()
    return (parts[0] + ('"' + '","'.join(ids) + '"' if ids else "") + parts[1]).encode()


def config_doc(config: ImageConfig, labels: dict[str, str], architecture: str, os: str, history: tuple[str, ...],
               created: str | None, ids: list[str]) -> dict:
    """The config blob as a document (what `config_body` serialises)."""
    doc = {"architecture": architecture, "os": os, "config": config.to_docker(labels),
           "rootfs": {"type": "layers", "diff_ids": ids}, "history": [{"created_by": x} for x in history]}
    if created is not None:
        doc["created"] = created
    return doc


def _dump(doc: dict) -> str:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"))


def _parts(doc: dict) -> tuple[str, ...]:
    parts = tuple(_dump(doc).split(json.dumps(_DIFF_IDS)))
    return parts if len(parts) == 2 else ()
