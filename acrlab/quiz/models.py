"""Pydantic v2 models for the question bank.

Every item is a discriminated union on ``type``: single, multiple, yesno, ordering,
dropdown, case_study, performance. Scoring gives one point per correct *part*
(see :mod:`acrlab.quiz.scoring`); the number of parts is :meth:`parts`.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTIONS: tuple[str, ...] = (
    "3.1", "3.2", "3.3", "3.4", "5", "6.1", "6.2", "6.3", "6.4",
    "7", "8", "9", "10", "11", "12", "13",
)
AUTH_SECTIONS = ("3.3", "8")
TYPES: tuple[str, ...] = ("single", "multiple", "yesno", "ordering", "dropdown", "case_study", "performance",
                          "solution_goal")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
LETTERS = string.ascii_uppercase[:8]
DOCS_PREFIX = "https://learn.microsoft.com/"
QUOTE_MIN, QUOTE_MAX = 15, 400

Section = Literal["3.1", "3.2", "3.3", "3.4", "5", "6.1", "6.2", "6.3", "6.4",
                  "7", "8", "9", "10", "11", "12", "13"]
Difficulty = Literal["easy", "medium", "hard"]
Letter = Annotated[str, Field(pattern=r"^[A-H]$")]
NonEmpty = Annotated[str, Field(min_length=1)]
Why = Annotated[str, Field(min_length=8)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Refs(Strict):
    seed: Section
    docs: list[NonEmpty] = Field(min_length=1)

    @field_validator("docs")
    @classmethod
    def _learn_urls(cls, v: list[str]) -> list[str]:
        for url in v:
            if not url.startswith(DOCS_PREFIX):
                raise ValueError(f"reference must be a {DOCS_PREFIX} URL, got {url!r}")
        return v


class Source(Strict):
    """A documented fact: the Microsoft Learn page and the sentence of it the item rests on, word for word."""

    url: NonEmpty
    quote: NonEmpty

    @field_validator("url")
    @classmethod
    def _learn_url(cls, v: str) -> str:
        if not v.startswith(DOCS_PREFIX) or any(c.isspace() for c in v):
            raise ValueError(f"a source must be a {DOCS_PREFIX} URL, got {v!r}")
        return v

    @field_validator("quote")
    @classmethod
    def _one_sentence(cls, v: str) -> str:
        v = v.strip()
        if not QUOTE_MIN <= len(v) <= QUOTE_MAX:
            raise ValueError(f"a quote is one sentence of {QUOTE_MIN}-{QUOTE_MAX} characters (got {len(v)})")
        if "..." in v or "\u2026" in v or "\n" in v:
            raise ValueError("a quote is one sentence as the page has it: no ellipsis, no line breaks")
        return v


SourceRef = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]{2,60}$")] | Source


class Expectation(Strict):
    """One step of a verify block / performance check, run in an ``acrlab.Lab``."""

    run: str | None = None
    shell: Literal["bash", "pwsh"] | None = None
    advance: str | None = Field(default=None, pattern=r"^\d+[smhd]$")
    expect_exit: int | None = None
    expect_error: bool | None = None  # true: exit code must be non-zero
    expect_query: dict[str, Any] | None = None
    expect_stdout_contains: str | None = None
    expect_stderr_contains: str | None = None

    @model_validator(mode="after")
    def _one_action(self) -> Expectation:
        if (self.run is None) == (self.advance is None):
            raise ValueError("a step needs exactly one of 'run' or 'advance'")
        if self.advance is not None and self.has_expectations():
            raise ValueError("an 'advance' step cannot carry expectations")
        return self

    def has_expectations(self) -> bool:
        return any(x is not None for x in (self.expect_exit, self.expect_error, self.expect_query,
                                            self.expect_stdout_contains, self.expect_stderr_contains))


class Option(Strict):
    text: NonEmpty
    why: Why  # why this option is right, or why it is wrong


class ItemBase(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.:_-]{2,80}$")]
    objective: NonEmpty
    section: Section
    difficulty: Difficulty
    explanation: Annotated[str, Field(min_length=20)]
    refs: Refs
    docs_note: str | None = None
    source: list[SourceRef] = Field(default_factory=list)
    """The documented facts the answer rests on: ids from sources.yaml or inline {url, quote}."""
    verify: list[Expectation] | None = None
    generator: str | None = None  # set on generated items

    def parts(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def stem_text(self) -> str:
        return self.stem


def _check_letters(letters: list[str], n: int, field: str) -> None:
    for letter in letters:
        if LETTERS.index(letter) >= n:
            raise ValueError(f"{field} {letter!r} is not one of the {n} options")


class SingleItem(ItemBase):
    type: Literal["single"]
    stem: NonEmpty
    options: list[Option] = Field(min_length=2, max_length=8)
    answer: Letter

    @model_validator(mode="after")
    def _answer_in_range(self) -> SingleItem:
        _check_letters([self.answer], len(self.options), "answer")
        return self

    def parts(self) -> int:
        return 1


class MultipleItem(ItemBase):
    type: Literal["multiple"]
    stem: NonEmpty
    options: list[Option] = Field(min_length=3, max_length=8)
    answer: list[Letter] = Field(min_length=2)

    @model_validator(mode="after")
    def _answers_valid(self) -> MultipleItem:
        if len(set(self.answer)) != len(self.answer):
            raise ValueError("answer letters must be unique")
        if len(self.answer) >= len(self.options):
            raise ValueError("at least one option must be wrong")
        _check_letters(self.answer, len(self.options), "answer")
        return self

    def parts(self) -> int:
        return len(self.answer)


class Statement(Strict):
    text: NonEmpty
    answer: bool
    why: Why


class YesNoItem(ItemBase):
    """A Yes/No series: several statements about one shared scenario (one point each)."""

    type: Literal["yesno"]
    scenario: Annotated[str, Field(min_length=20)]
    stem: str = "For each of the following statements, select Yes if the statement is true. Otherwise, select No."
    statements: list[Statement] = Field(min_length=3)

    @property
    def stem_text(self) -> str:
        return self.scenario

    def parts(self) -> int:
        return len(self.statements)


class Step(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")]
    text: NonEmpty
    why: str | None = None  # required for distractors


class OrderingItem(ItemBase):
    """Build-a-list: pick the needed steps and put them in order (one point per position)."""

    type: Literal["ordering"]
    stem: NonEmpty
    steps: list[Step] = Field(min_length=3)  # the correct order
    distractors: list[Step] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique(self) -> OrderingItem:
        ids = [s.id for s in self.steps + self.distractors]
        if len(set(ids)) != len(ids):
            raise ValueError("step ids must be unique")
        for d in self.distractors:
            if not d.why or len(d.why) < 8:
                raise ValueError(f"distractor {d.id!r} needs a 'why' explaining why it is wrong")
        return self

    def parts(self) -> int:
        return len(self.steps)


class Blank(Strict):
    options: list[NonEmpty] = Field(min_length=2)
    answer: NonEmpty
    why: dict[str, Why]  # why each wrong option is wrong (keys: the wrong options)

    @model_validator(mode="after")
    def _answer_listed(self) -> Blank:
        if self.answer not in self.options:
            raise ValueError(f"answer {self.answer!r} is not one of the options")
        if len(set(self.options)) != len(self.options):
            raise ValueError("options must be unique")
        missing = [o for o in self.options if o != self.answer and o not in self.why]
        if missing:
            raise ValueError(f"explain why these wrong options are wrong: {missing}")
        extra = [k for k in self.why if k not in self.options]
        if extra:
            raise ValueError(f"'why' names options that do not exist: {extra}")
        return self


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class DropdownItem(ItemBase):
    """Complete-the-command: each ``{name}`` in the template is a drop-down."""

    type: Literal["dropdown"]
    stem: NonEmpty
    template: NonEmpty
    blanks: dict[str, Blank] = Field(min_length=1)

    @model_validator(mode="after")
    def _placeholders_match(self) -> DropdownItem:
        names = _PLACEHOLDER.findall(self.template)
        if sorted(set(names)) != sorted(self.blanks) or len(names) != len(set(names)):
            raise ValueError(f"template placeholders {names} must match blanks {sorted(self.blanks)} one-to-one")
        return self

    def blank_order(self) -> list[str]:
        return _PLACEHOLDER.findall(self.template)

    def parts(self) -> int:
        return len(self.blanks)


SubItem = Annotated[SingleItem | MultipleItem | DropdownItem, Field(discriminator="type")]


class CaseStudyItem(ItemBase):
    type: Literal["case_study"]
    title: NonEmpty
    scenario: dict[str, Annotated[str, Field(min_length=20)]] = Field(min_length=1)
    questions: list[SubItem] = Field(min_length=4)

    @property
    def stem_text(self) -> str:
        return self.title

    def parts(self) -> int:
        return sum(q.parts() for q in self.questions)


SOLUTION_GOAL_STEM = "Does the solution meet the goal?"


class SolutionGoalItem(ItemBase):
    """One item of a problem-solution series: a shared goal, one proposed solution, Yes or No (one point).

    As in the real exam, the items of a ``series`` share the scenario and each proposes another
    solution; once answered and left, an item cannot be revisited.
    """

    type: Literal["solution_goal"]
    series: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,60}$")]
    scenario: Annotated[str, Field(min_length=20)]
    solution: Annotated[str, Field(min_length=10)]
    answer: bool
    why: Why
    stem: str = SOLUTION_GOAL_STEM

    @property
    def stem_text(self) -> str:
        return f"{self.scenario}\nSolution: {self.solution}"

    def parts(self) -> int:
        return 1


class PerformanceItem(ItemBase):
    """A short lab graded by the engine: setup, learner commands, then checks (one point each)."""

    type: Literal["performance"]
    stem: NonEmpty
    setup: list[str] = Field(default_factory=list)
    solution: list[str] = Field(min_length=1)
    checks: list[Expectation] = Field(min_length=1)
    hints: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _checks_check(self) -> PerformanceItem:
        for c in self.checks:
            if c.run is None or not c.has_expectations():
                raise ValueError("every check needs 'run' and at least one expectation")
        return self

    def parts(self) -> int:
        return len(self.checks)


Item = Annotated[
    SingleItem | MultipleItem | YesNoItem | OrderingItem | DropdownItem | CaseStudyItem | PerformanceItem
    | SolutionGoalItem,
    Field(discriminator="type"),
]


class Objective(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_.]+$")]
    title: NonEmpty
    sections: list[Section] = Field(min_length=1)


class BankFile(Strict):
    """One YAML file: ``items:`` and/or ``sources:`` (fact id -> {url, quote}).

    Objectives are not declared here: they come from the course's one vocabulary (``acrlab.objectives``).
    """

    sources: dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]{2,60}$")], Source] = Field(default_factory=dict)
    items: list[Item] = Field(default_factory=list)


def all_options_text(item: Any) -> list[str]:
    return [o.text for o in getattr(item, "options", [])]
