"""Hypothesis properties of the one decision function and of credentials."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acrlab import Lab
from acrlab.engine import dataplane, tokens
from acrlab.engine.arm import send
from acrlab.engine.errors import RegistryError
from acrlab.engine.identity import create_service_principal
from acrlab.engine.roles import BUILTIN_ROLES

LAB = Lab(seed=7)
LAB.run("az group create -n rg -l eastus -o none\naz acr create -n propacr -g rg --sku Premium -o none")
CLOUD = LAB.cloud
REG = CLOUD.find_registry("propacr")
SP, _, _ = create_service_principal(CLOUD, "prop")
BASE = list(CLOUD.role_assignments)
SCOPES = [CLOUD.subscription.id, CLOUD.group("rg").id, REG.id]
REPOS = ["app", "app/api", "backend/api", "backend-infra/x", "samples/a/b"]
CONDITIONS = [None,
              "@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'backend/'",
              "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})) OR "
              "(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEquals 'app'))"]
OPS = ["pull", "push", "delete", "sign", "catalog", "metadata_read", "metadata_write"]
assignment = st.tuples(st.sampled_from([r.role_name for r in BUILTIN_ROLES]), st.sampled_from(SCOPES),
                       st.sampled_from(CONDITIONS))
request = st.tuples(st.sampled_from(OPS), st.sampled_from(REPOS), st.sampled_from(["LegacyRegistryPermissions",
                                                                                 "AbacRepositoryPermissions"]))


def allowed(assignments, req) -> bool:
    op, repo, mode = req
    CLOUD.role_assignments[:] = list(BASE)
    for role, scope, cond in assignments:
        CLOUD.assign_role(SP, role, scope, condition=cond)
    REG.role_assignment_mode = mode
    cred = dataplane.Credential(kind="aad", registry=REG.name, principal_id=SP.object_id, mode_at_issue=mode)
    data = dataplane.decide(CLOUD, REG, cred, op, None if op == "catalog" else repo).allowed
    control = CLOUD.authorize(SP, "Microsoft.Authorization/roleAssignments/write", REG.id + "/providers/x").allowed
    return data, control


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(assignment, max_size=4), assignment, request)
def test_adding_an_assignment_never_removes_access(existing, extra, req):
    before = allowed(existing, req)
    after = allowed(existing + [extra], req)
    assert all(a or not b for b, a in zip(before, after, strict=True))


@SETTINGS
@given(st.lists(assignment, min_size=1, max_size=5), st.data(), request)
def test_removing_an_assignment_never_adds_access(existing, data, req):
    i = data.draw(st.integers(0, len(existing) - 1))
    before = allowed(existing, req)
    after = allowed(existing[:i] + existing[i + 1:], req)
    assert all(b or not a for b, a in zip(before, after, strict=True))


@SETTINGS
@given(status=st.sampled_from(["enabled", "disabled"]), days=st.one_of(st.none(), st.integers(1, 30)),
       elapsed=st.integers(0, 40 * 24), use_second=st.booleans())
def test_expired_or_disabled_token_never_authenticates(status, days, elapsed, use_second):
    lab = Lab(seed=3)
    lab.run("az group create -n rg -l eastus -o none\naz acr create -n tokacr -g rg --sku Basic -o none")
    reg = lab.cloud.find_registry("tokacr")
    me = lab.cloud.learner
    body = {"properties": {"scopeMapId": reg.scope_maps["_repositories_pull"].id, "status": status}}
    t = send(lab.cloud, me, "PUT", f"{reg.id}/tokens/t", body).resource
    expiry = lab.cloud.clock.now() + timedelta(days=days) if days else None
    creds = send(lab.cloud, me, "POST", reg.id, {"tokenId": t.id, "expiry": expiry.isoformat() if expiry else None},
                 action="generateCredentials").body
    pw = creds["passwords"][1 if use_second else 0]["value"]
    lab.advance(timedelta(hours=elapsed))
    expired = expiry is not None and lab.cloud.clock.now() >= expiry
    try:
        dataplane.authenticate(lab.cloud, reg, "t", pw)
        ok = True
    except RegistryError:
        ok = False
    assert ok == (status == "enabled" and not expired)


SEGMENT = st.sampled_from(["a", "b", "samples", "team"])
PATTERN = st.one_of(st.just("*"), st.lists(SEGMENT, min_size=1, max_size=3).map("/".join),
                    st.lists(SEGMENT, min_size=1, max_size=2).map(lambda s: "/".join(s) + "/*"))
RULE = st.tuples(PATTERN, st.sampled_from(tokens.REPO_ACTIONS))


@settings(max_examples=300, deadline=None)
@given(st.lists(RULE, min_size=1, max_size=5), st.lists(SEGMENT, min_size=1, max_size=4).map("/".join),
       st.sampled_from(list(tokens.TOKEN_NEEDS)))
def test_token_never_reaches_outside_its_scope(rules, repo, op):
    actions = [f"repositories/{p}/{a}" for p, a in rules]
    cred = dataplane.Credential(kind="token", registry=REG.name, token_name="prop")
    sm = send(CLOUD, CLOUD.learner, "PUT", f"{REG.id}/scopeMaps/prop-map", {"properties": {"actions": actions}}).resource
    REG.tokens["prop"] = tokens.Token(name="prop", registry_id=REG.id, resource_group=REG.resource_group,
                                      scope_map_id=sm.id, created=CLOUD.clock.now())
    d = dataplane.decide(CLOUD, REG, cred, op, repo)

    def covered(need: str) -> bool:
        return any(a == need and (p == "*" or p == repo or (p.endswith("/*") and repo.startswith(p[:-1])))
                   for p, a in rules)

    assert d.allowed == all(covered(n) for n in tokens.TOKEN_NEEDS[op])
    if d.allowed:
        assert any(p == "*" or repo == p or repo.startswith(p[:-1]) for p, _ in rules)
