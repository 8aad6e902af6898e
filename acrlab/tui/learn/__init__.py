"""Learn pages: Markdown files (data) with a YAML front matter naming the seed section, objectives, labs, notebooks."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PAGES_DIR = Path(__file__).parent / "pages"
NOTEBOOK_ROOT = Path(__file__).resolve().parents[2]
"""The package folder holding `notebooks/` (page front matter names notebooks relative to it; a source
checkout's top-level `notebooks/` links to the same folder)."""


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    section: str
    body: str
    objectives: list[str] = field(default_factory=list)
    labs: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)


class PageError(ValueError):
    pass


def parse_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise PageError(f"{path.name}: missing front matter (--- ... ---)")
    try:
        head, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head) or {}
    except (ValueError, yaml.YAMLError) as e:
        raise PageError(f"{path.name}: bad front matter: {e}") from None
    for key in ("title", "section"):
        if key not in meta:
            raise PageError(f"{path.name}: front matter needs '{key}'")
    return Page(slug=path.stem.split("-", 1)[-1] if path.stem[:2].isdigit() else path.stem,
                title=str(meta["title"]), section=str(meta["section"]), body=body.strip() + "\n",
                objectives=[str(o) for o in meta.get("objectives", [])], labs=[str(x) for x in meta.get("labs", [])],
                notebooks=[str(n) for n in meta.get("notebooks", [meta["notebook"]] if meta.get("notebook") else [])])


@cache
def pages() -> tuple[Page, ...]:
    """Every page, in file-name order (the files are numbered in the seed's order)."""
    return tuple(parse_page(p) for p in sorted(PAGES_DIR.glob("*.md")))


def page(slug: str) -> Page | None:
    return next((p for p in pages() if p.slug == slug), None)


def labs_for(p: Page, scenarios: Iterable[Any]) -> list[tuple[str, str]]:
    """(scenario id, title) for a page: the labs its front matter names, then those teaching its seed section."""
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
