"""The role-assignment store's indexes always answer what a scan of the assignments would (issue 19): over random
sequences of appends, removals and slice assignments, every look-up equals the scan, in creation order, and a
deep copy (Lab.fork) keeps answering on its own."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from acrlab.engine.rbac import RoleAssignment, scope_covers
from acrlab.engine.role_store import RoleAssignmentStore, ancestors

SUB = "/subscriptions/s1"
SCOPES = [SUB, f"{SUB}/resourceGroups/rg", f"{SUB}/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/a",
          f"{SUB}/resourceGroups/rg2", "/"]
PRINCIPALS = ["p1", "p2", "g1"]
WHEN = datetime(2020, 1, 1, tzinfo=UTC)


def _ra(i: int, principal: str, scope: str) -> RoleAssignment:
    return RoleAssignment(name=f"n{i % 7}", principal_id=principal, principal_type="User", role_guid="r",
                          scope=scope, created_on=WHEN, created_by="x")


OPS = st.lists(st.one_of(
    st.tuples(st.just("append"), st.sampled_from(PRINCIPALS), st.sampled_from(SCOPES)),
    st.tuples(st.just("remove"), st.integers(0, 30), st.none()),
    st.tuples(st.just("keep"), st.sampled_from(PRINCIPALS), st.none()),
), max_size=30)


def _low(s: str) -> str:
    return s.rstrip("/").lower()


def _check(store: RoleAssignmentStore, items: list[RoleAssignment]) -> None:
    assert list(store) == items and len(store) == len(items)
    for ids in ({"p1"}, {"p1", "g1"}, set(PRINCIPALS)):
        assert store.of_principals(ids) == [a for a in items if a.principal_id in ids]
    for scope in SCOPES:
        assert store.at_scope(scope) == [a for a in items if _low(a.scope) == _low(scope)]
        assert store.covering(scope) == [a for a in items if scope_covers(a.scope, scope)]
        assert store.under(scope) == [a for a in items if scope_covers(scope, a.scope)]
        assert store.around(scope) == [a for a in items
                                       if scope_covers(a.scope, scope) or scope_covers(scope, a.scope)]
    for n in range(7):
        assert store.named(f"N{n}") == [a for a in items if a.name == f"n{n}"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(OPS)
def test_indexes_answer_what_a_scan_answers(ops):
    store, items = RoleAssignmentStore(), []
    for i, (op, arg, scope) in enumerate(ops):
        if op == "append":
            a = _ra(i, arg, scope)
            store.append(a)
            items.append(a)
        elif op == "remove" and items:
            a = items.pop(arg % len(items))
            store.remove(a)
        elif op == "keep":
            items = [a for a in items if a.principal_id != arg]
            store[:] = [a for a in store if a.principal_id != arg]
        _check(store, items)
    twin = copy.deepcopy(store)
    _check(twin, list(twin))
    twin.append(_ra(99, "p1", SUB))
    _check(store, items)  # the copy's changes stay in the copy


def test_ancestors_are_every_parent_scope():
    assert ancestors(f"{SUB}/resourceGroups/RG/") == ["", "/subscriptions", SUB.lower(), f"{SUB}/resourcegroups".lower(),
                                                       f"{SUB}/resourcegroups/rg".lower()]
    assert ancestors("/") == [""]
