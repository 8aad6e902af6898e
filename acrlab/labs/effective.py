"""Effective permissions: what a principal can do on a registry and around it, as the engine decides it.

Least privilege is judged on what a principal *can do* (through its own assignments, its Entra groups' and
assignments inherited from the resource group or subscription), never on role names:

- data plane: every registry operation (pull, push, delete, ...) on every repository, decided by
  `dataplane.decide` / `Cloud.authorize`, so the registry's role-assignment mode and ABAC conditions count;
- control plane: the actions a registry's neighbours care about (change or delete the registry, read its admin
  passwords, hand out access...), decided by `Cloud.authorize` at the registry and at each wider scope;
- scope: every assignment the principal holds (directly or through a group) outside the allowed scope.

The allowance is "what the allowed roles would let it do at the allowed scope". A role's data operations are
read in both role-assignment modes, so `AcrPull` allows what `Container Registry Repository Reader` + `Catalog
Lister` grant in an ABAC-mode registry and a Repository Reader is never "broader than AcrPull".
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from ..engine.dataplane import ABAC_DATA_ACTIONS, LEGACY_ACTIONS, Credential, decide
from ..engine.rbac import RoleAssignment, evaluate, role_allows, scope_covers
from ..engine.roles import BUILTIN_ROLES, RoleDefinition

OPERATIONS = ("pull", "metadata_read", "catalog", "push", "metadata_write", "delete", "sign")
OPERATION_WORDS = {
    "pull": "pull images", "metadata_read": "read tags and manifests", "catalog": "list repositories",
    "push": "push images", "metadata_write": "lock or unlock tags", "delete": "delete images",
    "sign": "sign images",
}
CR = "Microsoft.ContainerRegistry/registries"
# Control-plane actions named in words (the first ones found are reported); other concrete actions of the
# principal's roles are probed too and reported by name.
CONTROL_WORDS = {
    "Microsoft.Authorization/roleAssignments/write": "assign roles (hand out access)",
    f"{CR}/delete": "delete the registry",
    f"{CR}/write": "change the registry's settings",
    f"{CR}/listCredentials/action": "read the admin user's passwords",
    f"{CR}/regenerateCredential/action": "renew the admin user's passwords",
    f"{CR}/tokens/write": "create repository tokens",
    f"{CR}/scopeMaps/write": "change scope maps",
    f"{CR}/importImage/action": "import images",
    f"{CR}/scheduleRun/action": "run ACR tasks (which push and delete with the registry's rights)",
    f"{CR}/tasks/write": "create ACR tasks",
    f"{CR}/webhooks/write": "create webhooks",
    f"{CR}/replications/write": "create replications",
    "Microsoft.Resources/deployments/write": "deploy templates",
    f"{CR}/read": "read the registry's configuration",
    "Microsoft.Resources/subscriptions/resourceGroups/read": "read the resource group",
}
DATA_PERMISSIONS = {a.lower() for a in LEGACY_ACTIONS.values()} | {f"{CR}/artifacts/delete".lower()}
"""Legacy 'actions' that are really data-plane permissions: judged through `decide`, not as control actions."""
MAX_EXCESS = 10
"""Excess permissions collected before the judgement stops looking (the first ones are named in the feedback)."""
MAX_REPOSITORIES = 50
"""Repositories of the registry asked about (plus the probe repository)."""
PROBE_REPOSITORY = "acrlab-least-privilege-probe/any"
"""A repository no condition names, to tell a grant on every repository from one limited by a condition."""


def role_operations(role: RoleDefinition) -> set[str]:
    """Registry operations a role grants in either role-assignment mode."""
    return {op for op in OPERATIONS
            if role_allows(role, LEGACY_ACTIONS[op], False) or role_allows(role, ABAC_DATA_ACTIONS[op], True)}


def _builtin_probes() -> list[str]:
    global _BUILTIN_PROBES
    if _BUILTIN_PROBES is None:
        seen: dict[str, None] = dict.fromkeys(CONTROL_WORDS)
        for role in BUILTIN_ROLES:
            for a in role.actions:
                if "*" not in a and a.lower() not in DATA_PERMISSIONS:
                    seen.setdefault(a, None)
        _BUILTIN_PROBES = list(seen)
    return _BUILTIN_PROBES


_BUILTIN_PROBES: list[str] | None = None


def _control_probes(roles: list[RoleDefinition]) -> list[str]:
    """Concrete control-plane actions worth asking about: the named ones, every built-in role's and the held ones
    (a held wildcard is itself a permission: it is probed literally), keeping only those a held role matches."""
    seen: dict[str, None] = dict.fromkeys(_builtin_probes())
    for role in roles:
        for a in role.actions:
            if "*" in a or a.lower() not in DATA_PERMISSIONS:
                seen.setdefault(a, None)
    held = [fnmatch.translate(p.lower()) for r in roles for p in r.actions]
    if not held:
        return []
    match = re.compile("|".join(f"(?:{h})" for h in held)).match
    return [a for a in seen if match(a.lower())]


@dataclass
class Excess:
    what: str
    """In words: 'delete images', 'assign roles (hand out access)'."""
    by: list[RoleAssignment] = field(default_factory=list)


@dataclass
class Verdict:
    """The principal's effective permissions compared with an allowance."""

    can: list[str]
    """What it can do that is allowed (in words)."""
    excess: list[Excess]
    wide: list[RoleAssignment]
    """Assignments outside the allowed scope (wider, or on other resources)."""
    inert: list[RoleAssignment]
    """Assignments at the allowed scope that grant nothing here (e.g. AcrPull in an ABAC-mode registry)."""
    holds_any: bool
    """Some assignment applies at the allowed scope."""

    @property
    def ok(self) -> bool:
        return not self.excess and not self.wide


def data_decision(cloud, registry, principal, op: str, repository: str):
    """The engine's data-plane decision for a user, service principal, managed identity or group."""
    if principal.object_id in cloud.tenant.principals:
        cred = Credential(kind="aad", registry=registry.name, principal_id=principal.object_id,
                          issued=cloud.clock.now(), mode_at_issue=registry.role_assignment_mode)
        return decide(cloud, registry, cred, op, repository)
    if registry.role_assignment_mode == "AbacRepositoryPermissions":  # a group: what its members get through it
        return cloud.authorize(principal, ABAC_DATA_ACTIONS[op], registry.id, data=True, registry=registry,
                               repository=repository)
    return cloud.authorize(principal, LEGACY_ACTIONS[op], registry.id, registry=registry, repository=repository)


def _ancestors(scope: str) -> list[str]:
    """The scope and each wider one: registry, resource group, subscription."""
    parts = scope.rstrip("/").split("/")
    out = [scope.rstrip("/")]
    if len(parts) > 5:
        out.append("/".join(parts[:5]))
    if len(parts) > 3:
        out.append("/".join(parts[:3]))
    return out


def judge(cloud, principal, registry, allowed_roles: list[RoleDefinition], scope: str) -> Verdict:
    """Compare what `principal` can do with what `allowed_roles` at `scope` would let it do."""
    ids = cloud.principal_ids(principal)
    held = [a for a in cloud.role_assignments if a.principal_id in ids]
    allowed_ops = set().union(*(role_operations(r) for r in allowed_roles)) if allowed_roles else set()
    excess: dict[str, Excess] = {}
    can: list[str] = []

    repositories = sorted(registry.store.repositories)[:MAX_REPOSITORIES] + [PROBE_REPOSITORY] \
        if registry is not None else []
    used: set[int] = set()
    for op in OPERATIONS:
        for repo in repositories:
            d = data_decision(cloud, registry, principal, op, repo)
            if not d.allowed:
                continue
            used.update(id(a) for a in d.granted_by)
            if op not in allowed_ops:
                e = excess.setdefault(op, Excess(OPERATION_WORDS[op]))
                e.by += [a for a in d.granted_by if a not in e.by]
            elif OPERATION_WORDS[op] not in can:
                can.append(OPERATION_WORDS[op])

    hypothetical = [RoleAssignment(name=f"allowed-{i}", principal_id=principal.object_id, principal_type=None,
                                   role_guid=r.guid, scope=scope, created_on=cloud.clock.now(), created_by="",
                                   custom_role=r if r.custom else None) for i, r in enumerate(allowed_roles)]
    target = registry.id if registry is not None else scope
    for action in _control_probes([a.role() for a in held]):  # only actions some held role can grant
        if len(excess) >= MAX_EXCESS:
            break  # enough to show why; the report says there is more
        for where in _ancestors(target):
            d = evaluate(held, ids, action, where)  # control-plane decisions carry no repository conditions
            if not d.allowed:
                continue
            used.update(id(a) for a in d.granted_by)
            if any(scope_covers(h.scope, where) and role_allows(h.role(), action, False) for h in hypothetical):
                continue
            e = excess.setdefault(action, Excess(CONTROL_WORDS.get(action, f"'{action}'")))
            e.by += [a for a in d.granted_by if a not in e.by]
            break

    wide = [a for a in held if not scope_covers(scope, a.scope)]
    at_scope = [a for a in held if scope_covers(a.scope, target)]
    inert = [a for a in at_scope if id(a) not in used and a not in wide]
    return Verdict(can=can, excess=list(excess.values()), wide=wide, inert=inert, holds_any=bool(at_scope))

