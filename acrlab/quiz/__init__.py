"""Quiz bank, practice mode, exam simulator and item generators.

Public API (stable for the TUI):

* bank: ``default_bank()``, ``load_bank(paths=None)``, ``Bank.filter(...)``, ``Bank.get(id)``,
  ``Bank.stats()``, ``BankError`` (``.issues`` with file/line/path)
* scoring: ``score_item(item, response)``, ``scaled_score(earned, possible)``,
  ``display_options(dropdown_item, blank)``, ``display_steps(ordering_item)``
* practice: ``select_items(bank, ...)``, ``PracticeSession(items, store=None)``, ``Feedback``, ``explain(item)``
* exam: ``Blueprint`` (``Blueprint.for_items(n)``, ``trial_items``), ``build_form(bank, blueprint, seed)``,
  ``ExamSession(form, bank, clock=...)`` (sections, ``take_break``/``resume``, ``finish_section``, ``poll``),
  ``ExamReport``, ``format_report``, ``ExamLockedError``, ``ExamTimeUp``, ``ExamOnBreak``, ``ExamSectionEnd``
* generators: ``GENERATORS``, ``generate(name, seed)``, ``generate_many(count, seed)``
* verify: ``verify_item(item)``, ``grade_performance(item, commands)``
"""

from .bank import Bank, default_bank, load_bank
from .exam import (
                   Blueprint,
                   ExamError,
                   ExamForm,
                   ExamLockedError,
                   ExamOnBreak,
                   ExamReport,
                   ExamSectionEnd,
                   ExamSession,
                   ExamTimeUp,
                   build_form,
)
from .generators import GENERATORS, generate, generate_many
from .loader import BankError, Issue
from .models import SECTIONS, TYPES
from .practice import Feedback, PracticeSession, explain, select_items
from .report import format_report, record_exam
from .scoring import ItemScore, ResponseError, display_options, display_steps, scaled_score, score_item
from .verify import EngineUnavailable, grade_performance, verify_item

__all__ = [
    "Bank", "default_bank", "load_bank", "BankError", "Issue", "SECTIONS", "TYPES",
    "Blueprint", "ExamError", "ExamForm", "ExamLockedError", "ExamReport", "ExamSession", "ExamTimeUp",
    "build_form", "ExamOnBreak", "ExamSectionEnd", "format_report", "record_exam", "GENERATORS", "generate", "generate_many", "Feedback", "PracticeSession", "explain",
    "select_items", "ItemScore", "ResponseError", "display_options", "display_steps", "scaled_score",
    "score_item", "EngineUnavailable", "grade_performance", "verify_item",
]
