"""acrlab.content_index: the cached summary of the bank and the scenarios that start-up reads instead of parsing
them. It must answer exactly what the full load answers, and rebuild whenever a file it came from changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from acrlab import content_index
from acrlab.labs.loader import list_scenarios, load_scenario
from acrlab.progress import open_store, readiness, review_item
from acrlab.quiz.bank import default_bank
from acrlab.quiz.loader import bank_files


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ACRLAB_HOME", str(tmp_path))
    return tmp_path


def test_discovery_matches_the_loaders():
    assert content_index.bank_files() == bank_files()
    from acrlab.labs import loader

    assert loader.scenario_files is content_index.scenario_files


def test_readiness_from_the_index_equals_readiness_from_the_bank(home):
    bank = default_bank()
    store = open_store(home / "progress.db")
    items = [i for o in sorted(bank.objectives) for i in bank.items_for(objective=o)][:40:3]
    for n, item in enumerate(items):
        review_item(store, item.id, correct=n % 3 != 0)
    scenario = list_scenarios()[0]
    store.record_lab_grade(scenario.id, 3, 4, [])
    index = content_index.course_index()
    assert isinstance(index, content_index.CourseIndex)
    expected = readiness(store, bank)
    assert any(v > 0 for v in expected.values())
    assert readiness(store, index) == expected
    assert readiness(store, content_index.course_index()) == expected  # the second answer comes from the cache
    for o, obj in bank.objectives.items():
        assert index.objectives[o].title == obj.title
    store.close()


def test_the_cache_answers_until_a_source_file_changes(home, monkeypatch):
    content_index.course_index()
    file = home / "cache" / "bank-index.json"
    assert file.is_file()

    def refuse():
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(content_index, "_build_bank_index", refuse)
    assert content_index.course_index() is not None
    calls = []
    monkeypatch.setattr(content_index, "_build_bank_index", lambda: calls.append(1) or {"objectives": {}, "items": {}})
    source = content_index.bank_files()[0]
    st = source.stat()
    try:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        content_index.course_index()
        assert calls == [1]
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert content_index.course_index(build=False) is None  # the cache now holds the other fingerprint


def test_a_corrupt_or_unwritable_cache_is_rebuilt_never_fatal(home):
    cache = home / "cache"
    cache.mkdir()
    (cache / "bank-index.json").write_text("{not json")
    assert content_index.course_index(build=False) is None
    index = content_index.course_index()
    assert index.items_for(objective=next(iter(index.objectives)))
    assert json.loads((cache / "bank-index.json").read_text())["key"] == content_index.fingerprint(
        [*content_index.bank_files(), *content_index._code("quiz")])
    (cache / "bank-index.json").unlink()
    cache.rmdir()
    cache.write_text("a file where the cache directory should be")  # nothing can be written there
    assert content_index.course_index() is not None
    assert content_index.course_index(build=False) is None


def test_scenario_index_lists_what_the_loader_lists(home):
    index = content_index.scenario_index()
    scenarios = list_scenarios()
    assert [s["id"] for s in index["scenarios"]] == [s.id for s in scenarios]
    for row, s in zip(index["scenarios"], scenarios, strict=True):
        assert row == {"id": s.id, "title": s.title, "difficulty": s.difficulty, "minutes": s.minutes,
                       "troubleshooting": s.troubleshooting, "max_score": s.max_score,
                       "objectives": list(s.objectives)}
        assert content_index.scenario_objectives(s.id) == list(load_scenario(s.id).objectives)
    assert content_index.scenario_objectives("no-such-scenario") == []
    assert index["broken"] == {}


def test_course_index_reads_the_scenario_index_once_for_all_graded_labs(home, monkeypatch):
    """Readiness asks the objectives of every graded scenario: one read of the scenario index answers them all (it
    used to check every scenario and labs code file once per scenario); a new course index reads it afresh."""
    index = content_index.course_index()
    reads = []
    real = content_index.scenario_index
    monkeypatch.setattr(content_index, "scenario_index", lambda: reads.append(1) or real())
    scenarios = list_scenarios()
    for s in scenarios:
        assert index.scenario_objectives(s.id) == list(s.objectives)
    assert index.scenario_objectives("no-such-scenario") == [] and index.scenario_objectives(None) == []
    assert len(reads) == 1
    index.scenario_objectives(scenarios[0].id).append("mutated")  # the caller's copy
    assert index.scenario_objectives(scenarios[0].id) == list(scenarios[0].objectives)
    content_index.course_index().scenario_objectives(scenarios[0].id)
    assert len(reads) == 2


def test_a_broken_scenario_on_the_path_is_reported_with_its_problems(home, tmp_path, monkeypatch):
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "broken-one.yaml").write_text("id: broken-one\ntitle: [unclosed\n")
    monkeypatch.setenv("ACRLAB_SCENARIO_PATH", str(extra))
    index = content_index.scenario_index()
    assert list(index["broken"]) == [str(extra / "broken-one.yaml")]
    assert "YAML syntax error" in index["broken"][str(extra / "broken-one.yaml")][0]


def test_home_data_in_a_fresh_process_parses_nothing(home):
    """What the home screen reads at start (course index, progress store, readiness, due cards) comes from the cache
    and the store alone: a fresh process imports neither the bank's parsers (pydantic, yaml) nor what only writes or
    a default data directory need (uuid with platform's regular expressions, platformdirs)."""
    content_index.course_index()  # the cache, as the app's first run leaves it
    probe = ("import sys\n"
             "from acrlab.tui.services import Services\n"
             "s = Services()\n"
             "assert s.course_index(cached_only=True) is not None\n"
             "s.readiness(); s.due_cards(); s.store().lab_grades()\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'pydantic', 'yaml', 'uuid', 'platform', 'platformdirs', 'textual'}))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, ACRLAB_HOME=str(home)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
