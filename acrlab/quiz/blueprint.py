"""Exam blueprints and forms: which items an exam draws, in which sections, and which are unscored trials.

A form has the real exam's layout (learning-products.md section 1.1): general items first, then
each case study as its own section, then the labs (performance items) as the last section. Unscored
trial items are drawn in addition to the scored quotas, shuffled among the general items and look
exactly like every other item; only the report names them.
"""

from __future__ import annotations

import random
from typing import Any

from pydantic import BaseModel, Field, model_validator

from .models import TYPES

GENERAL_TYPES = ("single", "multiple", "yesno", "ordering", "dropdown")
TRIAL_TYPES = ("single", "multiple", "ordering", "dropdown")  # never a locking type: it would stand out
DEFAULT_QUOTAS = {"single": 26, "multiple": 8, "yesno": 4, "ordering": 3, "dropdown": 6, "case_study": 1,
                  "performance": 2}
DEFAULT_MINIMUMS = {"3.3": 4, "8": 2, "3.2": 2}
FULL_MINUTES = 100


class Blueprint(BaseModel):
    minutes: float = Field(default=FULL_MINUTES, gt=0)
    type_quotas: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_QUOTAS))
    section_minimums: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_MINIMUMS))
    pass_fraction: float = Field(default=0.70, gt=0, lt=1)
    trial_items: int = Field(default=0, ge=0, le=10)  # unscored trial items drawn on top of the quotas
    break_minutes: float = Field(default=5, gt=0)  # counted inside exam time
    breaks_allowed: int = Field(default=1, ge=0)

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
    def for_items(cls, n: int, minutes: float | None = None, trial_items: int = 0,
                  include_performance: bool = True) -> Blueprint:
        """A blueprint of ``n`` scored items with the full exam's type mix (largest remainders).

        ``minutes`` defaults to the full exam's pace (100 minutes for 50 items), at least 1.
        """
        if n < 1:
            raise ValueError("an exam needs at least 1 item")
        base = dict(DEFAULT_QUOTAS)
        if not include_performance:
            base["single"] += base.pop("performance")
        full = sum(base.values())
        raw = {t: q * n / full for t, q in base.items()}
        quotas = {t: int(v) for t, v in raw.items()}
        for t in sorted(raw, key=lambda t: (-(raw[t] - quotas[t]), TYPES.index(t)))[:n - sum(quotas.values())]:
            quotas[t] += 1
        mins = {s: int(m * n / full) for s, m in DEFAULT_MINIMUMS.items()}
        pace = minutes if minutes is not None else max(1.0, round(FULL_MINUTES * n / sum(DEFAULT_QUOTAS.values())))
        return cls(minutes=pace, type_quotas={t: q for t, q in quotas.items() if q},
                   section_minimums={s: m for s, m in mins.items() if m}, trial_items=trial_items)


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


def section_kind(item_type: str) -> str:
    return item_type if item_type in ("case_study", "performance") else "general"


def form_sections(items: list[Any]) -> list[FormSection]:
    """Sections in form order: runs of general items, one section per case study, runs of labs."""
    sections: list[FormSection] = []
    for k, item in enumerate(items):
        kind = section_kind(item.type)
        if sections and sections[-1].kind == kind and kind != "case_study":
            sections[-1].indices.append(k)
        else:
            title = {"general": "Questions", "performance": "Labs"}.get(kind, getattr(item, "title", "Case study"))
            sections.append(FormSection(kind=kind, title=f"Case study: {title}" if kind == "case_study" else title,
                                        indices=[k]))
    return sections


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
    general = [i for i in chosen if section_kind(i.type) == "general"] + trials
    rng.shuffle(general)
    ordered = general + [i for i in chosen if i.type == "case_study"] + [i for i in chosen if i.type == "performance"]
    return ExamForm(blueprint=bp, seed=seed, item_ids=[i.id for i in ordered], trial_ids=[i.id for i in trials],
                    shortfalls=shortfalls)
