"""A read-only, lazily expanded view of the simulated tenant for the resource explorer (no Textual here).

Keys are tuples: ("sub",), ("rg", rg), ("reg", reg), ("repos", reg), ("repo", reg, repo),
("manifest", reg, repo, digest), ("tokens", reg), ("scopemaps", reg), ("rbac", scope), ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acrlab.engine.entra_groups import directory_object
from acrlab.engine.roles import find_role


@dataclass(frozen=True)
class Node:
    key: tuple
    label: str
    expandable: bool = False
    detail: str = ""


def _short(digest: str) -> str:
    return digest.split(":", 1)[-1][:12]


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _role_name(guid: str) -> str:
    role = find_role(guid)
    return role.role_name if role is not None else guid


class TenantView:
    """Answers `roots()` and `children(key)` from a Cloud; every call reads the current state."""

    def __init__(self, cloud: Any) -> None:
        self.cloud = cloud

    def roots(self) -> list[Node]:
        sub = self.cloud.subscription
        return [Node(("sub",), f"Subscription: {sub.name}", True, f"id: {sub.id}\ntenant: {sub.tenant_id}")]

    def children(self, key: tuple) -> list[Node]:
        kind = key[0]
        fn = getattr(self, f"_k_{kind}", None)
        return fn(*key[1:]) if fn else []

    # -- levels -----------------------------------------------------------------------------------
    def _k_sub(self) -> list[Node]:
        sub = self.cloud.subscription
        out = [Node(("rg", rg.name), f"Resource group: {rg.name} ({rg.location})", True, f"id: {rg.id}")
               for rg in sorted(sub.resource_groups.values(), key=lambda g: g.name.lower())]
        n = len(self._assignments(sub.id))
        out.append(Node(("rbac", sub.id), f"Role assignments ({n})", n > 0, "at subscription scope"))
        return out

    def _k_rg(self, rg: str) -> list[Node]:
        regs = [r for r in self.cloud.registries.values() if r.resource_group.lower() == rg.lower()]
        out = [Node(("reg", r.name), f"Registry: {r.name} [{r.sku}]", True,
                    f"login server: {r.login_server}\nlocation: {r.location}\nadmin user: "
                    f"{'enabled' if r.admin_user_enabled else 'disabled'}\nid: {r.id}")
               for r in sorted(regs, key=lambda r: r.name)]
        group = self.cloud.subscription.find_group(rg)
        if group is not None:
            n = len(self._assignments(group.id))
            out.append(Node(("rbac", group.id), f"Role assignments ({n})", n > 0, "at resource-group scope"))
        return out

    def _k_reg(self, name: str) -> list[Node]:
        r = self.cloud.find_registry(name)
        if r is None:
            return []
        store = r.store
        shared = sum(1 for n in store.blob_refs.values() if n > 1)
        out = [
            Node(("repos", r.name), f"Repositories ({len(store.repositories)})", bool(store.repositories),
                 f"storage used: {_size(store.storage_bytes())}"),
            Node(("layers", r.name), f"Shared layers ({shared})", shared > 0,
                 "blobs referenced by more than one manifest are stored once"),
            Node(("tokens", r.name), f"Tokens ({len(r.tokens)})", bool(r.tokens)),
            Node(("scopemaps", r.name), f"Scope maps ({len(r.scope_maps)})", bool(r.scope_maps)),
            Node(("rbac", r.id), f"Role assignments ({len(self._assignments(r.id))})",
                 bool(self._assignments(r.id)), "at registry scope"),
        ]
        for attr, title in (("replications", "Replications"), ("webhooks", "Webhooks"), ("tasks", "Tasks")):
            items = getattr(r, attr)
            if items:
                out.append(Node(("sub_res", r.name, attr), f"{title} ({len(items)})", True))
        return out

    def _k_repos(self, reg: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        if r is None:
            return []
        return [Node(("repo", reg, name), f"{name} ({len(repo.tags)} tags)", bool(repo.manifests),
                     f"{r.login_server}/{name}\ncreated: {repo.created:%Y-%m-%d %H:%M}")
                for name, repo in sorted(r.store.repositories.items())]

    def _k_repo(self, reg: str, name: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        repo = r.store.repositories.get(name) if r else None
        if repo is None:
            return []
        out = []
        for tag in sorted(repo.tags.values(), key=lambda t: t.name):
            out.append(Node(("tag", reg, name, tag.name), f"tag {tag.name} -> {_short(tag.digest)}", False,
                            f"{r.login_server}/{name}:{tag.name}\ndigest: {tag.digest}\n"
                            f"updated: {tag.last_update:%Y-%m-%d %H:%M}"))
        for m in sorted(repo.manifests.values(), key=lambda m: m.created):
            tags = repo.tags_of(m.digest)
            label = f"digest {_short(m.digest)}" + (f" [{', '.join(tags)}]" if tags else " (untagged)")
            out.append(Node(("manifest", reg, name, m.digest), label, True,
                            f"{r.login_server}/{name}@{m.digest}\nsize: {_size(m.content.size)}\n"
                            f"created: {m.created:%Y-%m-%d %H:%M}"))
        return out

    def _k_manifest(self, reg: str, repo: str, digest: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        try:
            m = r.store.repositories[repo].manifests[digest]
        except (AttributeError, KeyError):
            return []
        out = []
        for layer in m.content.layers:
            refs = r.store.blob_refs.get(layer.digest, 0)
            mark = f" shared x{refs}" if refs > 1 else ""
            out.append(Node(("layer", reg, layer.digest), f"layer {_short(layer.digest)} {_size(layer.size)}{mark}",
                            False, f"{layer.digest}\n{layer.created_by}"))
        return out

    def _k_layers(self, reg: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        if r is None:
            return []
        return [Node(("blob", reg, d), f"{_short(d)} {_size(r.store.blob_sizes.get(d, 0))} used by {n}", False, d)
                for d, n in sorted(r.store.blob_refs.items()) if n > 1]

    def _k_tokens(self, reg: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        out = []
        for name, tok in sorted((r.tokens if r else {}).items()):
            data = tok.to_json() if hasattr(tok, "to_json") else {}
            status = data.get("status", "")
            scope_map = str(data.get("scopeMapId", "")).rsplit("/", 1)[-1]
            out.append(Node(("token", reg, name), f"{name} {status} -> {scope_map}".strip(), False,
                            "\n".join(f"{k}: {v}" for k, v in data.items() if k in ("status", "scopeMapId",
                                                                                     "creationDate"))))
        return out

    def _k_scopemaps(self, reg: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        out = []
        for name, sm in sorted((r.scope_maps if r else {}).items()):
            data = sm.to_json() if hasattr(sm, "to_json") else {}
            actions = data.get("actions") or []
            out.append(Node(("scopemap", reg, name), f"{name} ({len(actions)} actions)", False, "\n".join(actions)))
        return out

    def _k_sub_res(self, reg: str, attr: str) -> list[Node]:
        r = self.cloud.find_registry(reg)
        return [Node((attr, reg, name), name, False) for name in sorted(getattr(r, attr, {}) or {})] if r else []

    def _k_rbac(self, scope: str) -> list[Node]:
        out = []
        for a in self._assignments(scope):
            p = directory_object(self.cloud, a.principal_id)
            who = p.sign_in_name if p else a.principal_id
            kind = " (group)" if a.principal_type == "Group" else ""
            out.append(Node(("assignment", a.name), f"{_role_name(a.role_guid)} -> {who}{kind}", False,
                            f"principal: {who} ({a.principal_type})\nobject id: {a.principal_id}\nscope: {a.scope}"
                            + (f"\ncondition: {a.condition}" if a.condition else "")))
        return out

    def _assignments(self, scope: str) -> list:
        return [a for a in self.cloud.role_assignments if a.scope.lower() == scope.lower()]
