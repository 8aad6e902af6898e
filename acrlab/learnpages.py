"""The Learn pages: Markdown files (course content, like the question bank) with a YAML front matter.

Front matter: ``title``, ``short`` (optional: the title in the Learn index, which has room for ~24 characters),
``section`` (the course section it teaches), ``objectives`` (ids from the course
vocabulary, :mod:`acrlab.objectives`), ``labs`` (scenario ids) and ``notebooks``. The app shows them on
its Learn screen; the exam opens them the way the real exam opens Microsoft Learn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

PAGES_DIR = Path(__file__).parent / "tui" / "learn" / "pages"


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    section: str
    body: str
    objectives: list[str] = field(default_factory=list)
    labs: list[str] = field(default_factory=list)
    notebooks: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Fact ids from the question bank's sources (a Microsoft Learn URL and the sentence the page rests on)."""
    short: str = ""
    """The title as the Learn index shows it (the title itself when not given)."""

    @property
    def index_title(self) -> str:
        return self.short or self.title


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
    if not isinstance(meta, dict):
        raise PageError(f"{path.name}: front matter must be a mapping")
    for key in ("title", "section"):
        if key not in meta:
            raise PageError(f"{path.name}: front matter needs '{key}'")
    return Page(slug=path.stem.split("-", 1)[-1] if path.stem[:2].isdigit() else path.stem,
                title=str(meta["title"]), section=str(meta["section"]), body=body.strip() + "\n",
                objectives=[str(o) for o in meta.get("objectives", [])], labs=[str(x) for x in meta.get("labs", [])],
                notebooks=[str(n) for n in meta.get("notebooks", [meta["notebook"]] if meta.get("notebook") else [])],
                sources=[str(x) for x in meta.get("sources", [])], short=str(meta.get("short") or ""))


@cache
def pages() -> tuple[Page, ...]:
    """Every page, in file-name order (the files follow the course's order), its sources listed at the end."""
    facts = _facts()
    out = []
    for path in sorted(PAGES_DIR.glob("*.md")):
        p = parse_page(path)
        quoted = [facts[f] for f in p.sources if f in facts]
        if quoted:
            lines = "\n".join(f"- \"{q.quote}\" ({q.url})" for q in quoted)
            p = replace(p, body=p.body + f"\n## Sources\n\n{lines}\n")
        out.append(p)
    return tuple(out)


def _facts() -> dict:
    try:
        from acrlab.quiz.bank import default_bank
        return default_bank().sources
    except Exception:  # a broken bank is reported by quiz validate; the pages still show
        return {}


def page(slug: str) -> Page | None:
    return next((p for p in pages() if p.slug == slug), None)


def page_problems(directory: Path | None = None) -> list[str]:
    """Pages that do not parse, or name objectives outside the course vocabulary."""
    from .objectives import describe_unknown, unknown
    facts = _facts()
    out = []
    for path in sorted((directory or PAGES_DIR).glob("*.md")):
        try:
            p = parse_page(path)
        except (OSError, PageError) as e:
            out.append(str(e))
            continue
        if not p.objectives:
            out.append(f"{path.name}: front matter needs 'objectives' (ids from acrlab/objectives.py)")
        out += [f"{path.name}: objectives: {describe_unknown(o)}" for o in unknown(p.objectives)]
        if not p.sources:
            out.append(f"{path.name}: front matter needs 'sources' (fact ids from the bank's sources.yaml)")
        out += [f"{path.name}: sources: unknown fact {f!r}" for f in p.sources if f not in facts]
    return out


def list_pages() -> list[str]:
    return [p.title for p in pages()]


def find_page(words: str) -> str | None:
    """The text of the page whose title (or slug) best matches ``words``; None if nothing matches."""
    wanted = set(re.findall(r"[a-z0-9]+", words.lower()))
    best, score = None, 0
    for p in pages():
        have = set(re.findall(r"[a-z0-9]+", f"{p.title} {p.slug}".lower()))
        hits = len(wanted & have)
        if hits > score:
            best, score = p, hits
    return None if best is None else f"# {best.title}\n\n{best.body}"


__all__ = ["PAGES_DIR", "Page", "PageError", "find_page", "list_pages", "page", "page_problems", "pages",
           "parse_page"]
