"""The lexer/parser/expansion fast paths give what the general code gives: plain lines, cached trees, literal words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acrlab.shell import bash
from acrlab.shell.bash_parse import Parser

PLAIN_LINES = [
    "az acr login -n ciacr",
    "  docker push -q ciacr.azurecr.io/api:b1  ",
    "\n\naz group list\n\n",
    "X=1 env",
    "echo a=b c~d e{f",
    "echo {a,b} *.txt ~/x",
    "echo héllo ²",
    "! true",
    "if true",
    "fi",
    "{ echo",
    "}",
    "[[ a",
    "in x",
    "function f",
    "echo\x0bx",
    "echo\xa0x",
    "a\rb \r",
]


def general(text: str):
    """What the recursive-descent parser alone makes of a text (no cache, no fast path)."""
    try:
        return repr(Parser(text).program())
    except bash.BashSyntaxError as e:
        return f"error: {e}"


def cached(text: str):
    try:
        return repr(bash.parse(text))
    except bash.BashSyntaxError as e:
        return f"error: {e}"


@pytest.mark.parametrize("text", PLAIN_LINES)
def test_plain_lines_parse_as_the_parser_would(text):
    assert cached(text) == general(text)
    assert cached(text) == general(text)  # the second time from the cache


def test_the_fast_path_takes_only_plain_lines_without_reserved_first_words():
    assert bash._SIMPLE_LINE.fullmatch("az acr login -n ciacr")
    for text in ("echo 'a b'", "echo $X", "a; b", "a\nb", "echo # c", "a | b", "echo \\x", "f() { :; }"):
        assert not bash._SIMPLE_LINE.fullmatch(text)
    assert cached("if true") == general("if true")
    assert cached("if true").startswith("error: ")


def test_each_parse_returns_its_own_list():
    first = bash.parse("echo one\necho two")
    first.clear()
    again = bash.parse("echo one\necho two")
    assert [a.text for a in again] == ["echo one", "echo two"]


def test_a_cached_function_body_runs_again_with_new_arguments(lab):
    script = 'greet() { echo "hi $1"; }\ngreet a\ngreet b'
    assert lab.run(script).stdout == "hi a\nhi b\n"
    assert lab.run(script).stdout == "hi a\nhi b\n"


def test_heredoc_bodies_stay_with_their_command_when_cached(lab):
    script = "cat <<EOF\nline $X\nEOF"
    lab.run("X=1")
    assert lab.run(script).stdout == "line 1\n"
    lab.run("X=2")
    assert lab.run(script).stdout == "line 2\n"


def test_literal_words_expand_to_themselves_but_globs_braces_and_tildes_still_expand(lab):
    lab.write_file("a.txt", "x")
    lab.write_file("b.txt", "y")
    r = lab.run("echo plain 'q*' \"~\" x=y *.txt {1,2} ~/p ''")
    assert r.stdout == "plain q* ~ x=y a.txt b.txt 1 2 /home/learner/p \n"
    assert lab.run("for w in a ''; do echo \"[$w]\"; done").stdout == "[a]\n[]\n"


def test_dollar_names_take_unicode_alphanumerics_like_isalnum():
    word = bash.parse('echo "$é²_1-" $a.b')[0].parts[0][1].commands[0].words
    assert word[1:] == [[("var", "é²_1", True), ("lit", "-", True)], [("var", "a", False), ("lit", ".b", False)]]


ATOMS = list("ab1 \t\n;|&<>()\\'\"$`#{}~*=!é²") + ["if", "fi", "do", "done", "for", "in", "{", "}", "!", "$(echo)",
                                                 "((", "))", "<<E\nx\nE\n", "${a}", "2>&1", "\\\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), max_size=10).map("".join))
def test_cached_parse_agrees_with_the_parser_on_any_text(text):
    assert cached(text) == general(text)
