"""Image content is immutable and its digest cached: the caches must never go stale, and builds that share
interned layers/configs must not leak changes into each other."""

from __future__ import annotations

from datetime import datetime

import pydantic
import pytest

from acrlab.engine import catalog
from acrlab.engine.artifacts import ArtifactStore, ImageContent, Layer
from acrlab.engine.build import build_image
from acrlab.engine.ids import sha256_digest

DF = "FROM alpine:3.20\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8080\nCMD [\"python\", \"app.py\"]\n"


def build(files):
    return build_image(files, resolve_base=catalog.find_public).content


def test_content_is_frozen_and_digest_matches_bytes():
    c = build({"Dockerfile": DF, "app.py": "print(1)\n"})
    assert c.digest == sha256_digest(c.manifest_bytes()) and c.manifest_size == len(c.manifest_bytes())
    with pytest.raises(pydantic.ValidationError):
        c.layers = []
    with pytest.raises(pydantic.ValidationError):
        c.layers[0].size = 1
    with pytest.raises(pydantic.ValidationError):
        c.config.user = "root"
    assert "digest" not in c.model_dump() and "manifest_size" not in c.model_dump_json()


def test_model_copy_with_update_recomputes_cached_values():
    c = build({"Dockerfile": DF, "app.py": "print(1)\n"})
    before = (c.digest, c.manifest_size, c.size)
    extra = Layer(digest=sha256_digest(b"patch"), size=1_234_567)
    patched = c.model_copy(update={"layers": [*c.layers, extra]})
    assert patched.digest == sha256_digest(patched.manifest_bytes()) != before[0]
    assert patched.manifest_size == len(patched.manifest_bytes()) > before[1]
    assert patched.size == before[2] + 1_234_567
    assert c.model_copy().digest == before[0]


def test_builds_sharing_interned_values_stay_independent():
    a = build({"Dockerfile": DF, "app.py": "print(1)\n"})
    b = build({"Dockerfile": DF.replace("EXPOSE 8080", "EXPOSE 9090\nENV X=1"), "app.py": "print(1)\n"})
    assert a.config.exposed_ports == ["8080/tcp"] and b.config.exposed_ports == ["9090/tcp"]
    assert "X=1" not in a.config.env and "X=1" in b.config.env
    base = catalog.find_public("alpine:3.20")
    assert base.config.exposed_ports == [] and base.config.working_dir == ""
    again = build({"Dockerfile": DF, "app.py": "print(1)\n"})
    assert again == a and again.digest == a.digest and again.config is a.config  # interned, equal


def test_tag_index_follows_every_write():
    store = ArtifactStore()
    now = datetime(2026, 1, 5)
    one, two = (ImageContent(config_digest=sha256_digest(x), config_size=10, layers=[]) for x in (b"1", b"2"))
    store.put_manifest("app", one, now, "v1")
    store.put_manifest("app", one, now, "latest")
    r = store.repositories["app"]
    assert r.tags_of(one.digest) == ["latest", "v1"] and r.is_tagged(one.digest)
    _, left = store.put_manifest("app", two, now, "latest")
    assert left == one.digest and r.is_tagged(one.digest)  # v1 still points at it
    store.untag("app", "v1", now)
    assert not r.is_tagged(one.digest) and r.manifests[one.digest].untagged_at == now
    assert "by_digest" not in r.model_dump()
    store.check_invariants()
    store.delete_manifest("app", one.digest)
    assert store.storage_bytes() == two.config_size + two.manifest_size
    store.check_invariants()
