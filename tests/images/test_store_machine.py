"""A hypothesis state machine over a registry's image store, driven through the engine's data plane."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from acrlab import Lab
from acrlab.engine import catalog, images
from acrlab.engine.build import build_image
from acrlab.engine.dataplane import Credential, Origin
from acrlab.engine.errors import RegistryError

REPOS = st.sampled_from(["web", "api", "team/svc"])
TAGS = st.sampled_from(["latest", "v1", "v2", "prod"])
BASES = ["alpine:3.20", "nginx:1.27", "python:3.12-slim", "mcr.microsoft.com/dotnet/aspnet:8.0"]


class ImageStore(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.lab = Lab(seed=1)
        self.lab.run("az group create -n rg -l eastus -o none && az acr create -n storeacr -g rg --sku Premium -o none")
        self.reg = self.lab.cloud.find_registry("storeacr")
        c = self.lab.cloud
        self.cred = Credential(kind="aad", registry="storeacr", principal_id=c.learner.object_id)
        self.origin = Origin()
        self.seen: dict[str, bytes] = {}

    @property
    def store(self):
        return self.reg.store

    @rule(repo=REPOS, tag=TAGS, base=st.sampled_from(BASES), body=st.integers(0, 5))
    def push(self, repo, tag, base, body):
        result = build_image({"Dockerfile": f"FROM {base}\nCOPY app.txt /\n", "app.txt": "x" * body},
                             resolve_base=catalog.find_public)
        r = self.store.repositories.get(repo)
        locked = r is not None and tag in r.tags and not r.tags[tag].attributes.write_enabled
        before = self.store.storage_bytes()
        try:
            m, _ = images.push_image(self.lab.cloud, self.reg, self.cred, repo, tag, result.content, self.origin)
        except RegistryError as e:  # a write-locked tag cannot move; nothing is stored
            assert locked and e.status == 405 and self.store.storage_bytes() == before
            return
        assert self.store.resolve(repo, tag).digest == m.digest

    @rule(repo=REPOS, tag=TAGS)
    def untag(self, repo, tag):
        r = self.store.repositories.get(repo)
        if r is None or tag not in r.tags:
            return
        digest = r.tags[tag].digest
        attrs = r.tags[tag].attributes
        if not attrs.write_enabled or not attrs.delete_enabled:  # a locked tag refuses to be untagged
            with pytest.raises(RegistryError):
                images.untag(self.lab.cloud, self.reg, self.cred, repo, tag, self.origin)
            assert r.tags[tag].digest == digest
            return
        images.untag(self.lab.cloud, self.reg, self.cred, repo, tag, self.origin)
        assert digest in self.store.repositories[repo].manifests  # untag never deletes the manifest

    @rule(repo=REPOS, pick=st.integers(0, 10))
    def delete_manifest(self, repo, pick):
        r = self.store.repositories.get(repo)
        if r is None:
            return
        digest = sorted(r.manifests)[pick % len(r.manifests)]
        tags = r.tags_of(digest)
        locked = any(not r.tags[t].attributes.write_enabled for t in tags)
        before = self.store.storage_bytes()
        try:
            _, removed = images.delete_manifest(self.lab.cloud, self.reg, self.cred, repo, digest, self.origin)
        except RegistryError as e:
            assert locked and e.status == 405 and self.store.storage_bytes() == before
            return
        assert not locked and removed == tags
        assert repo not in self.store.repositories or digest not in self.store.repositories[repo].manifests

    @rule(repo=REPOS)
    def delete_repository(self, repo):
        if repo not in self.store.repositories:
            return
        try:
            images.delete_repository(self.lab.cloud, self.reg, self.cred, repo, self.origin)
        except RegistryError as e:  # only locks stop a repository delete (tags locked write-disabled here)
            assert e.status == 405
            return
        assert repo not in self.store.repositories

    @rule(repo=REPOS, tag=TAGS, locked=st.booleans())
    def lock_tag(self, repo, tag, locked):
        r = self.store.repositories.get(repo)
        if r is not None and tag in r.tags:
            r.tags[tag].attributes.write_enabled = not locked

    @rule(repo=REPOS, tag=TAGS)
    def push_onto_locked_tag_fails_cleanly(self, repo, tag):
        r = self.store.repositories.get(repo)
        if r is None or tag not in r.tags or r.tags[tag].attributes.write_enabled:
            return
        before = (r.tags[tag].digest, self.store.storage_bytes())
        other = build_image({"Dockerfile": "FROM alpine:3.20\nRUN echo locked\n"}, resolve_base=catalog.find_public)
        try:
            images.push_image(self.lab.cloud, self.reg, self.cred, repo, tag, other.content, self.origin)
        except RegistryError as e:
            assert e.status == 405
            assert (r.tags[tag].digest, self.store.storage_bytes()) == before
        else:
            assert other.content.digest == before[0]

    @rule(minutes=st.integers(0, 90))
    def advance(self, minutes):
        self.lab.advance(f"{minutes}m")

    @rule(repo=REPOS, kind=st.sampled_from(["tags", "manifests"]),
          orderby=st.sampled_from([None, "time_asc", "time_desc"]), top=st.none() | st.integers(-1, 5))
    def ordered_listing_matches_a_full_sort(self, repo, kind, orderby, top):
        r = self.store.repositories.get(repo)
        if r is None:
            return
        items = [x for x in (r.tags if kind == "tags" else r.manifests).values() if x.attributes.list_enabled]
        name = (lambda x: x.name) if kind == "tags" else (lambda x: x.digest)
        if orderby:
            expected = sorted(items, key=lambda x: (x.last_update, name(x)), reverse=orderby == "time_desc")
        else:
            expected = sorted(items, key=name)
        if top is not None and top >= 0:
            expected = expected[:top]
        assert [name(x) for x in r.ordered(kind, orderby, top)] == [name(x) for x in expected]

    @invariant()
    def store_is_consistent(self):
        self.store.check_invariants()

    @invariant()
    def storage_is_sum_of_unique_blobs(self):
        blobs = {}
        for r in self.store.repositories.values():
            for m in r.manifests.values():
                blobs[m.digest] = m.manifest_size
                blobs[m.content.config_digest] = m.content.config_size
                for layer in m.content.layers:
                    blobs[layer.digest] = layer.size
        assert self.store.storage_bytes() == sum(blobs.values())
        usage = self.lab.run("az acr show-usage -n storeacr --query \"value[?name=='Size'] | [0].currentValue\"")
        assert usage.json() == sum(blobs.values())

    @invariant()
    def tags_resolve_and_digests_never_change_content(self):
        for r in self.store.repositories.values():
            for t in r.tags.values():
                assert t.digest in r.manifests
            for d, m in r.manifests.items():
                body = m.content.manifest_bytes()
                assert self.seen.setdefault(d, body) == body


ImageStore.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
TestImageStore = ImageStore.TestCase
