"""Learn pages: Markdown files (data) with a YAML front matter naming the seed section, objectives, labs, notebook."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

PAGES_DIR = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    section: str
    body: str
    objectives: list[str] = field(default_factory=list)
    labs: list[str] = field(default_factory=list)
    notebook: str | None = None


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
                notebook=meta.get("notebook"))


@cache
def pages() -> tuple[Page, ...]:
    """Every page, in file-name order (the files are numbered in the seed's order)."""
    return tuple(parse_page(p) for p in sorted(PAGES_DIR.glob("*.md")))


def page(slug: str) -> Page | None:
    return next((p for p in pages() if p.slug == slug), None)
