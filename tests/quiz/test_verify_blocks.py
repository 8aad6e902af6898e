"""Runs every verify block (and performance solution) against the engine, once it exists."""

import pytest

from acrlab.quiz import default_bank, verify_item

try:
    from acrlab.lab import Lab  # noqa: F401
    ENGINE = True
except Exception:  # the engine is being built concurrently
    ENGINE = False

BANK = default_bank()
ALL = BANK.items + [q for i in BANK.items for q in getattr(i, "questions", [])]
WITH_VERIFY = [i for i in ALL if i.verify or i.type == "performance"]


def test_enough_items_are_engine_checked():
    assert len(WITH_VERIFY) >= 30


@pytest.mark.skipif(not ENGINE, reason="acrlab.lab (the engine) cannot be imported yet")
@pytest.mark.parametrize("item", WITH_VERIFY, ids=lambda i: i.id)
def test_verify_block_passes(item):
    assert verify_item(item) == []


@pytest.mark.skipif(not ENGINE, reason="acrlab.lab (the engine) cannot be imported yet")
@pytest.mark.parametrize("item", [i for i in BANK.items if i.type == "performance"], ids=lambda i: i.id)
def test_performance_checks_fail_without_the_solution(item):
    from acrlab.quiz import grade_performance
    assert not all(grade_performance(item, []))
