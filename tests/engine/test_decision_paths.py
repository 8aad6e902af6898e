"""The authorization decision's shortcuts (issue 19: every push decides) give what the general rules give."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from acrlab.engine import ids
from acrlab.engine.rbac import RoleAssignment, action_matches, assignments_for, role_allows, scope_covers
from acrlab.engine.roles import BUILTIN_ROLES, ROLES_BY_GUID, find_role

SUB = "/subscriptions/00000000-0000-0000-0000-000000000001"
ACTIONS = ["Microsoft.ContainerRegistry/registries/push/write", "Microsoft.ContainerRegistry/registries/pull/read",
           "Microsoft.ContainerRegistry/registries/repositories/content/read", "Microsoft.Authorization/*/read",
           "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "microsoft.containerregistry/registries/read"]


def test_an_assignment_finds_its_built_in_role_as_find_role_does():
    for guid, role in ROLES_BY_GUID.items():
        assert find_role(guid) is role
        ra = RoleAssignment(name="n", principal_id="p", principal_type="User", role_guid=guid, scope=SUB,
                            created_on=datetime(2026, 1, 1, tzinfo=UTC), created_by="x")
        assert ra.role() is role
    upper = RoleAssignment(name="n", principal_id="p", principal_type="User", role_guid=BUILTIN_ROLES[0].guid.upper(),
                           scope=SUB, created_on=datetime(2026, 1, 1, tzinfo=UTC), created_by="x")
    assert upper.role() is BUILTIN_ROLES[0]  # not a key as written: the general look-up


def test_role_allows_is_any_allow_and_no_deny():
    for role in BUILTIN_ROLES:
        for action in ACTIONS:
            for data in (False, True):
                allow = role.data_actions if data else role.actions
                deny = role.not_data_actions if data else role.not_actions
                expected = any(action_matches(p, action) for p in allow) and not any(
                    action_matches(p, action) for p in deny)
                assert role_allows(role, action, data) == expected, (role.role_name, action, data)


def test_assignments_for_keeps_the_assignments_whose_scope_covers_the_target():
    scopes = ["", "/", SUB, SUB + "/", SUB.upper(), SUB + "/resourceGroups/rg", SUB + "/resourceGroups/rg2",
              SUB + "/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/acr"]
    made = [RoleAssignment(name=str(i), principal_id="p" if i % 3 else "q", principal_type="User",
                           role_guid=BUILTIN_ROLES[0].guid, scope=s, created_on=datetime(2026, 1, 1, tzinfo=UTC),
                           created_by="x") for i, s in enumerate(scopes)]
    for target in scopes + [SUB + "/resourceGroups/rg/providers/x/y/z", SUB + "x"]:
        for principals in ({"p"}, {"q"}, {"p", "q"}, set()):
            assert assignments_for(made, principals, target) == [
                a for a in made if a.principal_id in principals and scope_covers(a.scope, target)]


def test_jwt_segments_are_base64url_without_padding():
    for data in (b"", b"a", b"ab", b"abc", bytes(range(256)), b"\xfb\xff\xfe" * 7):
        assert ids._b64(data) == base64.urlsafe_b64encode(data).decode().rstrip("=")
