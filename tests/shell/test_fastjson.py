"""fastjson writes exactly what json.dumps(indent=2, ensure_ascii=False) writes, for any value az could print."""

from __future__ import annotations

import json
import math
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from acrlab.shell import fastjson

scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30)


def reference(value, sort_keys: bool) -> str:
    return json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False, default=str)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(values, st.booleans())
def test_dumps_matches_json_module_byte_for_byte(value, sort_keys):
    with patch.object(fastjson, "SMALL", 1):  # every value through orjson where it agrees
        assert fastjson.dumps(value, sort_keys=sort_keys) == reference(value, sort_keys)
    assert fastjson.dumps(value, sort_keys=sort_keys) == reference(value, sort_keys)


def test_small_documents_skip_orjson_and_large_ones_use_it(monkeypatch):
    """A fresh process printing one small document need not import orjson (issue 19's start-up)."""
    calls = []
    real = fastjson._accelerator
    monkeypatch.setattr(fastjson, "_accelerator", lambda: calls.append(1) or real())
    small = {"id": "/subscriptions/s/resourceGroups/rg", "tags": {"a": "b"}, "list": list(range(50))}
    big = [dict(small, name=f"rg{i}") for i in range(100)]
    assert fastjson.dumps(small) == reference(small, False) and calls == []
    assert fastjson.dumps(big, sort_keys=True) == reference(big, True) and calls == [1]


def test_dumps_falls_back_for_values_orjson_would_print_differently():
    # given: values where orjson and json disagree (exponent floats, NaN, big ints, non-str keys, other types)
    awkward = [1e16, 1e-05, 2.5e-07, math.nan, 2**64, {1: "a"}, {"when": object}, "\ud800"]
    for value in awkward:
        # then: the bytes are still json's
        assert fastjson.dumps(value) == reference(value, False)


def test_dumps_keeps_non_ascii_and_control_characters_as_json_does():
    value = {"name": "José \u2028 \x1f \x7f ✓", "tags": ["v1", "v2"], "nested": {"empty": [], "map": {}}}
    assert fastjson.dumps(value, sort_keys=True) == reference(value, True)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(values)
def test_ascii_dumps_of_small_values_match_json_module(value):
    """What `class grade` writes per student: json.dumps(indent=2) with its default ASCII escapes, accelerated for
    small documents too."""
    expected = json.dumps(value, indent=2, default=str)
    assert fastjson.dumps(value, ensure_ascii=True, small=True) == expected
    assert fastjson.dumps({"name": "José ✓", "v": [value]}, ensure_ascii=True, small=True) == \
        json.dumps({"name": "José ✓", "v": [value]}, indent=2, default=str)
    assert fastjson.dumps({"\x7f": "\x1f", "é": 1}, ensure_ascii=True, small=True) == \
        json.dumps({"\x7f": "\x1f", "é": 1}, indent=2)
