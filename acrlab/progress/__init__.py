"""Progress store (SQLite) and spaced-repetition review (fsrs)."""

from __future__ import annotations

from typing import Any

from .review import due_items, readiness, readiness_detail, review_item, schedule_now, schedule_related
from .store import SCHEMA_VERSION, CorruptStoreWarning, ProgressStore, StoreError, default_path, open_store

__all__ = ["ProgressStore", "StoreError", "CorruptStoreWarning", "SCHEMA_VERSION", "default_path",
           "open_store", "record_lab_grade", "due_items", "readiness", "readiness_detail", "review_item", "schedule_now",
           "schedule_related"]


def record_lab_grade(scenario_id: str, score: float, max_score: float, checks: list[dict[str, Any]],
                     *, store: ProgressStore | None = None) -> list[str]:
    """Record a lab grade in the default store (or ``store``); returns item ids scheduled for review."""
    own = store is None
    st = store or open_store()
    try:
        return st.record_lab_grade(scenario_id, score, max_score, checks)
    finally:
        if own:
            st.close()
