"""Text the app did not write (tenant names, a teacher's titles, paths in errors) inside Textual markup."""

from __future__ import annotations


def literal(text: object) -> str:
    """Markup that Textual draws as `text`, exactly: a backslash before every `[` makes it literal.

    `rich.markup.escape` and `textual.markup.escape` only escape brackets that look like Rich tags, so in Textual's
    markup `[Basic]` (a style name) and `[$x]` (a variable) still vanish."""
    return str(text).replace("[", "\\[")
