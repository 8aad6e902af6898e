"""Spaced repetition with the ``fsrs`` package: one card per quiz item, and readiness per objective.

* A quiz or exam answer reviews the item's card: fully correct -> ``Rating.Good``, otherwise
  ``Rating.Again`` (an exam miss is due again within minutes).
* A failed lab check schedules the cards of the items of its objectives so they are due now: the
  check's own ``objective(s)``, else the scenario's ``objectives`` (the course vocabulary), else its section.
* Readiness per objective (0..1) blends three kinds of evidence: how likely you are to recall its
  questions now (FSRS retrievability, 0 for questions never answered), your latest lab scores on labs
  practising it, and your latest exam score on it. Questions always count (weight 0.5); labs (0.3) and
  exams (0.2) count once you have done one that covers the objective.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler, State

SCHEDULER = Scheduler(enable_fuzzing=False)


def card_id_for(item_id: str) -> int:
    return int(hashlib.sha256(item_id.encode()).hexdigest()[:12], 16)


def load_card_text(raw: str) -> Card:
    """A card from its stored JSON, checked so the scheduler can compute on it (ValueError if not)."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("a card is a JSON object")
    state = data.get("state")
    if type(state) is not int or state not in {s.value for s in State}:
        raise ValueError(f"state {state!r} is not one of {[s.value for s in State]}")
    step = data.get("step")
    if step is not None and (type(step) is not int or step < 0):
        raise ValueError(f"step {step!r} is not a count")
    for key, ok in (("stability", lambda v: 0 < v <= 1e9), ("difficulty", lambda v: 1 <= v <= 10)):
        value = data.get(key)
        if value is not None and (type(value) not in (int, float) or not ok(value)):
            raise ValueError(f"{key} {value!r} is out of range")
    card = Card.from_dict(data)  # type: ignore[arg-type]
    for when in (card.due, card.last_review):
        if when is not None and when.tzinfo is None:
            raise ValueError("card dates need a time zone")
    if card.last_review is not None and card.stability is None:
        raise ValueError("a reviewed card needs a stability")
    return card


def load_card(store: Any, item_id: str) -> Card | None:
    """The item's card; None when it has none, or when the stored one is damaged (the next review
    writes a fresh card over it), so one bad row never breaks the review queue or readiness."""
    raw = store.get_card_json(item_id)
    if not raw:
        return None
    try:
        return load_card_text(raw)
    except (ValueError, KeyError, TypeError):
        return None


def review_item(store: Any, item_id: str, correct: bool, when: datetime | None = None) -> Card:
    when = (when or store.now()).astimezone(UTC)
    card = load_card(store, item_id) or Card(card_id=card_id_for(item_id), due=when)
    card, _log = SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, when)
    store.put_card_json(item_id, card.to_json(), card.due)
    return card


def schedule_now(store: Any, item_id: str, when: datetime | None = None) -> Card:
    """Make the item's card due at ``when`` (creating it if needed) without grading it."""
    when = (when or store.now()).astimezone(UTC)
    card = load_card(store, item_id) or Card(card_id=card_id_for(item_id), due=when)
    if card.due > when:
        card.due = when
    store.put_card_json(item_id, card.to_json(), card.due)
    return card


def scenario_objectives(scenario_id: str | None) -> list[str]:
    """The objective ids a lab scenario names (none if it cannot be loaded)."""
    if not scenario_id:
        return []
    try:
        from acrlab.labs.loader import load_scenario
        return list(load_scenario(scenario_id).objectives)
    except Exception:  # an unknown or broken scenario links to nothing; grading never fails for it
        return []


def check_objectives(check: dict[str, Any], scenario: str | None = None) -> list[str]:
    """The objectives a lab check practises: its own, else its scenario's."""
    own = check.get("objectives") or ([check["objective"]] if check.get("objective") else [])
    return [str(o) for o in own] or scenario_objectives(scenario or check.get("scenario"))


def schedule_related(store: Any, failed_checks: list[dict[str, Any]], bank: Any = None,
                     scenario: str | None = None) -> list[str]:
    """Make the cards of the items behind failed lab checks due now; returns the item ids."""
    if not failed_checks:
        return []
    if bank is None:
        from acrlab.quiz.bank import default_bank
        bank = default_bank()
    ids: list[str] = []
    for check in failed_checks:
        related = [i for o in check_objectives(check, scenario) for i in bank.items_for(objective=o)]
        if not related and check.get("section"):
            related = bank.items_for(section=str(check["section"]))
        for item in related:
            if item.id not in ids:
                ids.append(item.id)
    when = store.now()
    for item_id in ids:
        schedule_now(store, item_id, when)
    return ids


def due_items(store: Any, when: datetime | None = None, limit: int | None = None) -> list[str]:
    when = (when or store.now()).astimezone(UTC)
    rows = store.conn.execute("SELECT item_id, due FROM review_cards ORDER BY due").fetchall()
    out = [item_id for item_id, due in rows if _due_by(due, when)]
    return out[:limit] if limit else out


def _due_by(due: str, when: datetime) -> bool:
    """A card whose stored due date cannot be read counts as due (reviewing it rewrites it)."""
    try:
        moment = datetime.fromisoformat(due)
    except (TypeError, ValueError):
        return True
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) <= when


def retrievability(store: Any, item_id: str, when: datetime | None = None) -> float:
    card = load_card(store, item_id)
    if card is None or card.last_review is None:
        return 0.0
    return float(SCHEDULER.get_card_retrievability(card, (when or store.now()).astimezone(UTC)))


WEIGHTS = {"questions": 0.5, "labs": 0.3, "exams": 0.2}


def readiness_detail(store: Any, bank: Any = None, when: datetime | None = None) -> dict[str, dict[str, float]]:
    """Per objective: ``questions``, ``labs`` and ``exams`` evidence (0..1, absent if none) and ``overall``."""
    if bank is None:
        from acrlab.quiz.bank import default_bank
        bank = default_bank()
    labs = _lab_evidence(store, getattr(bank, "scenario_objectives", scenario_objectives))
    exams = _exam_evidence(store)
    out: dict[str, dict[str, float]] = {}
    for objective in sorted(bank.objectives):
        items = bank.items_for(objective=objective)
        if not items and objective not in labs and objective not in exams:
            continue
        parts: dict[str, float] = {}
        if items:
            parts["questions"] = sum(retrievability(store, i.id, when) for i in items) / len(items)
        if objective in labs:
            parts["labs"] = labs[objective]
        if objective in exams:
            parts["exams"] = exams[objective]
        weight = sum(WEIGHTS[k] for k in parts)
        overall = sum(WEIGHTS[k] * v for k, v in parts.items()) / weight
        out[objective] = {**{k: round(v, 4) for k, v in parts.items()}, "overall": round(overall, 4)}
    return out


def readiness(store: Any, bank: Any = None, when: datetime | None = None) -> dict[str, float]:
    """Readiness figure (0..1) per objective: questions, labs and exams together (see the module doc)."""
    return {o: d["overall"] for o, d in readiness_detail(store, bank, when).items()}


def _lab_evidence(store: Any, objectives_of=scenario_objectives) -> dict[str, float]:
    """Objective -> mean of the latest score of each lab practising it (`objectives_of`: a scenario's objectives;
    acrlab.content_index's cached answer for the app's home screen)."""
    latest: dict[str, float] = {}
    for row in store.lab_grades():  # oldest first: later grades replace earlier ones
        if row["max_score"]:
            latest[row["scenario_id"]] = float(row["score"]) / float(row["max_score"])
    per: dict[str, list[float]] = {}
    for scenario, fraction in latest.items():
        for objective in objectives_of(scenario):
            per.setdefault(objective, []).append(fraction)
    return {o: sum(v) / len(v) for o, v in per.items()}


def _exam_evidence(store: Any) -> dict[str, float]:
    """Objective -> the fraction of its points earned in the latest exam that scored it."""
    out: dict[str, float] = {}
    for row in store.exam_reports():  # oldest first
        try:
            by_objective = json.loads(row["report"]).get("by_objective", {})
        except (TypeError, ValueError, AttributeError):
            continue
        for objective, tally in by_objective.items():
            if isinstance(tally, dict) and tally.get("possible"):
                out[objective] = float(tally.get("earned", 0)) / float(tally["possible"])
    return out
