"""Identity checks: data-plane access decided by the engine, role breadth and scope, tokens, and what
an AKS deployment runs."""

from __future__ import annotations

import json

from ..engine.dataplane import Credential, authenticate, decide
from ..engine.errors import RegistryError
from ..engine.rbac import scope_covers
from ..engine.role_assignments import lookup_role
from ..lab import Lab
from .effective import data_decision
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


def _token_sign_in(cloud, reg, name: str) -> tuple[Credential | None, str]:
    """A credential a holder of the token's password gets from `docker login`, or why nobody can sign in."""
    token = reg.tokens[name]
    now = cloud.clock.now()
    live = [pw for pw in token.passwords.values() if pw.expiry is None or now < pw.expiry]
    if not live:
        why = "its passwords have expired" if token.passwords else "it has no password"
        return None, f"nobody can sign in with token {name}: {why} (generate one with az acr token credential generate)"
    try:
        cred = authenticate(cloud, reg, name, live[0].value)
    except RegistryError as e:
        return None, f"docker login with token {name} is refused ({e.message}): the token is {token.status}"
    return cred, ""


def check_access(lab, c: AccessCheck):
    cloud = lab.cloud
    reg = _registry(lab, c.registry)
    verb = VERBS[c.operation]
    if c.principal.startswith("token:"):
        name = c.principal.split(":", 1)[1]
        who = f"token {name}"
        expected = f"{who} {'can' if c.allowed else 'cannot'} {verb} {c.repository}"
        if isinstance(reg.tokens, dict) and name not in reg.tokens:
            raise CheckFailed(f"token {name} does not exist in {reg.name}")
        cred, refused = _token_sign_in(cloud, reg, name)
        if cred is None:  # judged as the partner meets it: no sign-in, no access
            return Outcome(not c.allowed, expected, refused)
        p = None
    else:
        p = resolve_principal(lab, c.principal)
        who = p.display_name
        expected = f"{who} {'can' if c.allowed else 'cannot'} {verb} {c.repository}"
        if p.object_id not in cloud.tenant.principals:  # an Entra group: what its members get through it
            who = f"members of group {p.display_name}"
            expected = f"{who} {'can' if c.allowed else 'cannot'} {verb} {c.repository} through the group"
        cred = None
    decision = data_decision(cloud, reg, p, c.operation, c.repository) if cred is None else \
        decide(cloud, reg, cred, c.operation, c.repository)
    allowed = decision.allowed
    detail = ""
    if decision.granted_by:
        detail = " (granted by " + ", ".join(_held(lab, a, p) if p is not None else a.role().role_name
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


def _assignments(lab: Lab, principal):
    """Assignments that count for the principal: its own and its Entra groups' (nested too)."""
    ids = lab.cloud.principal_ids(principal)
    return [a for a in lab.cloud.role_assignments if a.principal_id in ids]


def _held(lab: Lab, a, principal) -> str:
    """'AcrPush at registry acrlabprod' (+ ' through group X' when it comes from a group)."""
    text = f"{a.role().role_name} at {_scope_name(a.scope)}"
    if a.principal_id != principal.object_id:
        from ..engine.entra_groups import entra_groups

        g = entra_groups(lab.cloud).get(a.principal_id)
        text += f" through group {g.display_name if g else a.principal_id}"
    return text


def _registry_at(lab: Lab, scope: str):
    """The registry a scope names (or lies in), if any."""
    parts = scope.rstrip("/").split("/")
    for i, part in enumerate(parts[:-1]):
        if part.lower() == "registries":
            return lab.cloud.find_registry(parts[i + 1])
    return None


def check_role_limit(lab, c: RoleLimitCheck):
    """Least privilege as effective permission: nothing the allowed roles at the scope would not allow."""
    from .effective import judge

    p = resolve_principal(lab, c.principal)
    allowed = [lookup_role(lab.cloud, r) for r in c.roles]
    if any(r is None for r in allowed):
        raise CheckFailed(f"unknown role in {c.roles}")
    reg = _registry_at(lab, c.scope)
    v = judge(lab.cloud, p, reg, allowed, c.scope)
    who = p.display_name
    expected = f"{who} can do no more than {' + '.join(c.roles)} allows, at {_scope_name(c.scope)} or below"
    if c.require_assignment and not v.holds_any:
        held = ", ".join(_held(lab, a, p) for a in _assignments(lab, p)) or "no roles"
        return Outcome(False, expected, f"{who} holds no role at {_scope_name(c.scope)} ({held})")
    bad, groups = [], {}
    for e in v.excess:  # one sentence per granting assignment(s): "can also X, Y and 3 more (granted by ...)"
        groups.setdefault(", ".join(_held(lab, a, p) for a in e.by[:2]), []).append(e.what)
    for by, whats in groups.items():
        more = " and more" if len(whats) > 4 else ""
        bad.append(f"{who} can also {', '.join(whats[:4])}{more}, beyond {' + '.join(c.roles)}"
                   + (f" (granted by {by})" if by else ""))
    for a in v.wide:
        where = "wider than" if scope_covers(a.scope, c.scope) else "outside"
        bad.append(f"{_held(lab, a, p)} is {where} {_scope_name(c.scope)}")
    if bad:
        return Outcome(False, expected, "; ".join(bad))
    summary = f"{who} can {', '.join(v.can)}" if v.can else f"{who} has no registry data permission"
    summary += " (" + ", ".join(_held(lab, a, p) for a in _assignments(lab, p)) + ")"
    note = ""
    if v.inert:
        note = "note: " + "; ".join(f"{_held(lab, a, p)} grants nothing in this registry's "
                                    f"{reg.role_assignment_mode if reg else ''} mode" for a in v.inert)
    return Outcome(True, expected, summary, note)


def check_role_assignment(lab, c: RoleAssignmentCheck):
    p = resolve_principal(lab, c.principal)
    role = lookup_role(lab.cloud, c.role)
    if role is None:
        raise CheckFailed(f"unknown role {c.role}")
    held = [a for a in _assignments(lab, p) if scope_covers(a.scope, c.scope)]
    has = any(a.role_guid == role.guid for a in held)
    expected = f"{p.display_name} {'holds' if c.present else 'does not hold'} {role.role_name} on {_scope_name(c.scope)}"
    summary = ", ".join(_held(lab, a, p) for a in held) or "no role there"
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
