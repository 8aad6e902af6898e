"""A repository's indexes, so reads cost what they return, not how much the repository holds.

Each index is built the first time it is read and then kept by ArtifactStore's writes (put_manifest, untag,
delete_manifest): tags by digest (is a manifest tagged? which tags?), referrers by subject (what a deleted
manifest takes with it), and the listing orders behind `--orderby` / `--top`. `check_indexes` compares each
kept index with one built afresh (the store's invariants and its state-machine test call it).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .artifacts import Manifest, Tag


def _add(index: dict[str, set[str]], key: str, value: str) -> None:
    values = index.get(key)
    if values is None:
        index[key] = {value}
    else:
        values.add(value)


def _discard(index: dict[str, set[str]], key: str, value: str) -> None:
    """Remove `value` under `key`; an index never keeps an empty entry."""
    values = index.get(key)
    if values is not None:
        values.discard(value)
        if not values:
            del index[key]


class ListingOrder:
    """Tag names (or manifest digests) in name order and in (last update, name) order."""

    __slots__ = ("names", "times")

    def __init__(self, items: dict[str, Any]) -> None:
        self.names = sorted(items)
        self.times = sorted((v.last_update, k) for k, v in items.items())

    @staticmethod
    def _remove(keys: list, key) -> None:
        i = bisect_left(keys, key)
        if i < len(keys) and keys[i] == key:
            del keys[i]

    def add(self, name: str, when: datetime) -> None:
        insort(self.names, name)
        insort(self.times, (when, name))

    def touch(self, name: str, before: datetime, after: datetime) -> None:
        if before != after:
            self._remove(self.times, (before, name))
            insort(self.times, (after, name))

    def remove(self, name: str, when: datetime) -> None:
        self._remove(self.names, name)
        self._remove(self.times, (when, name))

    def walk(self, orderby: str | None):
        """Keys in listing order: by name, or by (last update, name) for time_asc, reversed for time_desc."""
        if orderby == "time_desc":
            return (k for _, k in reversed(self.times))
        if orderby:
            return (k for _, k in self.times)
        return iter(self.names)


def _subject(content) -> str | None:
    """The digest an OCI artifact refers to (None for images and indexes, which have no such field). Read from the
    model's fields: getattr on a pydantic model without the attribute costs an exception (~8 us, on every push)."""
    return content.__dict__.get("subject")


class RepositoryIndexes:
    """The index methods of Repository (which declares the fields: by_digest, subjects, orders)."""

    if TYPE_CHECKING:
        manifests: dict[str, Manifest]
        tags: dict[str, Tag]
        by_digest: dict[str, set[str]] | None
        subjects: dict[str, set[str]] | None
        orders: dict[str, Any] | None

    # -- tags by digest -------------------------------------------------------------------------------------
    def _tag_index(self) -> dict[str, set[str]]:
        if self.by_digest is None:
            index: dict[str, set[str]] = {}
            for t in self.tags.values():
                _add(index, t.digest, t.name)
            self.by_digest = index
        return self.by_digest

    def tags_of(self, digest: str) -> list[str]:
        names = self._tag_index().get(digest)
        return sorted(names) if names else []

    def is_tagged(self, digest: str) -> bool:
        """Whether any tag points at `digest`."""
        return digest in self._tag_index()

    def _point(self, tag: str, old: str | None, new: str | None) -> None:
        """Record that `tag` moved from digest `old` to `new` (None: absent)."""
        if self.by_digest is None:
            return
        if old is not None:
            _discard(self.by_digest, old, tag)
        if new is not None:
            _add(self.by_digest, new, tag)

    # -- referrers by subject -------------------------------------------------------------------------------
    def referrer_digests(self, subject: str) -> set[str]:
        """Digests of the manifests (signatures, SBOMs) whose subject is `subject`."""
        if self.subjects is None:
            index: dict[str, set[str]] = {}
            for d, m in self.manifests.items():
                s = _subject(m.content)
                if s:
                    _add(index, s, d)
            self.subjects = index
        return self.subjects.get(subject, set())

    def _subject_changed(self, m: Manifest, added: bool) -> None:
        s = _subject(m.content)
        if s and self.subjects is not None:
            (_add if added else _discard)(self.subjects, s, m.digest)

    # -- listing orders -------------------------------------------------------------------------------------
    def ordered(self, kind: Literal["tags", "manifests"], orderby: str | None = None,
                top: int | None = None) -> list:
        """Listable tags or manifests in az's order (name; or last update for time_asc/time_desc), the first
        `top` of them when `top` is given (a negative `top` lists everything, as az does)."""
        items: dict[str, Any] = self.tags if kind == "tags" else self.manifests
        if self.orders is None:
            self.orders = {}
        order = self.orders.get(kind)
        if order is None:
            order = self.orders[kind] = ListingOrder(items)
        limit = top if top is not None and top >= 0 else None
        out: list = []
        if limit == 0:
            return out
        for key in order.walk(orderby):
            item = items[key]
            if item.attributes.list_enabled:
                out.append(item)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def _order(self, kind: str) -> ListingOrder | None:
        return self.orders.get(kind) if self.orders else None

    def _order_add(self, kind: str, name: str, when: datetime) -> None:
        if (order := self._order(kind)) is not None:
            order.add(name, when)

    def _order_touch(self, kind: str, name: str, before: datetime, after: datetime) -> None:
        if (order := self._order(kind)) is not None:
            order.touch(name, before, after)

    def _order_remove(self, kind: str, name: str, when: datetime) -> None:
        if (order := self._order(kind)) is not None:
            order.remove(name, when)

    # -- checking ---------------------------------------------------------------------------------------------
    def check_indexes(self) -> None:
        """Every kept index equals one built afresh from the tags and manifests."""
        kept = (self.by_digest, self.subjects, self.orders)
        self.by_digest = self.subjects = self.orders = None
        try:
            if kept[0] is not None:
                assert kept[0] == self._tag_index(), "tag index out of date"
            if kept[1] is not None:
                self.referrer_digests("")  # builds self.subjects afresh
                assert kept[1] == self.subjects, "referrer index out of date"
            for kind, order in (kept[2] or {}).items():
                fresh = ListingOrder(self.tags if kind == "tags" else self.manifests)
                assert (order.names, order.times) == (fresh.names, fresh.times), f"{kind} order out of date"
        finally:
            self.by_digest, self.subjects, self.orders = kept
