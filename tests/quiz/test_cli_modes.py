"""`acrlab quiz practice|review|exam` at the front door: stdin in, text out, never a traceback."""

import io
import random

import pytest

from acrlab.quiz import default_bank
from acrlab.quiz.cli import main
from acrlab.quiz.scoring import display_options

BANK = default_bank()


def run(argv, text="", clock=None):
    out = io.StringIO()
    rc = main(argv, stdin=io.StringIO(text), stdout=out, clock=clock)
    body = out.getvalue()
    assert "Traceback" not in body and "unexpected problem" not in body, body
    return rc, body


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    return tmp_path


# -- practice -----------------------------------------------------------------------------------------
def test_practice_performance_item_graded_by_the_engine():
    item = BANK.get("perf-create-standard")
    # the taker works in a live lab (output shown), then the commands are replayed in a fresh lab and checked
    text = "\n".join(["az group create -n rg-lab -l eastus", ":hint",
                      "az acr create -n labacr01 -g rg-lab --sku Basic -l eastus", ""]) + "\n"
    rc, out = run(["practice", "--objective", item.objective, "--type", "performance", "--limit", "1",
                   "--no-store"], text)
    assert rc == 0 and '"provisioningState": "Succeeded"' in out and "hint: az acr create" in out
    assert "Not quite: 1/2" in out  # Basic, not Standard: the SKU check fails, the admin/location check passes
    assert "sku.name == 'Standard' [FAILED]" in out and "[passed]" in out
    good = "\n".join(item.setup + item.solution) + "\n\n"
    rc, out = run(["practice", "--objective", item.objective, "--type", "performance", "--limit", "1",
                   "--no-store"], good)
    assert rc == 0 and "Correct: 2/2" in out


def test_practice_lab_commands_that_fail_are_shown_not_raised():
    rc, out = run(["practice", "--type", "performance", "--limit", "1", "--no-store"],
                  "az acr nonsense --what\n)(unbalanced '\npwsh -c Get-AzContainerRegistry -Name nope\n:done\n")
    assert rc == 0 and "(exit code" in out and "Done:" in out


def test_practice_filters_section_objective_type_limit_seed():
    rc, out = run(["practice", "--section", "3.3", "--type", "single", "--limit", "2", "--seed", "5",
                   "--no-store"], "A\nA\n")
    assert rc == 0 and out.count("] one answer · Authentication · ") == 2  # titles, never "section 3.3"
    rc2, out2 = run(["practice", "--section", "3.3", "--type", "single", "--limit", "2", "--seed", "5",
                     "--no-store"], "A\nA\n")
    assert out2 == out  # the seed makes the draw reproducible
    rc, out = run(["practice", "--objective", "acr.nope", "--no-store"])
    assert rc == 2 and "unknown objective" in out
    rc, out = run(["practice", "--limit", "0"])
    assert rc == 2
    rc, out = run(["practice", "--type", "bogus"])
    assert rc == 2


def test_practice_missed_and_unseen_use_the_store():
    item = BANK.get("struct-login-server")  # answer A
    flt = dict(sections=[item.section], objectives=[item.objective], types=["single"])
    pool = BANK.filter(**flt)
    args = ["--objective", item.objective, "--type", "single", "--section", item.section, "--limit", "50"]
    rc, _ = run(["practice", *args], "B\n" * len(pool))
    assert rc == 0
    missed = [i for i in pool if i.answer != "B"]
    assert item in missed and len(missed) < len(pool)
    rc, out = run(["practice", "--missed", *args], "".join(i.answer + "\n" for i in missed))
    assert rc == 0 and f"Done: {len(missed)}/{len(missed)}" in out
    assert all(i.id in out for i in missed) and not any(i.id in out for i in pool if i not in missed)
    rc, out = run(["practice", "--missed", *args], "")
    assert rc == 0 and "No items match" in out  # all were answered right the second time
    rc, out = run(["practice", "--unseen", "--section", item.section, "--type", "single", "--limit", "50"], "")
    assert item.id not in out


# -- review -------------------------------------------------------------------------------------------
def test_review_nothing_due_then_due_after_a_failed_lab_check():
    rc, out = run(["review"])
    assert rc == 0 and "Nothing is due" in out and "acrlab quiz practice" in out
    from acrlab.progress import open_store
    with open_store() as store:
        scheduled = store.record_lab_grade("tokens-lab", 0, 1, [{"passed": False, "objective": "acr.auth.tokens"}])
    assert scheduled
    rc, out = run(["review", "--readiness"])
    assert rc == 0 and "Repository-scoped tokens and scope maps" in out
    first = BANK.get(scheduled[0])
    assert first.type != "performance"
    rc, out = run(["review", "--limit", "1"], "junk\n" * 3 + {"single": "A\n", "multiple": "A,B\n",
                   "yesno": " ".join("Y" * len(getattr(first, "statements", []))) + "\n",
                   "dropdown": " ".join("1" for _ in getattr(first, "blanks", {})) + "\n",
                   "ordering": " ".join(str(k + 1) for k in range(len(getattr(first, "steps", [])))) + "\n",
                   }.get(first.type, "A\n"))
    assert rc == 0 and "[review 1/1]" in out and "Reviewed 1 item(s)" in out
    assert f"{len(scheduled) - 1} still due now" in out  # the reviewed card moved into the future


def test_review_eof_is_clean():
    from acrlab.progress import open_store
    with open_store() as store:
        store.record_lab_grade("x", 0, 1, [{"passed": False, "section": "3.3"}])
    assert run(["review"], "")[0] == 130


# -- exam ---------------------------------------------------------------------------------------------
class StepClock:
    """Each reading moves time on by ``step`` seconds (time passes while the candidate types)."""

    def __init__(self, step):
        self.t, self.step = 0.0, step

    def __call__(self):
        self.t += self.step
        return self.t


def _right(item):
    if item.type == "single":
        return item.answer
    if item.type == "multiple":
        return ",".join(item.answer)
    if item.type == "yesno":
        return " ".join("Y" if s.answer else "N" for s in item.statements)
    if item.type == "dropdown":
        return " ".join(str(display_options(item, n).index(item.blanks[n].answer) + 1) for n in item.blank_order())
    if item.type == "solution_goal":
        return "Y" if item.answer else "N"
    raise AssertionError(item.type)


def test_exam_all_right_passes_with_1000():
    from acrlab.quiz import Blueprint, build_form
    form = build_form(BANK, Blueprint.for_items(4, trial_items=0, include_performance=False), seed=11,
                      include_performance=False)
    types = [BANK.get(i).type for i in form.item_ids]
    assert "ordering" not in types and "case_study" not in types
    answers = "\n".join(_right(BANK.get(i)) for i in form.item_ids) + "\n:finish\nyes\n"
    rc, out = run(["exam", "--items", "4", "--seed", "11", "--no-labs", "--trial", "0"], answers,
                  clock=StepClock(1))
    assert rc == 0 and "Result: PASS   scaled score 1000" in out and "Report saved" in out
    from acrlab.progress import open_store
    with open_store() as store:
        assert len(store.exam_reports()) == 1 and len(store.answers()) == 4


def test_exam_time_up_submits_automatically():
    # 1 minute; every clock reading is 25 s later, so time runs out after a few questions
    rc, out = run(["exam", "--items", "6", "--minutes", "1", "--seed", "3", "--no-labs", "--no-store"],
                  "A\n" * 40, clock=StepClock(25))
    assert rc == 0 and "Time is up: your answers were submitted." in out
    assert "(time ran out: answers were submitted automatically)" in out


def test_exam_trial_items_are_reported_unscored():
    rc, out = run(["exam", "--items", "3", "--trial", "2", "--seed", "4", "--no-labs", "--no-store"],
                  "\n" * 5 + ":finish\nyes\n", clock=StepClock(1))
    assert rc == 0 and "5 questions" in out and out.count(": unscored (") == 2


def test_exam_break_locks_seen_questions():
    rc, out = run(["exam", "--items", "4", "--seed", "8", "--no-labs", "--no-store", "--trial", "0"],
                  "\n:break\n\n:go 1\n:go 2\n:finish\nyes\n", clock=StepClock(1))
    assert rc == 0 and "Break started" in out and "item 1 is locked" in out and "item 2 is locked" in out
    assert "no break left" not in out


def test_exam_bad_options_and_eof():
    assert run(["exam", "--items", "0"])[0] == 2
    assert run(["exam", "--minutes", "abc"])[0] == 2
    assert run(["exam", "--trial", "9", "--items", "3"])[0] == 2
    rc, out = run(["exam", "--items", "3", "--seed", "1", "--no-labs", "--no-store"], "B\n")
    assert rc == 130 and "Input ended: your answers were submitted." in out and "scaled score" in out


@pytest.mark.parametrize("seed", range(6))
def test_junk_never_breaks_the_text_modes(seed):
    rng = random.Random(seed)
    junk = ["", ":", ":go", ":go 99", ":go -1", ":finish", "no", "yes", ":break", ":mark", ":review", ":prev",
            ":next", "ZZ", "A", "1 2 3 4 5 6 7 8 9", "Y N", "\x00", "' \" ;", "9999999999999999999999", ":time",
            ":help", "A,B,C,D,E,F,G,H", "-1", "💥"]
    text = "\n".join(rng.choice(junk) for _ in range(120)) + "\n"
    rc, _ = run(["exam", "--items", "5", "--seed", str(seed), "--no-labs", "--no-store"], text, clock=StepClock(1))
    assert rc in (0, 130)
    rc, _ = run(["practice", "--limit", "3", "--seed", str(seed), "--no-store", "--type", "single",
                 "--type", "dropdown", "--type", "yesno", "--type", "ordering"], text)
    assert rc in (0, 130)


def test_exam_opens_learn_pages_and_reviews_every_question_after():
    rc, out = run(["exam", "--items", "3", "--seed", "5", "--no-labs", "--no-store", "--trial", "0"],
                  ":learn\n:learn service tiers\n" + "\n" * 4 + ":finish\nyes\n", clock=StepClock(1))
    assert rc == 0
    assert "Learn pages (':learn WORDS' opens one; the exam clock keeps running):" in out
    assert "# Service tiers" in out and "time left" in out
    review = out[out.index("Question-by-question review"):]
    assert review.count("Your answer: not answered") == 3 and "Source: https://learn.microsoft.com/" in review
    assert "[correct]" in review or "[Yes]" in review or "[No]" in review
