"""Ordered listings (`--orderby`, `--top`) read a kept order instead of sorting the whole repository;
they must list exactly what a full sort would, through every kind of write."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from acrlab.engine.artifacts import ArtifactStore, ImageContent, Layer

LAYER = Layer(digest="sha256:" + "ab" * 32, size=1000)



def content(i: int) -> ImageContent:
    return ImageContent(config_digest=f"sha256:{i:064x}", config_size=10, layers=[LAYER])


def naive(repo, kind, orderby, top):
    items = [x for x in (repo.tags if kind == "tags" else repo.manifests).values() if x.attributes.list_enabled]
    name = (lambda x: x.name) if kind == "tags" else (lambda x: x.digest)
    if orderby:
        items = sorted(items, key=lambda x: (x.last_update, name(x)), reverse=orderby == "time_desc")
    else:
        items = sorted(items, key=name)
    return [name(x) for x in (items[:top] if top is not None and top >= 0 else items)]


def listed(repo, kind, orderby, top):
    name = (lambda x: x.name) if kind == "tags" else (lambda x: x.digest)
    return [name(x) for x in repo.ordered(kind, orderby, top)]


OPS = st.lists(st.tuples(st.sampled_from(["push", "push-untagged", "untag", "delete", "advance", "hide", "list"]),
                         st.integers(0, 4), st.integers(0, 4)), max_size=40)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(OPS)
def test_ordered_listing_equals_a_full_sort_after_any_writes(ops):
    # given: a store whose order is built early, then kept by pushes, re-pushes, untags, deletes and clock moves
    store, now = ArtifactStore(), datetime(2026, 1, 1)
    for op, a, b in ops:
        repo = store.repositories.get("app")
        if op == "push":
            store.put_manifest("app", content(a), now, f"t{b}")
        elif op == "push-untagged":
            store.put_manifest("app", content(a), now)
        elif op == "untag" and repo and f"t{b}" in repo.tags:
            store.untag("app", f"t{b}", now)
        elif op == "delete" and repo and content(a).digest in repo.manifests:
            store.delete_manifest("app", content(a).digest, now)
        elif op == "advance":
            now += timedelta(minutes=a)
        elif op == "hide" and repo and f"t{b}" in repo.tags:
            repo.tags[f"t{b}"].attributes.list_enabled = not repo.tags[f"t{b}"].attributes.list_enabled
        repo = store.repositories.get("app")
        if repo is None:
            continue
        # then: every listing agrees with a full sort, and the kept order with a fresh one
        for kind in ("tags", "manifests"):
            for orderby in (None, "time_asc", "time_desc"):
                for top in (None, -1, 0, 1, 3):
                    assert listed(repo, kind, orderby, top) == naive(repo, kind, orderby, top)
        store.check_invariants()


def test_show_tags_top_follows_the_latest_push_of_an_unchanged_tag(lab):
    # given: three tags pushed at different times, then the oldest pushed again (same image) later
    lab.run("az group create -n rg -l eastus -o none && az acr create -n orderacr -g rg --sku Basic -o none")
    lab.run("az acr login -n orderacr && docker pull -q alpine:3.20")
    for tag in ("v1", "v2", "v3", "v1"):
        assert lab.run(f"docker tag alpine:3.20 orderacr.azurecr.io/app:{tag} && "
                       f"docker push -q orderacr.azurecr.io/app:{tag}").exit_code == 0
        lab.advance("5m")
    # when / then: time_desc lists v1 first (its last update is the newest), by name lists v1 v2 v3
    newest = lab.run("az acr repository show-tags -n orderacr --repository app --orderby time_desc --top 2")
    assert newest.json() == ["v1", "v3"]
    assert lab.run("az acr repository show-tags -n orderacr --repository app --top 2").json() == ["v1", "v2"]
