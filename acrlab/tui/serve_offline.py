"""textual-serve's page made fully offline: its Google Fonts link is replaced by the font textual-serve ships
(served from /static), and the page gets a favicon; nothing the browser loads comes from another machine."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

HERE = Path(__file__).parent / "serve_static"
FAVICON = HERE / "favicon.svg"

FONT_FACES = """<link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""

_REMOTE_STYLESHEET = re.compile(r"<link\s[^>]*href=\"https?://[^\"]*\"[^>]*/?>", re.S)


def offline_page(template: str) -> str:
    """The page template with every remote stylesheet link replaced by local font faces and a favicon."""
    page = _REMOTE_STYLESHEET.sub("", template)
    return page.replace("</head>", f"    {FONT_FACES}\n  </head>", 1)


def offline_templates(original_dir: Path) -> Path:
    """A folder holding textual-serve's templates made offline (the Server's `templates_path`)."""
    out = Path(tempfile.mkdtemp(prefix="acrlab-serve-"))
    for path in original_dir.glob("*.html"):
        (out / path.name).write_text(offline_page(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out
