"""Spaced repetition with the ``fsrs`` package: one card per quiz item.

* A quiz answer reviews the item's card: fully correct -> ``Rating.Good``, otherwise ``Rating.Again``.
* A failed lab check schedules the cards of related items (same objective, else same section)
  so they are due now.
* Readiness per objective = mean FSRS retrievability of the objective's items (0 for items
  never reviewed), a number between 0 and 1.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

SCHEDULER = Scheduler(enable_fuzzing=False)


def card_id_for(item_id: str) -> int:
    return int(hashlib.sha256(item_id.encode()).hexdigest()[:12], 16)


def load_card(store: Any, item_id: str) -> Card | None:
    raw = store.get_card_json(item_id)
    return Card.from_json(raw) if raw else None


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


def schedule_related(store: Any, failed_checks: list[dict[str, Any]], bank: Any = None) -> list[str]:
    if not failed_checks:
        return []
    if bank is None:
        from acrlab.quiz.bank import default_bank
        bank = default_bank()
    ids: list[str] = []
    for check in failed_checks:
        related = bank.items_for(objective=check.get("objective")) if check.get("objective") else []
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
    out = [item_id for item_id, due in rows if datetime.fromisoformat(due) <= when]
    return out[:limit] if limit else out


def retrievability(store: Any, item_id: str, when: datetime | None = None) -> float:
    card = load_card(store, item_id)
    if card is None or card.last_review is None:
        return 0.0
    return float(SCHEDULER.get_card_retrievability(card, (when or store.now()).astimezone(UTC)))


def readiness(store: Any, bank: Any = None, when: datetime | None = None) -> dict[str, float]:
    """Readiness figure (0..1) per objective of the bank."""
    if bank is None:
        from acrlab.quiz.bank import default_bank
        bank = default_bank()
    out: dict[str, float] = {}
    for objective in sorted(bank.objectives):
        items = bank.items_for(objective=objective)
        if not items:
            continue
        out[objective] = round(sum(retrievability(store, i.id, when) for i in items) / len(items), 4)
    return out
