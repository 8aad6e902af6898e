"""Identity checks: data-plane access decided by the engine, role breadth and scope, tokens, and what
an AKS deployment runs."""

from __future__ import annotations

import json

from ..engine.dataplane import Credential, decide
from ..engine.errors import RegistryError
from ..engine.rbac import action_matches, scope_covers
from ..engine.role_assignments import lookup_role
from ..lab import Lab
from .outcome import CheckFailed, Outcome, run_json
from .schema import AccessCheck, DeploymentImageCheck, RoleAssignmentCheck, RoleLimitCheck, TokenScopeCheck
from .setup import resolve_principal

VERBS = {"pull": "pull from", "push": "push to", "delete": "delete in", "metadata_read": "read metadata of",
         "metadata_write": "change metadata of", "catalog": "list the catalog of", "sign": "sign images in"}


def _registry(lab: Lab, name: str):
    r = lab.cloud.find_registry(name)
    if r is None:
        raise CheckFailed(f"registry {name} does not exist")
    return r


def check_access(lab, c: AccessCheck):
    cloud = lab.cloud
    reg = _registry(lab, c.registry)
    if c.principal.startswith("token:"):
        name = c.principal.split(":", 1)[1]
        who = f"token {name}"
        if isinstance(reg.tokens, dict) and name not in reg.tokens:
            raise CheckFailed(f"token {name} does not exist in {reg.name}")
        cred = Credential(kind="token", registry=reg.name, token_name=name, issued=cloud.clock.now())
    else:
        p = resolve_principal(lab, c.principal)
        who = p.display_name
        cred = Credential(kind="aad", registry=reg.name, principal_id=p.object_id, issued=cloud.clock.now(),
                          mode_at_issue=reg.role_assignment_mode)
    decision = decide(cloud, reg, cred, c.operation, c.repository)
    allowed = decision.allowed
    verb = VERBS[c.operation]
    expected = f"{who} {'can' if c.allowed else 'cannot'} {verb} {c.repository}"
    detail = ""
    if decision.granted_by:
        detail = " (granted by " + ", ".join(f"{a.role().role_name} at {_scope_name(a.scope)}"
                                            for a in decision.granted_by) + ")"
    elif decision.note:
        detail = f" ({decision.note})"
    actual = f"{who} {'can' if allowed else 'cannot'} {verb} {c.repository}{detail}"
    if allowed and c.allowed and c.image_tag:
        try:
            reg.store.resolve(c.repository, c.image_tag)
        except RegistryError:
            return Outcome(False, f"{expected}:{c.image_tag}", f"{c.repository}:{c.image_tag} does not exist")
    return Outcome(allowed == c.allowed, expected, actual)


def _scope_name(scope: str) -> str:
    parts = scope.rstrip("/").split("/")
    if len(parts) <= 3:
        return "subscription"
    kinds = {"resourceGroups": "resource group", "registries": "registry"}
    return f"{kinds.get(parts[-2], parts[-2].rstrip('s'))} {parts[-1]}"


def _covered(role, allowed_roles) -> bool:
    """Every permission of `role` is granted by one of the allowed roles (so it is no broader)."""
    if any(role.guid == r.guid for r in allowed_roles):
        return True
    pairs = ((role.actions, "actions"), (role.data_actions, "data_actions"))
    for perms, attr in pairs:
        for action in perms:
            if not any(action_matches(pattern, action) for r in allowed_roles for pattern in getattr(r, attr)):
                return False
    return True


def _assignments(lab: Lab, principal):
    return [a for a in lab.cloud.role_assignments if a.principal_id == principal.object_id]


def check_role_limit(lab, c: RoleLimitCheck):
    p = resolve_principal(lab, c.principal)
    allowed = [lookup_role(lab.cloud, r) for r in c.roles]
    if any(r is None for r in allowed):
        raise CheckFailed(f"unknown role in {c.roles}")
    held = _assignments(lab, p)
    bad = []
    for a in held:
        role = a.role()
        if not _covered(role, allowed):
            bad.append(f"{role.role_name} is broader than {' / '.join(c.roles)}")
        if not scope_covers(c.scope, a.scope):
            bad.append(f"{role.role_name} at {_scope_name(a.scope)} is wider than {_scope_name(c.scope)}")
    expected = f"{p.display_name} holds only {' / '.join(c.roles)}, at {_scope_name(c.scope)} or below"
    if c.require_assignment and not any(scope_covers(c.scope, a.scope) for a in held):
        return Outcome(False, expected, f"{p.display_name} holds no role at {_scope_name(c.scope)}")
    summary = ", ".join(f"{a.role().role_name} at {_scope_name(a.scope)}" for a in held) or "no roles"
    return Outcome(not bad, expected, "; ".join(bad) if bad else summary)


def check_role_assignment(lab, c: RoleAssignmentCheck):
    p = resolve_principal(lab, c.principal)
    role = lookup_role(lab.cloud, c.role)
    if role is None:
        raise CheckFailed(f"unknown role {c.role}")
    held = [a for a in _assignments(lab, p) if scope_covers(a.scope, c.scope)]
    has = any(a.role_guid == role.guid for a in held)
    expected = f"{p.display_name} {'holds' if c.present else 'does not hold'} {role.role_name} on {_scope_name(c.scope)}"
    summary = ", ".join(f"{a.role().role_name} at {_scope_name(a.scope)}" for a in held) or "no role there"
    return Outcome(has == c.present, expected, f"{p.display_name} holds {summary}")


def _run_json(lab: Lab, command: str):
    sh = lab.new_session(lab.cloud.learner)
    data, error = run_json(sh, command)
    if error:
        raise CheckFailed(error)
    return data


def check_token_scope(lab, c: TokenScopeCheck):
    reg = _registry(lab, c.registry)
    want = sorted(f"repositories/{repo}/{action}" for repo, acts in c.actions.items() for action in acts)
    expected = f"token {c.token} {c.status}, scope: {', '.join(want)}"
    if c.token.lower() not in {t.lower() for t in reg.tokens}:
        return Outcome(False, expected, f"token {c.token} does not exist in {reg.name}")
    token = _run_json(lab, f"az acr token show -r {reg.name} -n {c.token}")
    status = (token or {}).get("status")
    map_id = (token or {}).get("scopeMapId") or ""
    if not map_id:
        return Outcome(False, expected, f"token {c.token} has no scope map")
    scope_map = _run_json(lab, f"az acr scope-map show -r {reg.name} -n {map_id.rstrip('/').rsplit('/', 1)[-1]}")
    got = sorted((scope_map or {}).get("actions") or [])
    extra = {f"repositories/{repo}/{action}" for repo, acts in c.optional.items() for action in acts}
    ok = status == c.status and set(want) <= set(got) <= set(want) | extra
    return Outcome(ok, expected, f"token {c.token} {status}, scope: {', '.join(got) or 'nothing'}")


def _pinned(ref: str) -> tuple[str, str | None]:
    """`server/repo[:tag][@sha256:...]` -> (server/repo, digest or None)."""
    name, _, digest = ref.partition("@")
    last = name.rsplit("/", 1)
    if ":" in last[-1]:
        name = name.rsplit(":", 1)[0]
    return name.lower(), digest or None


def check_deployment_image(lab, c: DeploymentImageCheck):
    reg = _registry(lab, c.registry)
    repo, _, tag = c.image.partition(":")
    try:
        digest = reg.store.resolve(repo, tag or "latest").digest
    except RegistryError:
        raise CheckFailed(f"{c.image} does not exist in {reg.name}") from None
    want = f"{reg.login_server}/{repo}@{digest}"
    sh = lab.new_session(lab.cloud.learner)
    code, _, err = sh.run(f"az aks get-credentials -g {c.resource_group} -n {c.cluster} --overwrite-existing")
    if code != 0:
        raise CheckFailed(f"cannot reach cluster {c.cluster}: {err.strip().splitlines()[-1] if err.strip() else code}")
    code, out, err = sh.run(f"kubectl get deployment {c.deployment} -n {c.namespace} -o json")
    if code != 0:
        raise CheckFailed(err.strip().splitlines()[-1] if err.strip() else f"deployment {c.deployment} not found")
    try:
        spec = json.loads(out)["spec"]["template"]["spec"]
        images = [ct["image"] for ct in spec.get("containers", [])]
    except (ValueError, KeyError, TypeError):
        raise CheckFailed(f"cannot read the containers of deployment {c.deployment}") from None
    ok = any(_pinned(i) == (f"{reg.login_server}/{repo}", digest) for i in images)
    return Outcome(ok, f"deployment {c.deployment} runs {want}", f"deployment {c.deployment} runs {', '.join(images)}")
