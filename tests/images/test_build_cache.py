"""The builder's cache (engine/build_cache.py): a warm build gives byte for byte what a cold one gives, and a change
in what a step reads (a copied file, the context's names, .dockerignore, labels, the build time) is never hidden."""

from __future__ import annotations

import hashlib
import json

import pytest

from acrlab.engine import build_cache, catalog
from acrlab.engine.build import build_image

CI = {"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
                    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n",
      "requirements.txt": "flask==3.0.3\n", "app.py": "x = 1\n", "version.txt": "1\n"}
MULTI = {"Dockerfile": "ARG V=3.12\nFROM python:${V}-slim AS build\nARG V\nRUN pip install flask\nCOPY *.py /src/\n"
                       "FROM alpine:3.20\nCOPY --from=build /src /src\nLABEL team=web tier=\"front end\"\n"
                       "ENV A=1 B=2\nEXPOSE 80 443/udp\nENTRYPOINT [\"/src/run\"]\n",
         "a.py": "1\n", "b.py": "2\n", ".dockerignore": "b.py\n"}


def build(files, **kw):
    return build_image(files, resolve_base=catalog.find_public, **kw)


def summary(result) -> tuple:
    c = result.content
    return (c.digest, c.config_digest, c.config_size, c.manifest_bytes(), [(x.digest, x.size) for x in c.layers],
            c.config, c.labels, [(s.instruction, s.layer, s.cached, s.seconds) for s in result.steps],
            result.render_plain(["x:1"]))


def config_json(result, created: str | None = None) -> bytes:
    """The config blob written out in full here, independently of the cache's template."""
    c = result.content
    doc = {"architecture": c.architecture, "os": c.os, "config": c.config.to_docker(c.labels),
           "rootfs": {"type": "layers", "diff_ids": c.diff_ids()},
           "history": [{"created_by": x.created_by} for x in c.layers]}
    if created:
        doc["created"] = created
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def assert_real_config_digest(result, created: str | None = None) -> None:
    body = config_json(result, created)
    assert result.content.config_digest == "sha256:" + hashlib.sha256(body).hexdigest()
    assert result.content.config_size == len(body)


@pytest.mark.parametrize("files", [CI, MULTI], ids=["ci", "multistage"])
@pytest.mark.parametrize("kw", [{}, {"created": "2026-12-01T09:00:00Z"}, {"build_args": {"V": "3.11"}},
                                {"platform": "linux/arm64"}],
                         ids=["plain", "created", "build-arg", "platform"])
def test_warm_build_equals_cold_build(files, kw):
    build_cache.clear()
    cold = build(files, **kw)
    warm = build(files, **kw)
    assert summary(warm) == summary(cold)
    assert_real_config_digest(warm, kw.get("created"))


def test_warm_target_build_equals_cold_build():
    build_cache.clear()
    cold = build(MULTI, target="build")
    assert summary(build(MULTI, target="build")) == summary(cold) and len(cold.steps) == 3
    assert_real_config_digest(cold)


def test_a_changed_file_changes_only_the_layer_that_copies_it():
    build(CI)  # warm
    changed = {**CI, "version.txt": "2\n"}
    warm = build(changed)
    build_cache.clear()
    cold = build(changed)
    assert summary(warm) == summary(cold)
    before = build(CI).content.layers
    assert warm.content.layers[:-1] == before[:-1] and warm.content.layers[-1].digest != before[-1].digest
    assert_real_config_digest(warm)


def copy_py(result):
    return next(s.layer for s in result.steps if s.instruction == "COPY *.py /src/")


def test_context_names_and_dockerignore_are_part_of_the_key():
    base = build(MULTI)
    with_c = build({**MULTI, "c.py": "3\n"})
    assert copy_py(with_c).digest != copy_py(base).digest
    unignored = build({**MULTI, ".dockerignore": ""})
    assert copy_py(unignored).digest != copy_py(base).digest
    ignored_change = build({**MULTI, "b.py": "changed\n"})
    assert copy_py(ignored_change) == copy_py(base)  # b.py is .dockerignore'd: nothing it copies changed
    for result, files in ((with_c, {**MULTI, "c.py": "3\n"}), (unignored, {**MULTI, ".dockerignore": ""})):
        build_cache.clear()
        assert summary(build(files)) == summary(result)


def test_created_and_labels_change_the_config_not_the_layers():
    a, b = build(CI, created="2026-12-01T09:00:00Z"), build(CI, created="2026-12-01T10:12:00Z")
    assert a.content.layers == b.content.layers and a.content.config_digest != b.content.config_digest
    assert_real_config_digest(b, "2026-12-01T10:12:00Z")
    labelled = build({**CI, "Dockerfile": CI["Dockerfile"] + "LABEL v=2\n"})
    # COPY . . copies the Dockerfile too, so only its layer and the config differ
    assert labelled.content.layers[:-1] == build(CI).content.layers[:-1] and labelled.content.labels == {"v": "2"}
    assert_real_config_digest(labelled)


def test_a_label_holding_the_template_marker_is_written_in_full():
    marker = "\x00diff-ids\x00"
    result = build({**CI, "Dockerfile": CI["Dockerfile"] + f"LABEL trick={marker}\n"})
    assert result.content.labels == {"trick": marker}
    assert_real_config_digest(result)


def test_a_build_log_holding_the_image_id_marker_is_written_in_full():
    marker = "\x00image-id\x00"
    files = {**CI, "Dockerfile": CI["Dockerfile"] + f"RUN echo {marker}\n"}
    warm = build(files).render_plain(["api:v1"])
    assert warm.count(marker) == 1 and build(files).image_id in warm
    build_cache.clear()
    assert build(files).render_plain(["api:v1"]) == warm


def test_the_build_log_follows_the_cache_flags_and_tags():
    first = build(CI)
    cached = build(CI, cache={s.layer.digest for s in first.steps if s.layer})
    assert "CACHED" not in first.render_plain(["a:1"]) and cached.render_plain(["a:1"]).count("CACHED") == 3
    assert "naming to docker.io/library/b:2 done" in cached.render_plain(["b:2"])


def test_a_plan_is_used_only_while_its_base_images_resolve_to_the_same_content():
    """The plan is kept per Dockerfile and context names; each build resolves its bases again (once each, as a
    cold build does: a pull from a registry is a request) and plans afresh when one changed."""
    old, new = catalog.find_public("python:3.12-slim"), catalog.find_public("python:3.11-slim")
    serving = {"python:3.12-slim": old}
    calls: list[str] = []

    def resolve(ref):
        calls.append(ref)
        return serving.get(ref) or catalog.find_public(ref)

    first = build_image(CI, resolve_base=resolve)
    assert build_image(CI, resolve_base=resolve).content == first.content and calls == ["python:3.12-slim"] * 2
    serving["python:3.12-slim"] = new  # the tag moved
    moved = build_image(CI, resolve_base=resolve)
    assert calls == ["python:3.12-slim"] * 3  # re-planned with what it had just resolved, not pulled again
    assert moved.content.layers[:len(new.layers)] == new.layers and moved.content.digest != first.content.digest
    build_cache.clear()
    assert summary(build_image(CI, resolve_base=resolve)) == summary(moved)


def test_run_layer_sizes_read_the_files_the_command_reads():
    node = "FROM node:15-alpine\nWORKDIR /src\nCOPY . .\nRUN npm install\nRUN pip install -r requirements.txt\n"
    one = {"Dockerfile": node, "package.json": '{"dependencies": {"express": "^4.0.0"}}', "requirements.txt": "flask\n"}
    grown = {**one, "package.json": json.dumps({"dependencies": {f"pkg{i}": "^1.0.0" for i in range(12)}})}
    more_reqs = {**one, "requirements.txt": "flask\nrequests\n"}
    build(one)  # the plan: which files each RUN reads
    for files in (grown, more_reqs):
        warm = build(files)
        build_cache.clear()
        assert summary(build(files)) == summary(warm)
    sizes = [[x.size for x in build(f).content.layers[-2:]] for f in (one, grown, more_reqs)]
    assert sizes[0][0] != sizes[1][0] and sizes[0][1] == sizes[1][1]  # npm install follows package.json
    assert sizes[0][1] != sizes[2][1]  # pip install follows requirements.txt
    # two package.json files: the first the context holds is the one read, whatever order the names sort in
    a = {"Dockerfile": node, "web/package.json": '{"dependencies": {"a": "1"}}', "package.json": '{"x": 1}'}
    b = {"Dockerfile": node, "package.json": '{"x": 1}', "web/package.json": '{"dependencies": {"a": "1"}}'}
    for files in (a, b, a):
        warm = build(files)
        build_cache.clear()
        assert summary(build(files)) == summary(warm)


def test_a_small_deflate_window_gives_the_default_windows_compressed_length():
    """copy_layer_size sets up the smallest window that cannot change the result: compare against the default
    32 KB window on text, tar padding and random bytes, at every size around each window's limit."""
    import random
    import zlib

    from acrlab.engine.dockerfile import window_bits

    rng = random.Random(19)
    sizes = [0, 1, 200, 5000, 20000, 32506, 32507, 40000]
    sizes += [(1 << bits) - 262 + d for bits in range(9, 16) for d in (-1, 0, 1)]
    for n in sizes:
        for data in (bytes(rng.choice(b"abc \n\0") for _ in range(n)), rng.randbytes(n),
                     (b"flask==3.0.3\n" + b"\0" * 499) * (n // 512) + b"x" * (n % 512)):
            assert len(zlib.compress(data, 6, window_bits(len(data)))) == len(zlib.compress(data, 6)), n


def test_ops_a_plan_made_are_looked_up_by_the_files_they_read_and_their_parent():
    """_Plan.made: a RUN or COPY made before with the same parent and the same file texts is not made again; any
    change of what it reads (or of a layer below it) makes it again, and the cache flags follow each build's cache."""
    from acrlab.engine.build import MADE_MAX

    seq = [CI, {**CI, "version.txt": "2\n"}, {**CI, "requirements.txt": "flask==3.1.0\n"},
           {**CI, "requirements.txt": "flask==3.1.0\n", "version.txt": "2\n"}, CI, {**CI, "app.py": "x = 2\n"}]
    build_cache.clear()
    warm = []
    for i, files in enumerate(seq * 2):
        cache = {x.digest for x in warm[-1].content.layers} if warm and i % 2 else frozenset()
        warm.append(build(files, cache=cache))
    for i, (files, result) in enumerate(zip(seq * 2, warm, strict=True)):
        build_cache.clear()
        cache = {x.digest for x in warm[i - 1].content.layers} if i and i % 2 else frozenset()
        assert summary(build(files, cache=cache)) == summary(result), i
    assert any(s.cached for s in warm[1].steps) and not any(s.cached for s in warm[2].steps)
    run = [r.content.layers[-2] for r in warm[:4]]
    assert run[0] == run[1] != run[2] == run[3]  # pip install follows requirements.txt only
    plan = next(iter(build_cache.PLANS.values()))
    for n in range(MADE_MAX + 5):
        build({**CI, "version.txt": f"{n}\n"})
        assert len(plan.made) <= MADE_MAX
    last = build({**CI, "version.txt": "last\n"})
    build_cache.clear()
    assert summary(build({**CI, "version.txt": "last\n"})) == summary(last)
