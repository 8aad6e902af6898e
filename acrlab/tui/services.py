"""Guarded access to the quiz bank, progress store and labs API: a missing piece becomes a message, not a crash."""

from __future__ import annotations

import importlib
from typing import Any


class Unavailable(Exception):
    """A part of acrlab the screen needs is not there (or failed to load); `str()` is for the learner."""


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except Exception as e:  # noqa: BLE001 - any failure to import is reported on screen
        raise Unavailable(f"{module} is not available in this build ({type(e).__name__}: {e})") from None


class Services:
    """One per app: lazily loads the bank, opens the progress store, and finds the labs API."""

    def __init__(self, store_path: str | None = None) -> None:
        self.store_path = store_path
        self._bank: Any = None
        self._index: Any = None
        self._store: Any = None
        self._scenarios: list[Any] | None = None

    # -- quiz -----------------------------------------------------------------------------------
    def quiz(self) -> Any:
        return _import("acrlab.quiz")

    @property
    def bank_loaded(self) -> bool:
        return self._bank is not None

    def bank(self) -> Any:
        if self._bank is None:
            quiz = self.quiz()
            try:
                self._bank = quiz.default_bank()
            except Exception as e:  # noqa: BLE001 - BankError lists the problems
                raise Unavailable(f"the question bank could not be loaded:\n{e}") from None
        return self._bank

    def course_index(self, cached_only: bool = False) -> Any:
        """What readiness needs of the bank (and of the scenarios), from acrlab.content_index's cache: the home
        screen shows its content without parsing the bank (the full bank when it is loaded already). With
        `cached_only`, None when that would mean parsing the bank."""
        if self._bank is not None:
            return self._bank
        if self._index is None:
            content_index = _import("acrlab.content_index")
            try:
                self._index = content_index.course_index(build=not cached_only)
            except Exception as e:  # noqa: BLE001 - the bank's own error (BankError lists the problems)
                raise Unavailable(f"the question bank could not be loaded:\n{e}") from None
        return self._index

    @property
    def index_loaded(self) -> bool:
        return self._bank is not None or self._index is not None

    # -- progress -------------------------------------------------------------------------------
    def progress(self) -> Any:
        return _import("acrlab.progress")

    def store(self) -> Any:
        if self._store is None:
            progress = self.progress()
            try:
                self._store = progress.open_store(self.store_path)
            except Exception as e:  # noqa: BLE001 - StoreError, OSError, sqlite errors
                raise Unavailable(f"the progress store could not be opened: {e}") from None
        return self._store

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            finally:
                self._store = None

    def due_cards(self) -> list[str]:
        return list(self.progress().due_items(self.store()))

    def readiness(self) -> dict[str, float]:
        return dict(self.progress().readiness(self.store(), self.course_index()))

    def objective_title(self, objective_id: str) -> str:
        """The objective's title from the bank's objectives file (its id when the bank does not know it)."""
        try:
            objective = self.course_index().objectives.get(objective_id)
        except Unavailable:
            return objective_id
        return str(getattr(objective, "title", "") or objective_id)

    # -- labs -----------------------------------------------------------------------------------
    def labs(self) -> Any:
        mod = _import("acrlab.labs")
        missing = [n for n in ("list_scenarios", "load_scenario") if not hasattr(mod, n)]
        if missing:
            raise Unavailable(f"the labs API is incomplete (missing {', '.join(missing)})")
        return mod

    def scenarios(self) -> list[Any]:
        """Every scenario, parsed once per app (the files do not change while it runs)."""
        if self._scenarios is not None:
            return list(self._scenarios)
        try:
            self._scenarios = list(self.labs().list_scenarios())
            return list(self._scenarios)
        except Unavailable:
            raise
        except Exception as e:  # noqa: BLE001 - a broken scenario file must not take the app down
            raise Unavailable(f"the scenarios could not be listed: {e}") from None

    def best_lab_scores(self) -> dict[str, float]:
        """Best percentage per scenario id from the progress store."""
        best: dict[str, float] = {}
        for row in self.store().lab_grades():
            pct = 100.0 * row["score"] / row["max_score"] if row["max_score"] else 0.0
            best[row["scenario_id"]] = max(best.get(row["scenario_id"], 0.0), pct)
        return best


def attr(obj: Any, *names: str, default: Any = "") -> Any:
    """The first attribute (or mapping key) of `obj` among `names` that is present."""
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return default
