"""`-o table` without importing tabulate: acrlab.shell.az.output.simple_table must print exactly what knack's call
`tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True)` prints (knack/output.py _TableOutput.dump),
or decline (None) so tabulate prints it."""

from __future__ import annotations

from collections import OrderedDict

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from acrlab import Lab
from acrlab.shell.az.output import simple_table


def _knack(rows) -> str:
    return tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True)


ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
ANY_TEXT = st.text(max_size=8)  # wide, combining and control characters, newlines: the fast path declines these
SPECIAL = st.sampled_from(["", " ", "  padded  ", "True", "False", "1,000", "1.50", "-3", "1e5", "nan", "None"])
NUMBERS = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.booleans())
KEYS = st.sampled_from(["Name", "Location", "ResourceGroup", "A", "", "Provisioning state", "X1"])


def _rows(values):
    return st.lists(st.dictionaries(KEYS, st.one_of(st.none(), values), max_size=5).map(OrderedDict), min_size=1,
                    max_size=6)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_rows(st.one_of(ASCII, SPECIAL, NUMBERS)))
def test_plain_tables_are_printed_as_tabulate_prints_them(rows):
    fast = simple_table(rows)
    if any(rows):
        assert fast is not None  # printable ASCII, numbers and booleans always take the fast path
        assert fast == _knack(rows)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_rows(st.one_of(ANY_TEXT, ASCII, NUMBERS, st.just([1]))))
def test_anything_else_is_declined_or_identical(rows):
    fast = simple_table(rows)
    assert fast is None or fast == _knack(rows)


def test_declines_what_it_cannot_measure():
    for cell in ("日本", "a\nb", "\x1b[31mred\x1b[0m", "tab\there", "é"):
        assert simple_table([OrderedDict(Name=cell)]) is None
    assert simple_table([OrderedDict(), OrderedDict()]) is None
    assert simple_table([OrderedDict(Name=("a",))]) is None


def test_table_output_end_to_end(monkeypatch):
    """az prints the same tables with the fast path as through tabulate alone; a wide-character cell goes to
    tabulate, which aligns it by display width."""
    script = ("az group create -n rg -l eastus --tags owner=日本 -o table\n"
              "az group create -n rg-second -l westeurope -o table\n"
              "az group list -o table\n"
              "az group list --query \"[].{n:name, t:tags.owner}\" -o table\n")
    fast = Lab().run(script).stdout
    monkeypatch.setattr("acrlab.shell.az.output.simple_table", lambda rows: None)
    assert Lab().run(script).stdout == fast
    assert fast.splitlines()[-4:] == ["N          T", "---------  ----", "rg         日本", "rg-second"]
