"""An unquoted here-document joins a backslash-newline, as bash does (so a `$(...)` may span lines there, as the
connected registry pages' `cat << EOF > protected-settings-extension.json` does); a quoted one keeps it, and an
escaped backslash before the newline stays a backslash."""

from __future__ import annotations


def test_backslash_newline_in_heredocs(lab):
    assert lab.run("cat <<EOF\nab\\\ncd\nEOF").stdout == "abcd\n"
    assert lab.run("cat <<EOF\n\"x\": \"$(echo one \\\n  two)\"\nEOF").stdout == '"x": "one two"\n'
    assert lab.run("cat <<'EOF'\nab\\\ncd\nEOF").stdout == "ab\\\ncd\n"
