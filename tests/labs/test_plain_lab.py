"""`acrlab lab ID --plain` reads well in an 80-column terminal: its help fits, and the narrative prints without
Markdown's ** markers."""

from __future__ import annotations

import io

from acrlab.labs.play import play


def test_plain_lab_help_fits_80_columns_and_the_narrative_has_no_markdown_bold():
    out = io.StringIO()
    assert play("partner-token-broken", 0, stdin=io.StringIO("help\nquit\n"), out=out) == 0
    text = out.getvalue()
    assert "with token `partner-pull`" in text and "**" not in text
    help_lines = text[text.index("Lab commands"):].splitlines()
    assert all(len(line) < 80 for line in help_lines), [ln for ln in help_lines if len(ln) >= 80]
