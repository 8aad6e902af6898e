"""Exam blueprints and forms: which items an exam draws, in which sections, and which are unscored trials.

A form has the real exam's layout (learning-products.md section 1.1; Microsoft's "Exam duration and
question types" page): the exam lasts 100 minutes, 120 when it may contain labs. Sections come one after
the other and a finished section cannot be reopened: a problem-solution set ("Does the solution meet the
goal?"), the general questions, each case study, and the labs. Case studies or labs may come first, as in
the real exam (``section_order``). Unscored trial items are on by default: drawn in addition to the scored
quotas, shuffled among the general items and looking exactly like every other item; only the report names
them.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from .models import TYPES

GENERAL_TYPES = ("single", "multiple", "yesno", "ordering", "dropdown")
TRIAL_TYPES = ("single", "multiple", "ordering", "dropdown")  # never a locking type: it would stand out
DEFAULT_QUOTAS = {"single": 23, "multiple": 8, "yesno": 4, "ordering": 3, "dropdown": 6, "case_study": 1,
                  "performance": 2, "solution_goal": 3}
DEFAULT_MINIMUMS = {"3.3": 4, "8": 2, "3.2": 2}
FULL_MINUTES = 100  # role-based exams without labs
LAB_MINUTES = 120  # role-based exams that may contain labs
FULL_TRIAL_ITEMS = 3
SECTION_ORDERS: dict[str, tuple[str, ...]] = {
    "general-first": ("solution_goal", "general", "case_study", "performance"),
    "case-studies-first": ("case_study", "solution_goal", "general", "performance"),
    "labs-first": ("performance", "solution_goal", "general", "case_study"),
}
SectionOrder = Literal["general-first", "case-studies-first", "labs-first"]


class Blueprint(BaseModel):
    minutes: float = Field(default=LAB_MINUTES, gt=0)
    type_quotas: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_QUOTAS))
    section_minimums: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_MINIMUMS))
    pass_fraction: float = Field(default=0.70, gt=0, lt=1)
    trial_items: int = Field(default=FULL_TRIAL_ITEMS, ge=0, le=10)  # unscored, drawn on top of the quotas
    break_minutes: float = Field(default=5, gt=0)
    """Minutes Microsoft built into the exam time for breaks; a break may last longer (the clock runs on)."""
    breaks_allowed: int | None = Field(default=None, ge=0)
    """None: any number of breaks, as in the real exam."""
    section_order: SectionOrder = "general-first"

    @model_validator(mode="after")
    def _known_types(self) -> Blueprint:
        bad = [t for t in self.type_quotas if t not in TYPES]
        if bad:
            raise ValueError(f"unknown item types in quotas: {bad}")
        neg = [t for t, n in self.type_quotas.items() if n < 0]
        if neg:
            raise ValueError(f"negative quotas: {neg}")
        return self

    @property
    def total(self) -> int:
        """Scored items on a form (trial items come on top)."""
        return sum(self.type_quotas.values())

    @classmethod
    def full(cls, labs: bool = True, **kw: Any) -> Blueprint:
        """The full exam: 50 scored items, 120 minutes with labs, 100 without (Microsoft's durations)."""
        quotas = dict(DEFAULT_QUOTAS)
        if not labs:
            quotas["single"] += quotas.pop("performance")
        kw.setdefault("minutes", LAB_MINUTES if labs else FULL_MINUTES)
        return cls(type_quotas=quotas, **kw)

    @classmethod
    def for_items(cls, n: int, minutes: float | None = None, trial_items: int | None = None,
                  include_performance: bool = True, **kw: Any) -> Blueprint:
        """A blueprint of ``n`` scored items with the full exam's type mix (largest remainders).

        ``minutes`` defaults to the full exam's pace (100 minutes for 50 items, 120 with labs), at least 1;
        ``trial_items`` defaults to one unscored item per 15 scored ones (at least one).
        """
        if n < 1:
            raise ValueError("an exam needs at least 1 item")
        base = dict(DEFAULT_QUOTAS)
        if not include_performance:
            base["single"] += base.pop("performance")
        full = sum(base.values())
        raw = {t: Fraction(q * n, full) for t, q in base.items()}  # exact: ties break by type order
        quotas = {t: int(v) for t, v in raw.items()}
        for t in sorted(raw, key=lambda t: (-(raw[t] - quotas[t]), TYPES.index(t)))[:n - sum(quotas.values())]:
            quotas[t] += 1
        mins = {s: int(m * n / full) for s, m in DEFAULT_MINIMUMS.items()}
        whole = LAB_MINUTES if include_performance else FULL_MINUTES
        pace = minutes if minutes is not None else max(1.0, round(whole * n / sum(DEFAULT_QUOTAS.values())))
        trial = max(1, n // 15) if trial_items is None else trial_items
        return cls(minutes=pace, type_quotas={t: q for t, q in quotas.items() if q},
                   section_minimums={s: m for s, m in mins.items() if m}, trial_items=trial, **kw)


class FormSection(BaseModel):
    kind: str  # general | case_study | performance
    title: str
    indices: list[int]


class ExamForm(BaseModel):
    blueprint: Blueprint
    seed: int
    item_ids: list[str]
    trial_ids: list[str] = []  # unscored; never shown to the taker before the report
    shortfalls: list[str] = []  # quotas the bank could not fill


SECTION_TITLES = {"general": "Questions", "performance": "Labs", "solution_goal": "Problem-solution set"}


def section_kind(item_type: str) -> str:
    return item_type if item_type in ("case_study", "performance", "solution_goal") else "general"


def _section_key(item: Any) -> tuple[str, str]:
    kind = section_kind(item.type)
    if kind == "case_study":
        return kind, item.id
    return kind, getattr(item, "series", "") if kind == "solution_goal" else ""


def form_sections(items: list[Any]) -> list[FormSection]:
    """Sections in form order: runs of general items, one per problem-solution set, one per case study, labs."""
    sections: list[FormSection] = []
    last: tuple[str, str] | None = None
    for k, item in enumerate(items):
        key = _section_key(item)
        if sections and key == last:
            sections[-1].indices.append(k)
        else:
            kind = key[0]
            title = SECTION_TITLES.get(kind) or case_study_title(item)
            sections.append(FormSection(kind=kind, title=title, indices=[k]))
        last = key
    return sections


def case_study_title(item: Any) -> str:
    """'Case study: <name>' once, whether or not the bank's title already starts with it."""
    name = str(getattr(item, "title", "") or "").strip()
    name = name.split(":", 1)[1].strip() if name.lower().startswith("case study:") else name
    return f"Case study: {name}" if name else "Case study"


def _draw_series(pool: list[Any], want: int, rng: random.Random) -> list[Any]:
    """``want`` problem-solution items, whole series at a time (each series in its own order)."""
    series: dict[str, list[Any]] = {}
    for item in pool:
        series.setdefault(item.series, []).append(item)
    names = sorted(series)
    rng.shuffle(names)
    out: list[Any] = []
    for name in names:
        if len(out) >= want:
            break
        out += series[name][: want - len(out)]
    return out


def build_form(bank: Any, blueprint: Blueprint | None = None, seed: int = 0,
               include_performance: bool = True) -> ExamForm:
    """Draw items by type quota, preferring sections still below their minimum, plus trial items."""
    bp = blueprint or Blueprint()
    rng = random.Random(seed)
    chosen: list[Any] = []
    shortfalls: list[str] = []
    per_section: dict[str, int] = {}
    quotas = dict(bp.type_quotas)
    if not include_performance and quotas.get("performance"):
        quotas["single"] = quotas.get("single", 0) + quotas.pop("performance")
    for t in TYPES:
        want = quotas.get(t, 0)
        pool = bank.filter(types=[t])
        if t == "solution_goal":
            picked = _draw_series(pool, want, rng)
            if len(picked) < want:
                shortfalls.append(f"type {t}: wanted {want}, bank has too few")
            chosen += picked
            for pick in picked:
                per_section[pick.section] = per_section.get(pick.section, 0) + 1
            continue
        rng.shuffle(pool)
        for _ in range(want):
            if not pool:
                shortfalls.append(f"type {t}: wanted {want}, bank has too few")
                break
            pool.sort(key=lambda i: -(bp.section_minimums.get(i.section, 0) - per_section.get(i.section, 0)))
            pick = pool.pop(0)
            chosen.append(pick)
            per_section[pick.section] = per_section.get(pick.section, 0) + 1
    for sec, need in bp.section_minimums.items():
        if per_section.get(sec, 0) < need:
            shortfalls.append(f"section {sec}: wanted {need}, drew {per_section.get(sec, 0)}")
    taken = {i.id for i in chosen}
    spare = [i for i in bank.filter(types=list(TRIAL_TYPES)) if i.id not in taken]
    rng.shuffle(spare)
    trials = spare[:bp.trial_items]
    if len(trials) < bp.trial_items:
        shortfalls.append(f"trial items: wanted {bp.trial_items}, bank has {len(trials)} left")
    blocks: dict[str, list[Any]] = {"general": [i for i in chosen if section_kind(i.type) == "general"] + trials}
    rng.shuffle(blocks["general"])
    for kind in ("solution_goal", "case_study", "performance"):
        blocks[kind] = [i for i in chosen if i.type == kind]
    ordered = [i for kind in SECTION_ORDERS[bp.section_order] for i in blocks[kind]]
    return ExamForm(blueprint=bp, seed=seed, item_ids=[i.id for i in ordered], trial_ids=[i.id for i in trials],
                    shortfalls=shortfalls)
