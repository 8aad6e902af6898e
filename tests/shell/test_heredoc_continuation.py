"""An unquoted here-document joins a backslash-newline, as bash does (so a `$(...)` may span lines there, as the
connected registry pages' `cat << EOF > protected-settings-extension.json` does); a quoted one keeps it, and an
escaped backslash before the newline stays a backslash."""

from __future__ import annotations


def test_backslash_newline_in_heredocs(lab):
    assert lab.run("cat <<EOF\nab\\\ncd\nEOF").stdout == "abcd\n"
    assert lab.run("cat <<EOF\n\"x\": \"$(echo one \\\n  two)\"\nEOF").stdout == '"x": "one two"\n'
    assert lab.run("cat <<'EOF'\nab\\\ncd\nEOF").stdout == "ab\\\ncd\n"


def test_backslashes_in_an_unquoted_heredoc_quote_only_dollar_backquote_and_backslash(lab):
    """bash(1), Here Documents: in an unquoted here-document `\\` is one backslash, `\\$` and a backslash-backquote
    are literal, and a backslash before anything else (a double quote too) stays; a quoted delimiter keeps all."""
    r = lab.run('X=1\ncat <<EOF\na\\\\b \\$HOME \\x "q" \\"r\\" \\`t\\` $X end\\\\\nEOF')
    assert r.stdout == 'a\\b $HOME \\x "q" \\"r\\" `t` 1 end\\\n'
    assert lab.run("cat <<'EOF'\na\\\\b \\$X\nEOF").stdout == "a\\\\b \\$X\n"
