"""Every fact is sourced and every piece of content speaks one objective vocabulary (issue 16).

Sources cited: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-soft-delete-policy.md
(the quote checked below), container-registry-content-trust.md (DCT retired for new registries).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from acrlab.learnpages import page_problems, pages
from acrlab.objectives import OBJECTIVES, SECTION_TITLES, describe_unknown, section_title
from acrlab.quiz import GENERATORS, default_bank
from acrlab.quiz.cli import main
from acrlab.quiz.models import SECTIONS, Source
from acrlab.quiz.sourcecheck import check_sources

BANK = default_bank()
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

ITEM = """items:
  - id: sourced-item
    type: single
    objective: {objective}
    section: "3.2"
    difficulty: easy
    stem: Which tier offers geo-replication?
    options:
      - {{text: Basic, why: "No replicas in Basic."}}
      - {{text: Premium, why: "Correct: geo-replication is Premium."}}
    answer: B
    explanation: Geo-replication requires the Premium SKU of the registry.
    refs: {{seed: "3.2", docs: ["https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication"]}}
    source: {source}
"""


def _write(tmp_path, objective="acr.georep", source="[georep-premium]"):
    f = tmp_path / "item.yaml"
    f.write_text(ITEM.format(objective=objective, source=source))
    return f


def test_every_item_and_generator_cites_known_quoted_sources():
    assert len(BANK.sources) >= 150
    for item in BANK.items:
        facts = BANK.sources_of(item)
        assert facts, item.id
        assert all(f.url.startswith("https://learn.microsoft.com/") and 15 <= len(f.quote) <= 400 for f in facts)
        for q in getattr(item, "questions", []):
            assert BANK.sources_of(q), q.id   # a case-study question falls back to its case study's sources
    for name, gen in GENERATORS.items():
        refs = gen(1).source
        assert refs and all(r in BANK.sources for r in refs), name


def test_validate_rejects_unknown_sources_and_objectives(tmp_path, capsys):
    assert main(["validate", str(_write(tmp_path))]) == 0
    assert main(["validate", str(_write(tmp_path, source="[no-such-fact]"))]) == 1
    assert "unknown source 'no-such-fact'" in capsys.readouterr().out
    assert main(["validate", str(_write(tmp_path, objective="acr.georeplication"))]) == 1
    out = capsys.readouterr().out
    assert "unknown objective 'acr.georeplication'" in out and "did you mean acr.georep" in out
    bad = '[{url: "https://example.com/x", quote: "A quote long enough to count."}]'
    assert main(["validate", str(_write(tmp_path, source=bad))]) == 1
    assert "a source must be a https://learn.microsoft.com/ URL" in capsys.readouterr().out


def test_quotes_are_one_sentence_without_ellipsis():
    ok = Source(url="https://learn.microsoft.com/azure/x", quote="Geo-replication requires the Premium SKU.")
    assert ok.quote.endswith("SKU.")
    for quote in ("Too short", "It starts here ... and ends elsewhere.", "Two\nlines of text here."):
        try:
            Source(url="https://learn.microsoft.com/azure/x", quote=quote)
        except ValueError:
            continue
        raise AssertionError(f"accepted {quote!r}")


def test_docs_check_finds_quotes_word_for_word(tmp_path, capsys):
    art = tmp_path / "articles" / "container-registry"
    art.mkdir(parents=True)
    (art / "container-registry-soft-delete-policy.md").write_text(
        "---\ntitle: t\n---\n# Soft delete\n\n* Azure Container Registry doesn't allow enabling both the "
        "[retention policy](container-registry-retention-policy.md) and the soft delete policy.\n")
    facts = {k: BANK.sources[k] for k in ("softdelete-not-with-retention", "softdelete-days", "pe-peered-vnets")}
    status = {r.fact: r.status for r in check_sources(facts, [tmp_path])}
    assert status == {"softdelete-not-with-retention": "ok", "softdelete-days": "missing",
                      "pe-peered-vnets": "unchecked"}
    assert main(["validate", "--docs", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "source softdelete-days: quote not found" in out and "quote(s) found word for word" in out


def test_stats_count_the_exam_formats():
    buf = io.StringIO()
    assert main(["stats", "--json"], stdout=buf) == 0
    data = json.loads(buf.getvalue())
    assert data["total"] >= 220 and data["generators"] >= 18
    assert data["by_type"]["case_study"] >= 8 and data["by_type"]["solution_goal"] >= 12
    assert sum(1 for i in BANK.items if i.type == "yesno" and len(i.statements) >= 3) >= 24
    cases = [i for i in BANK.items if i.type == "case_study"]
    assert all(4 <= len(c.questions) <= 6 for c in cases)
    series = {}
    for i in BANK.items:
        if i.type == "solution_goal":
            series.setdefault(i.series, []).append(i)
    assert all(len(v) >= 3 and len({i.scenario for i in v}) == 1 for v in series.values())
    assert all(any(i.answer for i in v) and not all(i.answer for i in v) for v in series.values())


def test_one_vocabulary_everywhere():
    from acrlab.labs.loader import list_scenarios, scenario_files
    assert len(list_scenarios()) == len(scenario_files())
    for sc in list_scenarios():
        assert sc.objectives and set(sc.objectives) <= set(OBJECTIVES), sc.id
    assert page_problems() == []
    assert all(p.objectives for p in pages())
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        meta = json.loads(path.read_text())["metadata"].get("acrlab", {})
        assert meta.get("objectives") and set(meta["objectives"]) <= set(OBJECTIVES), path.name
    assert set(BANK.objectives) == set(OBJECTIVES)
    covered = {i.objective for i in BANK.items}
    assert covered == set(OBJECTIVES)   # every objective has questions
    assert set(SECTION_TITLES) >= set(SECTIONS) | {p.section for p in pages()}
    assert section_title("3.3") == "Authentication"
    assert all("## Sources" in p.body and "https://learn.microsoft.com/" in p.body for p in pages())
    assert "did you mean" in describe_unknown("acr.tokens")


def test_scenario_validate_rejects_unknown_objective(tmp_path):
    from acrlab.labs.loader import ScenarioError, parse_file, scenario_files
    src = scenario_files()["webhook-notify"].read_text()
    bad = tmp_path / "webhook-notify.yaml"
    bad.write_text(src.replace("objectives: [acr.webhooks, acr.sku]", "objectives: [acr.webhook, acr.sku]"))
    try:
        parse_file(bad)
    except ScenarioError as exc:
        assert "unknown objective 'acr.webhook'" in str(exc) and "did you mean acr.webhooks" in str(exc)
    else:
        raise AssertionError("an unknown objective id was accepted")
