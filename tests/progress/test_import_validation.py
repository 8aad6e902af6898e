"""`progress import` validates the whole file first and, when anything is wrong, says what and changes nothing
(issue 12: an import of bad cards, due dates, schema_version -1 or score > max_score broke every later
`quiz review --readiness`)."""

import copy
import json

import pytest

from acrlab.progress import open_store, readiness
from acrlab.progress.cli import main as progress_main
from acrlab.progress.importing import validate_export
from acrlab.progress.store import StoreError
from acrlab.quiz import PracticeSession, default_bank

BANK = default_bank()


@pytest.fixture
def export(tmp_path, monkeypatch):
    """A real export (one answer, one card, one lab grade) from store 'a'; the tests import into store 'b'."""
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "a"))
    with open_store() as s:
        PracticeSession([BANK.get("sku-included-storage")], store=s).submit("C")
        s.record_lab_grade("lab-tokens", 2, 3, [{"id": "c1", "passed": True}])
        data = s.export_data()
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "b"))
    return data


def _counts():
    with open_store() as s:
        return {t: s.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("attempts", "answers", "lab_grades", "review_cards", "exam_reports")}


def _card(data):
    return json.loads(data["review_cards"][0]["card"])


HOSTILE = {
    "schema_version -1": (lambda d: d.update(schema_version=-1), "unsupported schema_version -1"),
    "schema_version as text": (lambda d: d.update(schema_version="2"), "unsupported schema_version '2'"),
    "schema_version true": (lambda d: d.update(schema_version=True), "unsupported schema_version True"),
    "newer schema_version": (lambda d: d.update(schema_version=99), "unsupported schema_version 99"),
    "score above max_score": (lambda d: d["lab_grades"][0].update(score=5.0),
                              "lab_grades[0]: score 5.0 is not between 0 and max_score 3.0"),
    "NaN score": (lambda d: d["lab_grades"][0].update(score=float("nan")), "must be finite"),
    "negative max_score": (lambda d: d["lab_grades"][0].update(max_score=-1, score=-2), "not between 0"),
    "checks not a list": (lambda d: d["lab_grades"][0].update(checks='{"a": 1}'), "checks must be a JSON list"),
    "earned above possible": (lambda d: d["answers"][0].update(earned=9), "earned (9) is more than possible"),
    "correct inconsistent": (lambda d: d["answers"][0].update(correct=0), "correct must be 1 exactly when"),
    "answer date without zone": (lambda d: d["answers"][0].update(answered_at="2026-01-05T09:00:00"),
                                 "has no time zone"),
    "due is not a date": (lambda d: d["review_cards"][0].update(due="next tuesday"), "is not an ISO 8601"),
    "card not JSON": (lambda d: d["review_cards"][0].update(card="{{{"), "review_cards[0]: card is not a review card"),
    "card empty object": (lambda d: d["review_cards"][0].update(card="{}"), "card is not a review card"),
    "card state 7": (lambda d: d["review_cards"][0].update(card=json.dumps({**_card(d), "state": 7})),
                     "state 7 is not one of"),
    "card negative stability": (lambda d: d["review_cards"][0].update(
        card=json.dumps({**_card(d), "stability": -3.0})), "stability -3.0 is out of range"),
    "card due without zone": (lambda d: d["review_cards"][0].update(
        card=json.dumps({**_card(d), "due": "2026-01-05T09:00:00"})), "card dates need a time zone"),
    "row not an object": (lambda d: d["attempts"].append("x"), "attempts[1]"),
    "table not a list": (lambda d: d.update(answers={"a": 1}), "answers: Input should be a valid list"),
    "missing field": (lambda d: d["attempts"][0].pop("mode"), "attempts[0].mode: Field required"),
    "unknown field": (lambda d: d["attempts"][0].update(admin=True), "attempts[0].admin: Extra inputs"),
    "empty id": (lambda d: d["attempts"][0].update(id=""), "attempts[0].id"),
    "earned as text": (lambda d: d["answers"][0].update(earned="1"), "answers[0].earned"),
    "not an export": (lambda d: d.update(format="other"), "not an acrlab progress export"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_import_is_rejected_with_a_clear_message_and_changes_nothing(case, export, tmp_path, capsys):
    # the store already holds some progress that must survive a rejected import
    with open_store() as s:
        PracticeSession([BANK.get("struct-login-server")], store=s).submit("A")
    before = _counts()
    data = copy.deepcopy(export)
    mutate, message = HOSTILE[case]
    mutate(data)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert progress_main(["import", str(path)]) == 2
    out = capsys.readouterr().out
    assert message in out and "nothing was imported" in out, out
    assert "Traceback" not in out
    assert _counts() == before
    with open_store() as s:
        assert readiness(s, BANK)  # the review queue still works


def test_all_problems_are_listed_together(export):
    data = copy.deepcopy(export)
    data["answers"][0]["earned"] = 9
    data["lab_grades"][0]["score"] = 7.0
    with pytest.raises(StoreError) as e:
        validate_export(data)
    assert "answers[0]" in str(e.value) and "lab_grades[0]" in str(e.value)


def test_a_valid_export_still_imports(export, tmp_path, capsys):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(export))
    assert progress_main(["import", str(path)]) == 0
    assert _counts()["review_cards"] == 1 and _counts()["lab_grades"] == 1


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"[" * 100_000, b""])
def test_unreadable_files_are_rejected(content, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path / "b"))
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert progress_main(["import", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.startswith("error: ") and "nothing was imported" in out


def test_an_endless_file_is_not_read_without_bound(tmp_path, capsys, monkeypatch):
    from acrlab.progress import importing

    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1024)
    monkeypatch.setattr("acrlab.progress.cli.MAX_IMPORT_BYTES", 1024)
    assert progress_main(["import", "/dev/zero"]) == 2
    assert "larger than" in capsys.readouterr().out


def test_a_damaged_card_already_in_the_store_does_not_break_review(tmp_path):
    from acrlab.progress import due_items, review_item

    with open_store(tmp_path / "p.db") as s:
        s._write("INSERT INTO review_cards VALUES (?,?,?,?)",
                 ("sku-included-storage", "{broken", "not a date", "2026-01-05T09:00:00+00:00"))
        assert "sku-included-storage" in due_items(s)       # unreadable due date: due now
        assert readiness(s, BANK)["acr.sku"] == 0            # unreadable card: nothing recalled
        card = review_item(s, "sku-included-storage", True)  # reviewing rewrites it
        assert card.last_review is not None
