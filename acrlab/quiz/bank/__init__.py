"""The question bank: loading, cross-file checks, lookup, filtering and statistics."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..loader import BankError, Issue, ParsedFile, bank_files, parse_file
from ..models import DIFFICULTIES, SECTIONS, TYPES, CaseStudyItem, Item, Objective


def normalize_stem(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


class Bank:
    def __init__(self, items: list[Item], objectives: dict[str, Objective],
                 where: dict[str, tuple[str, int | None]] | None = None):
        self.items = list(items)
        self.objectives = dict(objectives)
        self.where = dict(where or {})
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
                path = f"items[{n}]" + "".join(f".{a}" if isinstance(a, str) else f"[{a}]" for a in extra)
                sub_line = pf.line_of(("items", n, *extra)) if extra else line
                if sub.id in seen_ids:
                    issues.append(Issue(str(pf.path), sub_line, path + ".id",
                                        f"duplicate id {sub.id!r} (also in {seen_ids[sub.id]})"))
                seen_ids.setdefault(sub.id, str(pf.path))
                stem = normalize_stem(sub.stem_text)
                if stem in seen_stems:
                    issues.append(Issue(str(pf.path), sub_line, path, f"duplicate stem (same as {seen_stems[stem]})"))
                seen_stems.setdefault(stem, sub.id)
                if objectives and sub.objective not in objectives:
                    issues.append(Issue(str(pf.path), sub_line, path + ".objective",
                                        f"unknown objective {sub.objective!r}"))
    return issues


def load_bank(paths: Iterable[Path | str] | None = None, *, objectives_from_default: bool = True) -> Bank:
    """Load bank files (default: the packaged bank). Raises :class:`BankError` listing every problem."""
    files = [Path(p) for p in paths] if paths is not None else bank_files()
    parsed: list[ParsedFile] = []
    issues: list[Issue] = []
    for f in files:
        try:
            parsed.append(parse_file(f))
        except BankError as exc:
            issues.extend(exc.issues)
    objectives: dict[str, Objective] = {}
    for pf in parsed:
        for o in pf.model.objectives:
            objectives[o.id] = o
    if not objectives and objectives_from_default and paths is not None:
        objectives = dict(default_bank().objectives) if _default_ok() else {}
    issues.extend(check_consistency(parsed, objectives))
    if issues:
        raise BankError(issues)
    items, where = [], {}
    for pf in parsed:
        for n, item in enumerate(pf.model.items):
            items.append(item)
            where[item.id] = (str(pf.path), pf.line_of(("items", n)))
    return Bank(items, objectives, where)


def _default_ok() -> bool:
    try:
        default_bank()
        return True
    except BankError:
        return False


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The packaged bank (cached)."""
    return load_bank()
