"""The tenant's role assignments, kept in creation order and indexed, so that what a decision, a duplicate check or a
listing costs depends on what it reads, not on how many assignments the tenant holds (issue 19).

`Cloud.role_assignments` is a `RoleAssignmentStore`: a mutable sequence (append, remove, iteration, `[:] = ...`
all work as on a list) with three indexes kept up to date on every change:

    of_principals(ids)   the assignments held by these principal ids (a principal and its groups)
    at_scope(scope)      the assignments made exactly at a scope
    covering(scope)      the assignments that apply at a scope (made there or at a parent scope)
    under(scope)         the assignments made at a scope or beneath it
    around(scope)        at a scope, above it or beneath it (an unfiltered listing)
    named(name)          the assignments with this name (a GUID)

Results keep creation order, as a scan would. Assignments are never changed in place (an update is a new
assignment under the same name), so an index never goes stale."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, MutableSequence
from typing import Any, overload

from .rbac import RoleAssignment


def _key(scope: str) -> str:
    return scope.rstrip("/").lower()


def ancestors(scope: str) -> list[str]:
    """A scope and every scope above it (lower case, '' for the root): `/subscriptions/s/resourceGroups/g` ->
    ['', '/subscriptions', '/subscriptions/s', '/subscriptions/s/resourcegroups', '/subscriptions/s/resourcegroups/g'].
    Assignments only ever sit at real scopes, so the in-between segments find nothing and cost one look-up each."""
    key = _key(scope)
    out = [""]
    start = 0
    while (i := key.find("/", start + 1)) != -1:
        out.append(key[:i])
        start = i
    if key:
        out.append(key)
    return out


class _Index:
    """One index: key -> {sequence number: assignment} (dicts keep insertion, so creation, order)."""

    __slots__ = ("buckets",)

    def __init__(self) -> None:
        self.buckets: dict[str, dict[int, RoleAssignment]] = {}

    def add(self, key: str, seq: int, a: RoleAssignment) -> None:
        self.buckets.setdefault(key, {})[seq] = a

    def discard(self, key: str, seq: int) -> None:
        bucket = self.buckets.get(key)
        if bucket is not None:
            bucket.pop(seq, None)
            if not bucket:
                del self.buckets[key]

    def get(self, key: str) -> dict[int, RoleAssignment]:
        return self.buckets.get(key, {})


class RoleAssignmentStore(MutableSequence[RoleAssignment]):
    """Every role assignment in creation order, indexed by principal id, scope and name."""

    def __init__(self, items: Iterable[RoleAssignment] = ()) -> None:
        self._reset(items)

    def _reset(self, items: Iterable[RoleAssignment]) -> None:
        self._items: dict[int, RoleAssignment] = {}
        self._seq_of: dict[int, int] = {}
        self._next = 0
        self._principal, self._scope, self._name = _Index(), _Index(), _Index()
        for a in items:
            self.append(a)

    # -- the list protocol ---------------------------------------------------------------------------
    def append(self, value: RoleAssignment) -> None:
        seq = self._next
        self._next += 1
        self._items[seq] = value
        self._seq_of[id(value)] = seq
        self._principal.add(value.principal_id, seq, value)
        self._scope.add(_key(value.scope), seq, value)
        self._name.add(value.name.lower(), seq, value)

    def remove(self, value: RoleAssignment) -> None:
        seq = self._seq_of.get(id(value))
        if seq is None or self._items.get(seq) is not value:
            seq = next((s for s, a in self._items.items() if a == value), None)
            if seq is None:
                raise ValueError("role assignment not in the store")
        self._drop(seq)

    def _drop(self, seq: int) -> None:
        a = self._items.pop(seq)
        self._seq_of.pop(id(a), None)
        self._principal.discard(a.principal_id, seq)
        self._scope.discard(_key(a.scope), seq)
        self._name.discard(a.name.lower(), seq)

    def __contains__(self, value: object) -> bool:
        seq = self._seq_of.get(id(value))
        if seq is not None and self._items.get(seq) is value:
            return True
        return any(a == value for a in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[RoleAssignment]:
        return iter(list(self._items.values()))

    @overload
    def __getitem__(self, index: int) -> RoleAssignment: ...
    @overload
    def __getitem__(self, index: slice) -> list[RoleAssignment]: ...
    def __getitem__(self, index: Any) -> Any:
        return list(self._items.values())[index]

    def __setitem__(self, index: Any, value: Any) -> None:
        items = list(self._items.values())
        items[index] = value
        self._reset(items)

    def __delitem__(self, index: Any) -> None:
        items = list(self._items.values())
        del items[index]
        self._reset(items)

    def insert(self, index: int, value: RoleAssignment) -> None:
        if index >= len(self._items):
            self.append(value)
            return
        items = list(self._items.values())
        items.insert(index, value)
        self._reset(items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RoleAssignmentStore):
            return list(self._items.values()) == list(other._items.values())
        if isinstance(other, list):
            return list(self._items.values()) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RoleAssignmentStore({list(self._items.values())!r})"

    def __deepcopy__(self, memo: dict) -> RoleAssignmentStore:
        new = RoleAssignmentStore.__new__(RoleAssignmentStore)
        memo[id(self)] = new
        new._reset(copy.deepcopy(list(self._items.values()), memo))
        return new

    def __reduce__(self) -> tuple:
        return RoleAssignmentStore, (list(self._items.values()),)

    # -- look-ups that cost what they return ---------------------------------------------------------
    @staticmethod
    def _ordered(buckets: Iterable[dict[int, RoleAssignment]]) -> list[RoleAssignment]:
        found = [b for b in buckets if b]
        if len(found) == 1:
            return list(found[0].values())
        return [a for _, a in sorted((kv for b in found for kv in b.items()), key=lambda kv: kv[0])]

    def of_principals(self, principal_ids: Iterable[str]) -> list[RoleAssignment]:
        return self._ordered([self._principal.get(pid) for pid in principal_ids])

    def at_scope(self, scope: str) -> list[RoleAssignment]:
        return list(self._scope.get(_key(scope)).values())

    def covering(self, scope: str) -> list[RoleAssignment]:
        return self._ordered(self._scope.get(k) for k in ancestors(scope))

    def under(self, scope: str) -> list[RoleAssignment]:
        """At `scope` or beneath it: one pass over the distinct scopes, then only what matches."""
        key = _key(scope)
        if not key:
            return list(self._items.values())
        return self._ordered(b for k, b in self._scope.buckets.items() if k == key or k.startswith(key + "/"))

    def around(self, scope: str) -> list[RoleAssignment]:
        """At `scope`, above it or beneath it (what ARM lists for a scope without a filter)."""
        key = _key(scope)
        keys = set(ancestors(scope))
        if key:
            keys.update(k for k in self._scope.buckets if k.startswith(key + "/"))
        else:
            keys.update(self._scope.buckets)
        return self._ordered(self._scope.get(k) for k in keys)

    def named(self, name: str) -> list[RoleAssignment]:
        return list(self._name.get(name.lower()).values())

    def scopes(self) -> list[str]:
        """The distinct scopes that hold assignments (lower case)."""
        return list(self._scope.buckets)
