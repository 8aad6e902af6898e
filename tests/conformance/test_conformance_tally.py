"""The conformance tally in docs/coverage.md (acrlab/coverage_conformance.py) counts what the suite really runs.

Upstream lists: acrlab/coverage_data/azcli_acr_tests.json (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/tests/latest/*.py) and acrlab/coverage_data/docs_pages.json
(MicrosoftDocs/azure-management-docs articles/container-registry/*.md, via docs_extract.py --inventory)."""

from __future__ import annotations

import json

from acrlab import coverage_conformance as cc

from .not_run import DOCS_SKIPS, SCENARIO_SKIPS


def _upstream_tests() -> set[str]:
    data = json.loads((cc.DATA / "azcli_acr_tests.json").read_text(encoding="utf-8"))
    return {f"{f['file']}::{t}" for f in data["files"] if f["kind"] == "scenario" for t in f["tests"]}


def _pages() -> dict[str, int]:
    data = json.loads((cc.DATA / "docs_pages.json").read_text(encoding="utf-8"))
    return {p["page"]: p["command_blocks"] for p in data["pages"]}


def test_marks_and_skips_name_real_upstream_tests():
    upstream = _upstream_tests()
    translated = cc.lab_translations()
    assert set(translated) <= upstream, set(translated) - upstream
    assert set(SCENARIO_SKIPS) <= upstream, set(SCENARIO_SKIPS) - upstream
    assert not set(translated) & set(SCENARIO_SKIPS), "a translated test is also listed as skipped"


def test_pages_run_or_skipped_are_real_pages_with_commands():
    pages = _pages()
    run = cc.lab_pages()
    assert "" not in run, f"Page(lab, <not a string literal>) hides a page from the tally: {run.get('')}"
    assert set(run) <= set(pages), set(run) - set(pages)
    assert all(pages[p] > 0 for p in DOCS_SKIPS), [p for p in DOCS_SKIPS if not pages.get(p)]
    assert not set(run) & set(DOCS_SKIPS), "a page that runs is also listed as skipped"


def test_block_files_come_from_the_inventoried_revision():
    revision = json.loads((cc.DATA / "docs_pages.json").read_text(encoding="utf-8"))["revision"]
    for path in sorted((cc.SUITE / "docs_blocks").glob("*.json")):
        assert json.loads(path.read_text(encoding="utf-8"))["revision"] == revision, path.name


def test_the_parser_counts_runs_skips_and_marks(tmp_path):
    (tmp_path / "docs_blocks").mkdir()
    blocks = [{"heading": "", "lang": lang, "code": "x\n"} for lang in ("azurecli", "output", "azurecli", "bash")]
    (tmp_path / "docs_blocks" / "container-registry-skus.json").write_text(
        json.dumps({"source": "s", "revision": "r", "blocks": blocks}), encoding="utf-8")
    (tmp_path / "test_docs_x.py").write_text(
        'F = "test_acr_commands.py"\n'
        "@upstream(F, 'test_acr_cache', partial='half')\ndef test_a(lab):\n    pass\n"
        "@pytest.mark.xfail\n@upstream(F, 'test_acr_identity')\ndef test_b(lab):\n    pass\n"
        "def test_page(lab):\n    page = Page(lab, 'container-registry-skus', {})\n    page.run(0)\n"
        "    page.skip(2, 'why')\n    page.skip(3, 'the ' + 'output')\n    page.finish()\n", encoding="utf-8")
    marks = cc.lab_translations(tmp_path)
    assert marks["test_acr_commands.py::test_acr_cache"]["partial"] == "half"
    assert marks["test_acr_commands.py::test_acr_identity"]["passing"] is False
    page = cc.lab_pages(tmp_path)["container-registry-skus"]
    assert page["run"] == {0} and page["skip"] == {2: "why", 3: "the output"}
    rows = {r["test"]: r for r in cc.tally(tmp_path)["scenario_tests"]["rows"]}
    assert rows["test_acr_cache"]["status"] == "passing"
    assert rows["test_acr_identity"]["status"] == "missing"  # marked xfail: not passing
    docs = {r["page"]: r for r in cc.tally(tmp_path)["docs_pages"]["rows"]}
    assert (docs["container-registry-skus"]["blocks_run"], docs["container-registry-skus"]["blocks_skipped"]) == (1, 2)
