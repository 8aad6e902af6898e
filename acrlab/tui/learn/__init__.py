"""Learn pages in the app: the pages themselves (acrlab.learnpages), the labs and notebooks each one links to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from acrlab.learnpages import PAGES_DIR, Page, PageError, page, pages, parse_page

__all__ = ["PAGES_DIR", "Page", "PageError", "page", "pages", "parse_page", "labs_for", "notebook_path",
           "notebook_markdown", "NOTEBOOK_ROOT"]

NOTEBOOK_ROOT = Path(__file__).resolve().parents[2]
"""The package folder holding `notebooks/` (page front matter names notebooks relative to it; a source
checkout's top-level `notebooks/` links to the same folder)."""




def labs_for(p: Page, scenarios: Iterable[Any]) -> list[tuple[str, str]]:
    """(scenario id, title) for a page: the labs its front matter names, then those teaching its course section."""
    by_id = {str(getattr(sc, "id", "")): sc for sc in scenarios}
    picked = [sid for sid in p.labs if sid in by_id]
    picked += [sid for sid, sc in by_id.items()
               if sid not in picked and p.section in [str(x) for x in (getattr(sc, "seed_sections", None) or [])]]
    return [(sid, str(getattr(by_id[sid], "title", sid))) for sid in picked]


def notebook_path(name: str) -> Path:
    return NOTEBOOK_ROOT / name


def notebook_markdown(name: str) -> str:
    """A read-only view of a notebook: its Markdown cells as they are, its code cells as code blocks."""
    path = notebook_path(name)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"`{name}` is not here: it is not one of the notebooks shipped with acrlab."
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return f"`{name}` could not be read: {e}"
    parts = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        text = "".join(src) if isinstance(src, list) else str(src)
        if cell.get("cell_type") == "markdown":
            parts.append(text)
        elif cell.get("cell_type") == "code" and text.strip():
            parts.append(f"```python\n{text.rstrip()}\n```")
    return "\n\n".join(parts) or f"`{name}` has no cells."
