"""Every scenario's answer book (tests/labs/answers/<scenario>.yaml): each wrong-but-plausible answer loses the
checks it names, with feedback giving the real reason; each valid alternative (another front end, order or
design) scores 100%. Set-up is shared: each answer is graded on a fork of the scenario's prepared lab."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from acrlab.labs import grade, load_scenario
from acrlab.labs.loader import scenario_files

HERE = Path(__file__).parent / "answers"
KINDS = ("bash", "pwsh", "bicep", "arm")
MIN_EACH = 3
OWNED_ELSEWHERE: set[str] = set()
"""Scenarios being rewritten in another stream (their answer books come with the rewrite)."""


def _book(sid: str) -> dict:
    return yaml.safe_load((HERE / f"{sid}.yaml").read_text()) or {}


def _entries(which: str) -> list:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        for entry in _book(path.stem).get(which) or []:
            out.append(pytest.param(path.stem, entry, id=f"{path.stem}.{entry['name']}"))
    return out


def _submission(entry: dict) -> tuple[str, str]:
    kinds = [k for k in KINDS if k in entry]
    assert len(kinds) == 1, f"{entry['name']}: give exactly one of {KINDS}"
    return kinds[0], entry[kinds[0]]


@pytest.mark.parametrize("sid,entry", _entries("wrong"))
def test_wrong_answer_loses_marks_with_the_reason(sid, entry):
    kind, text = _submission(entry)
    report = grade(sid, text, seed=0, kind=kind)
    failed = {c.id: c.feedback for c in report.checks if not c.passed}
    assert report.score < report.max_score, f"{sid}/{entry['name']} scored full marks"
    missing = set(entry["must_fail"]) - set(failed)
    assert not missing, f"{sid}/{entry['name']}: {missing} passed; failed: {failed}"
    feedback = "\n".join(failed[c] for c in entry["must_fail"])
    assert entry["feedback"] in feedback, f"{sid}/{entry['name']}: feedback lacks {entry['feedback']!r}:\n{feedback}"


@pytest.mark.parametrize("sid,entry", _entries("valid"))
def test_valid_alternative_scores_full_marks(sid, entry):
    kind, text = _submission(entry)
    report = grade(sid, text, seed=0, kind=kind)
    failed = {c.id: c.feedback for c in report.checks if not c.passed}
    assert report.error is None, report.error
    assert report.percent == 100, f"{sid}/{entry['name']}: failed {failed}; warnings {report.warnings}; " \
                                  f"failures {report.failures}"


def test_answer_books_name_real_scenarios_and_checks():
    ids = set(scenario_files())
    for path in HERE.glob("*.yaml"):
        assert path.stem in ids, f"{path.name}: no such scenario"
        checks = {c.id for _, c in load_scenario(path.stem).checks()}
        for entry in _book(path.stem).get("wrong") or []:
            assert set(entry["must_fail"]) <= checks, f"{path.name}/{entry['name']}: unknown check ids"


def test_every_scenario_has_an_answer_book():
    """At least MIN_EACH wrong and MIN_EACH valid answers per scenario."""
    short = {}
    for sid in scenario_files():
        if sid in OWNED_ELSEWHERE:
            continue
        path = HERE / f"{sid}.yaml"
        book = _book(sid) if path.exists() else {}
        counts = (len(book.get("wrong") or []), len(book.get("valid") or []))
        if min(counts) < MIN_EACH:
            short[sid] = counts
    assert not short, f"answer books below {MIN_EACH} wrong / {MIN_EACH} valid: {short}"
