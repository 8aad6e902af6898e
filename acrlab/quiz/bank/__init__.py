"""The question bank: loading, cross-file checks, lookup, filtering and statistics."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...objectives import OBJECTIVES, describe_unknown
from ..loader import BankError, Issue, ParsedFile, bank_files, parse_file
from ..models import DIFFICULTIES, SECTIONS, TYPES, CaseStudyItem, Item, Objective, Source


def normalize_stem(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


REQUIRE_SOURCES = True


def vocabulary() -> dict[str, Objective]:
    """The course's objective vocabulary (acrlab.objectives) as bank Objective models."""
    return {o.id: Objective(id=o.id, title=o.title, sections=list(o.sections)) for o in OBJECTIVES.values()}


class Bank:
    def __init__(self, items: list[Item], objectives: dict[str, Objective],
                 where: dict[str, tuple[str, int | None]] | None = None,
                 sources: dict[str, Source] | None = None):
        self.items = list(items)
        self.objectives = dict(objectives)
        self.where = dict(where or {})
        self.sources = dict(sources or {})
        self._by_id = {i.id: i for i in self.items}
        for it in self.items:
            if isinstance(it, CaseStudyItem):
                for q in it.questions:
                    self._by_id.setdefault(q.id, q)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def get(self, item_id: str) -> Item:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise KeyError(f"no item with id {item_id!r}") from None

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._by_id

    def filter(self, *, sections: Iterable[str] | None = None, objectives: Iterable[str] | None = None,
               types: Iterable[str] | None = None, difficulties: Iterable[str] | None = None,
               ids: Iterable[str] | None = None, exclude_ids: Iterable[str] | None = None) -> list[Item]:
        """Items matching every given criterion (None = no restriction)."""
        def ok(value: str, allowed: Iterable[str] | None) -> bool:
            return allowed is None or value in set(allowed)
        want_ids = set(ids) if ids is not None else None
        skip = set(exclude_ids or ())
        return [i for i in self.items
                if ok(i.section, sections) and ok(i.objective, objectives) and ok(i.type, types)
                and ok(i.difficulty, difficulties) and (want_ids is None or i.id in want_ids)
                and i.id not in skip]

    def items_for(self, *, objective: str | None = None, section: str | None = None) -> list[Item]:
        """Items (including case-study questions) related to an objective or a section."""
        out = []
        for it in self.items:
            pool = it.questions if isinstance(it, CaseStudyItem) else [it]
            for q in pool:
                if (objective and q.objective == objective) or (section and q.section == section):
                    out.append(q)
        return out

    def sources_of(self, item: Any) -> list[Source]:
        """The documented facts an item rests on (a case-study question falls back to its case study's)."""
        refs = list(getattr(item, "source", []) or [])
        if not refs:
            parent = next((c for c in self.items if isinstance(c, CaseStudyItem) and item in c.questions), None)
            refs = list(parent.source) if parent is not None else []
        return [r if isinstance(r, Source) else self.sources[r] for r in refs if not isinstance(r, str)
                or r in self.sources]

    def stats(self) -> dict[str, Any]:
        from ..generators import GENERATORS
        by_type = Counter(i.type for i in self.items)
        by_section = Counter(i.section for i in self.items)
        by_objective = Counter(i.objective for i in self.items)
        by_difficulty = Counter(i.difficulty for i in self.items)
        return {
            "total": len(self.items),
            "generators": len(GENERATORS),
            "by_type": {t: by_type.get(t, 0) for t in TYPES},
            "by_section": {s: by_section.get(s, 0) for s in SECTIONS},
            "by_objective": {o: by_objective.get(o, 0) for o in sorted(set(self.objectives) | set(by_objective))},
            "by_difficulty": {d: by_difficulty.get(d, 0) for d in DIFFICULTIES},
        }


def check_sources(parsed: list[ParsedFile], sources: dict[str, Source], *, require: bool) -> list[Issue]:
    """Every item rests on documented facts: source ids exist, and (``require``) each item names one."""
    issues: list[Issue] = []
    used: set[str] = set()
    for pf in parsed:
        for n, item in enumerate(pf.model.items):
            pool = [(item, ())] + [(q, ("questions", k)) for k, q in enumerate(getattr(item, "questions", []))]
            for sub, extra in pool:
                for k, ref in enumerate(sub.source):
                    if isinstance(ref, str):
                        used.add(ref)
                        if ref not in sources:
                            issues.append(Issue(str(pf.path), pf.line_of(("items", n, *extra, "source", k)),
                                                _path(n, extra) + f".source[{k}]", f"unknown source {ref!r} "
                                                "(define it under sources: with its url and quote)"))
            if require and not item.source:
                issues.append(Issue(str(pf.path), pf.line_of(("items", n)), f"items[{n}].source",
                                    "every item needs a source: the docs page and the sentence its answer rests on"))
    if require:
        from ..generators import generator_sources
        for name, refs in generator_sources().items():
            for ref in refs:
                used.add(ref)
                if ref not in sources:
                    issues.append(Issue("acrlab/quiz/generators", None, f"generator {name}",
                                        f"unknown source {ref!r}"))
        for pf in parsed:
            for fact in pf.model.sources:
                if fact not in used:
                    issues.append(Issue(str(pf.path), pf.line_of(("sources", fact)), f"sources.{fact}",
                                        "source is not used by any item"))
    return issues


def _path(n: int, extra: tuple[Any, ...]) -> str:
    return f"items[{n}]" + "".join(f".{a}" if isinstance(a, str) else f"[{a}]" for a in extra)


def check_consistency(parsed: list[ParsedFile], objectives: dict[str, Objective]) -> list[Issue]:
    """Cross-file rules: unique ids, unique stems, known objectives."""
    issues: list[Issue] = []
    seen_ids: dict[str, str] = {}
    seen_stems: dict[str, str] = {}
    for pf in parsed:
        for n, item in enumerate(pf.model.items):
            line = pf.line_of(("items", n))
            pool = [(item, ())] + [(q, ("questions", k)) for k, q in enumerate(getattr(item, "questions", []))]
            for sub, extra in pool:
                path = _path(n, extra)
                sub_line = pf.line_of(("items", n, *extra)) if extra else line
                if sub.id in seen_ids:
                    issues.append(Issue(str(pf.path), sub_line, path + ".id",
                                        f"duplicate id {sub.id!r} (also in {seen_ids[sub.id]})"))
                seen_ids.setdefault(sub.id, str(pf.path))
                stem = normalize_stem(sub.stem_text)
                if stem in seen_stems:
                    issues.append(Issue(str(pf.path), sub_line, path, f"duplicate stem (same as {seen_stems[stem]})"))
                seen_stems.setdefault(stem, sub.id)
                if sub.objective not in objectives:
                    issues.append(Issue(str(pf.path), sub_line, path + ".objective", describe_unknown(sub.objective)))
    return issues


def load_bank(paths: Iterable[Path | str] | None = None, *, sources_from_default: bool = True) -> Bank:
    """Load bank files (default: the packaged bank). Raises :class:`BankError` listing every problem.

    Objectives come from the course vocabulary. Files given explicitly may use the packaged bank's
    sources; the packaged bank itself must give every item a source and use every source it defines.
    """
    files = [Path(p) for p in paths] if paths is not None else bank_files()
    parsed: list[ParsedFile] = []
    issues: list[Issue] = []
    for f in files:
        try:
            parsed.append(parse_file(f))
        except BankError as exc:
            issues.extend(exc.issues)
    objectives = vocabulary()
    sources: dict[str, Source] = {}
    if paths is not None and sources_from_default:
        sources.update(_default_sources())
    for pf in parsed:
        sources.update(pf.model.sources)
    issues.extend(check_consistency(parsed, objectives))
    issues.extend(check_sources(parsed, sources, require=paths is None and REQUIRE_SOURCES))
    if issues:
        raise BankError(issues)
    items, where = [], {}
    for pf in parsed:
        for n, item in enumerate(pf.model.items):
            items.append(item)
            where[item.id] = (str(pf.path), pf.line_of(("items", n)))
    return Bank(items, objectives, where, sources)


def _default_sources() -> dict[str, Source]:
    out: dict[str, Source] = {}
    for f in bank_files():
        try:
            out.update(parse_file(f).model.sources)
        except BankError:
            continue
    return out


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The packaged bank (cached)."""
    return load_bank()
