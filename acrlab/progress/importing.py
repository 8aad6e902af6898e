"""Validation of a progress export before `progress import` writes anything.

Every row is checked with pydantic against what this acrlab itself writes and reads back: ids are
non-empty text, times are ISO 8601 with a time zone, scores are finite with ``0 <= earned <= possible``,
a review card is one the spaced-repetition scheduler can load and compute on, an exam report is one
the quiz can reopen. The first problems found are reported together; nothing is imported then.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationError, model_validator

from .opening import StoreError
from .schema import EXPORT_FORMAT, SCHEMA_VERSION, TABLES

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""A progress export bigger than this is refused before it is read (years of use is a few MB)."""
MAX_ERRORS_SHOWN = 8


def _aware(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{value[:40]!r} has no time zone (write it as e.g. 2026-01-05T09:00:00+00:00)")
    return value


def _json_text(value: str) -> str:
    try:
        json.loads(value)
    except ValueError:
        raise ValueError("is not JSON text") from None
    return value


Text = Annotated[str, Field(min_length=1, max_length=400)]
When = Annotated[str, AfterValidator(_aware)]
JsonText = Annotated[str, AfterValidator(_json_text)]
Flag = Annotated[StrictInt, Field(ge=0, le=1)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Attempt(Row):
    id: Text
    mode: Text
    started_at: When
    finished_at: When | None = Field(...)


class Answer(Row):
    id: Text
    attempt_id: Text | None = Field(...)
    item_id: Text
    section: str | None = Field(...)
    objective: str | None = Field(...)
    response: JsonText
    earned: StrictInt = Field(ge=0)
    possible: StrictInt = Field(ge=0)
    correct: Flag
    answered_at: When

    @model_validator(mode="after")
    def _consistent(self) -> Answer:
        if self.earned > self.possible:
            raise ValueError(f"earned ({self.earned}) is more than possible ({self.possible})")
        if self.correct != int(self.earned == self.possible):
            raise ValueError("correct must be 1 exactly when earned equals possible")
        return self


class ExamReportRow(Row):
    id: Text
    created_at: When
    scaled: StrictInt | None = Field(..., ge=0, le=1000)
    passed: Flag | None = Field(...)
    report: str

    @model_validator(mode="after")
    def _report_loads(self) -> ExamReportRow:
        from acrlab.quiz.exam import ExamReport

        try:
            ExamReport.model_validate_json(self.report)
        except ValidationError as exc:
            raise ValueError(f"report is not an exam report this acrlab can open ({_first(exc)})") from None
        return self


class LabGrade(Row):
    id: Text
    scenario_id: Text
    score: float
    max_score: float
    checks: JsonText
    created_at: When

    @model_validator(mode="after")
    def _score(self) -> LabGrade:
        if not (math.isfinite(self.score) and math.isfinite(self.max_score)):
            raise ValueError("score and max_score must be finite numbers")
        if self.max_score < 0 or self.score < 0 or self.score > self.max_score:
            raise ValueError(f"score {self.score} is not between 0 and max_score {self.max_score}")
        checks = json.loads(self.checks)
        if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
            raise ValueError("checks must be a JSON list of objects")
        return self


class ReviewCard(Row):
    item_id: Text
    card: str
    due: When
    updated_at: When

    @model_validator(mode="after")
    def _card_loads(self) -> ReviewCard:
        from .review import SCHEDULER, load_card_text

        try:
            card = load_card_text(self.card)
            SCHEDULER.get_card_retrievability(card, datetime.fromisoformat(self.due))
        except Exception as exc:  # noqa: BLE001 - fsrs raises KeyError/TypeError/ValueError on bad cards
            raise ValueError(f"card is not a review card the scheduler can use ({type(exc).__name__}: "
                             f"{str(exc)[:80]})") from None
        if card.due.tzinfo is None:
            raise ValueError("card due date has no time zone")
        return self


ROW_MODELS: dict[str, type[Row]] = {"attempts": Attempt, "answers": Answer, "exam_reports": ExamReportRow,
                                    "lab_grades": LabGrade, "review_cards": ReviewCard}


class ExportFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["acrlab-progress"]
    schema_version: StrictInt = Field(ge=1, le=SCHEMA_VERSION)
    exported_at: When | None = None
    attempts: list[Attempt] = []
    answers: list[Answer] = []
    exam_reports: list[ExamReportRow] = []
    lab_grades: list[LabGrade] = []
    review_cards: list[ReviewCard] = []


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _first(exc: ValidationError) -> str:
    e = exc.errors()[0]
    return f"{_where(tuple(e['loc']))}: {e['msg']}"


def validate_export(data: Any) -> dict[str, list[dict[str, Any]]]:
    """The rows of a valid export, per table; StoreError listing the problems otherwise."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StoreError(f"not an acrlab progress export (expected \"format\": \"{EXPORT_FORMAT}\"); "
                         "nothing was imported")
    version = data.get("schema_version")
    if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:
        raise StoreError(f"unsupported schema_version {version!r} (this acrlab reads 1 to {SCHEMA_VERSION}); "
                         "nothing was imported")
    try:
        parsed = ExportFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        lines = [f"  {_where(tuple(e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
                 for e in errors[:MAX_ERRORS_SHOWN]]
        more = f"\n  ... and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise StoreError("the file is not a valid acrlab progress export; nothing was imported:\n"
                         + "\n".join(lines) + more) from None
    return {table: [row.model_dump() for row in getattr(parsed, table)] for table in TABLES}
