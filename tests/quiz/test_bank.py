import json
from collections import Counter

from acrlab.quiz import default_bank
from acrlab.quiz.bank import normalize_stem
from acrlab.quiz.cli import main
from acrlab.quiz.models import SECTIONS, CaseStudyItem, SingleItem
from acrlab.quiz.scoring import display_options

BANK = default_bank()


def test_counts_per_type_meet_the_issue():
    by_type = Counter(i.type for i in BANK.items)
    assert len(BANK.items) >= 120
    assert by_type["single"] >= 50 and by_type["multiple"] >= 20 and by_type["ordering"] >= 8
    assert by_type["dropdown"] >= 15 and by_type["performance"] >= 6
    assert sum(1 for i in BANK.items if i.type == "yesno" and len(i.statements) >= 3) >= 6
    cases = [i for i in BANK.items if isinstance(i, CaseStudyItem)]
    assert len(cases) >= 2 and all(len(c.questions) >= 4 for c in cases)


def test_every_section_has_seven_and_auth_has_25():
    by_section = Counter(i.section for i in BANK.items)
    for s in SECTIONS:
        assert by_section[s] >= 7, s
    assert by_section["3.3"] + by_section["8"] >= 25


def test_items_have_refs_objectives_and_explanations():
    for item in BANK.items:
        assert item.objective in BANK.objectives
        assert item.refs.docs and all(u.startswith("https://learn.microsoft.com/") for u in item.refs.docs)
        assert len(item.explanation) >= 20


def test_no_duplicate_stems_or_ids():
    stems = [normalize_stem(i.stem_text) for i in BANK.items]
    assert len(stems) == len(set(stems))
    assert len({i.id for i in BANK.items}) == len(BANK.items)


def test_single_answer_positions_are_spread_evenly():
    singles = [i for i in BANK.items if isinstance(i, SingleItem) and len(i.options) == 4]
    counts = Counter(i.answer for i in singles)
    for letter in "ABCD":
        assert 0.18 <= counts[letter] / len(singles) <= 0.32, counts


def test_multiple_answer_positions_are_spread():
    counts = Counter(a for i in BANK.items if i.type == "multiple" for a in i.answer)
    total = sum(counts[x] for x in "ABCD")
    for letter in "ABCD":
        assert 0.12 <= counts[letter] / total <= 0.38, counts


def test_dropdown_display_positions_are_spread():
    pos = Counter()
    for item in (i for i in BANK.items if i.type == "dropdown"):
        for name, blank in item.blanks.items():
            pos[display_options(item, name).index(blank.answer)] += 1
    total = sum(pos.values())
    assert pos[0] / total <= 0.55, pos  # the bank lists answers first; display must shuffle


def test_seed_disagreements_carry_docs_notes():
    noted = {i.id for i in BANK.items if i.docs_note}
    for must in ("ops11-throughput-limits", "impl-cli-retention-premium", "auth-roles-matrix", "ops11-delete-image-tags"):
        assert must in noted


def test_stats_json_shape(capsys):
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"total", "generators", "by_type", "by_section", "by_objective", "by_difficulty"}
    assert data["total"] == len(BANK.items) and data["generators"] >= 12
    assert list(data["by_type"]) == ["single", "multiple", "yesno", "ordering", "dropdown", "case_study", "performance", "solution_goal"]
    assert "3.3" in data["by_section"] and "7" in data["by_section"]
    assert sum(data["by_type"].values()) == data["total"]


def test_validate_ok(capsys):
    assert main(["validate"]) == 0
    assert "ok" in capsys.readouterr().out


BAD = """items:
  - id: bad-item
    type: single
    objective: acr.sku
    section: "3.2"
    difficulty: easy
    stem: Which tier?
    options:
      - {text: Basic, why: "Too small for this."}
      - {text: Premium}
    answer: E
    explanation: Premium is needed for geo-replication here.
    refs: {seed: "3.2", docs: ["https://learn.microsoft.com/x"]}
"""


def test_validate_reports_file_field_and_line(tmp_path, capsys):
    f = tmp_path / "bad.yaml"
    f.write_text(BAD)
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert f"{f}:10: items[0].options[1].why: Field required" in out
    f.write_text(BAD.replace("      - {text: Premium}", "      - {text: Premium, why: \"Needed for this.\"}"))
    assert main(["validate", str(f)]) == 1
    assert "items[0]: answer 'E' is not one of the 2 options" in capsys.readouterr().out


def test_validate_yaml_syntax_error(tmp_path, capsys):
    f = tmp_path / "broken.yaml"
    f.write_text("items:\n  - id: x\n   type: [unclosed\n")
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr().out
    assert f"{f}:" in out and "YAML syntax error" in out and "Traceback" not in out


def test_validate_duplicate_stem(tmp_path, capsys):
    item = BAD.replace("answer: E", "answer: A").replace("      - {text: Premium}\n", "      - {text: Premium, why: \"Correct for this need.\"}\n")
    f = tmp_path / "dup.yaml"
    f.write_text(item + item.replace("items:\n", "").replace("bad-item", "bad-item2"))
    assert main(["validate", str(f)]) == 1
    assert "duplicate stem" in capsys.readouterr().out


def test_validate_missing_file(capsys):
    assert main(["validate", "/nonexistent/x.yaml"]) == 2
