"""What image builds share, as a builder's cache does (used by engine/build.py).

Every entry is keyed by everything its value depends on, so a hit gives exactly what a cold build would:
* a build's plan (everything but what the context files' contents decide) by its Dockerfile, arguments,
  platform, target, context names and .dockerignore, used while its base images resolve to the same content;
* layers by (digest, size, instruction) and the compressed size of a COPY by the digest of the bytes it copies;
* which context files a COPY source list picks, by (sources, the context's visible names);
* the digest of a COPY's files by their (path, text) pairs, a layer's digest by (parent, platform, instruction, key);
* the image config blob's JSON around `rootfs.diff_ids`, by (config, labels, platform, history, created): a CI
  pipeline that changes only a copied file changes only the ids, which are written per build;
* the plain-progress build log around the image id, by everything else it shows.
Tables are bounded (`interned` clears one past _INTERNED_MAX entries); `clear()` empties them (a cold builder).
"""

from __future__ import annotations

import json
from typing import Any

from .artifacts import DOCKER_LAYER, ImageConfig, Layer, diff_ids
from .dockerfile import _CONFIGS, _h, interned

LAYERS: dict[tuple, Layer] = {}
"""Layers shared between builds (a CI pipeline rebuilds the same layers all year; Layer is immutable)."""
COPY_SIZES: dict[str, int] = {}
"""Compressed size of a COPY layer by the digest of the files it copies (the same bytes compress the same)."""
SELECTIONS: dict[tuple, tuple[str, ...]] = {}
"""Which context files a COPY source list picks, by (sources, the context's visible file names)."""
CONTENT_DIGESTS: dict[tuple, str] = {}
"""The digest of the files a COPY copies, by the (path, text) pairs themselves (a CI build copies the same
requirements file every time: a look-up instead of hashing it again)."""
LAYER_DIGESTS: dict[tuple, str] = {}
"""A layer's digest by what it hashes: (parent layer digest, platform, instruction, the op's key)."""
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

    for table in (PLANS, LAYERS, COPY_SIZES, SELECTIONS, BODIES, PLAIN_LOGS, _CONFIGS, CONTENT_DIGESTS,
                  LAYER_DIGESTS):
        table.clear()
    for fn in (_exec_form, _flags_and_words, _parse, _run_layer_size, _visible):
        fn.cache_clear()


def layer_digest(parent: str, platform: str, instr: str, key) -> str:
    """`sha256:` + the hash of a layer's parent, platform, instruction and key (engine/build.py's ops)."""
    found = LAYER_DIGESTS.get((parent, platform, instr, key))
    if found is None:
        found = interned(LAYER_DIGESTS, (parent, platform, instr, key),
                         lambda: "sha256:" + _h("layer", parent, platform, instr, key))
    return found


def layer(digest: str, size: int, created_by: str) -> Layer:
    found = LAYERS.get((digest, size, created_by))
    if found is None:
        found = interned(LAYERS, (digest, size, created_by),
                         lambda: Layer(digest=digest, size=size, media_type=DOCKER_LAYER, created_by=created_by))
    return found


def config_body(config: ImageConfig, key: tuple, labels: dict[str, str], architecture: str, os: str,
                layers: list[Layer], created: str | None, memo: dict | None = None) -> bytes:
    """The image config blob: sorted-key compact JSON of architecture, config, created, history, os and rootfs
    (what the config digest hashes); `key` is the config's `config_key`. Only the diff ids, plain
    `sha256:<hex>` strings, are written per build. `memo` (a build plan's, whose config, labels and platform are
    fixed) keeps the parts by (history, created) too, sparing the hash of the whole config per build."""
    history = tuple([x.created_by for x in layers])
    parts = memo.get((history, created)) if memo is not None else None
    if parts is None:
        parts = interned(BODIES, (key, tuple(labels.items()), architecture, os, history, created),
                         lambda: _parts(config_doc(config, labels, architecture, os, history, created, [_DIFF_IDS])))
        if memo is not None and len(memo) < 64:
            memo[(history, created)] = parts
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
