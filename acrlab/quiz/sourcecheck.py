"""Check the bank's quoted sources against a local copy of Microsoft's documentation.

``acrlab quiz validate --docs DIR [--docs DIR2]`` maps each source URL to the Markdown file of its
article in a docs checkout (MicrosoftDocs/azure-management-docs, MicrosoftDocs/azure-docs, ...) and
checks that the quote occurs in the article word for word (after the Markdown is reduced to its text:
links to their text, emphasis and code marks dropped, includes inlined, whitespace collapsed).
A URL whose article is in none of the given checkouts (or whose quote may sit in an included file the
checkout lacks) is reported as not checked, never as wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .models import DOCS_PREFIX, Source

_LOCALE = re.compile(r"^[a-z]{2}-[a-z]{2}/")
_INCLUDE = re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(([^)]+)\)\]", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_HTML = re.compile(r"<[^>]+>")
_ALERT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
MISSING_INCLUDE = "[include not in this checkout]"
_TRANSLATE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                            "\u2014": "-", "\u00a0": " "})


@dataclass(frozen=True)
class SourceCheck:
    fact: str
    url: str
    status: str  # "ok" | "missing" | "unchecked"
    detail: str = ""


def article_relpaths(url: str) -> list[str]:
    """Candidate paths of the article's Markdown inside a docs repository (``articles/...``)."""
    if not url.startswith(DOCS_PREFIX):
        return []
    rest = _LOCALE.sub("", url[len(DOCS_PREFIX):]).split("#", 1)[0].split("?", 1)[0].strip("/")
    if rest.startswith("azure/"):
        rest = rest[len("azure/"):]
    return [f"articles/{rest}.md", f"articles/{rest}.yml", f"articles/{rest}/index.md"]


def find_article(url: str, roots: Iterable[Path]) -> Path | None:
    for root in roots:
        for rel in article_relpaths(url):
            p = Path(root) / rel
            if p.is_file():
                return p
    return None


def plain_text(path: Path, depth: int = 0) -> str:
    """The article's text as a reader sees it (includes inlined, Markdown marks removed)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[end + 4:]

    def include(m: re.Match[str]) -> str:
        target = (path.parent / m.group(1)).resolve()
        if depth < 3 and target.is_file():
            return plain_text(target, depth + 1)
        return f" {MISSING_INCLUDE} "
    text = _INCLUDE.sub(include, text)
    return normalize(text)


def normalize(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _REFLINK.sub(r"\1", text)
    text = _ALERT.sub(" ", text)
    text = _HTML.sub(" ", text)
    text = text.translate(_TRANSLATE)
    text = re.sub(r"(?m)^\s*(>\s*)+", " ", text)  # block quotes
    text = re.sub(r"(?m)^[\s|:-]*-{3,}[\s|:-]*$", " ", text)  # table separator rows
    text = re.sub(r"(?m)^\s*[-*+]\s+|^\s*\d+\.\s+|^#+\s*", " ", text)  # list marks and headings
    text = re.sub(r"\*\*|__|`|\*", "", text)
    text = text.replace("|", " ")
    return re.sub(r"\s+", " ", text).strip()


def check_sources(facts: dict[str, Source], roots: Iterable[Path]) -> list[SourceCheck]:
    roots = [Path(r) for r in roots]
    cache: dict[Path, str] = {}
    out = []
    for fact, src in sorted(facts.items()):
        path = find_article(src.url, roots)
        if path is None:
            out.append(SourceCheck(fact, src.url, "unchecked", "article not in the given docs checkouts"))
            continue
        if path not in cache:
            cache[path] = plain_text(path)
        quote = normalize(src.quote)
        if quote in cache[path]:
            out.append(SourceCheck(fact, src.url, "ok"))
        elif normalize(MISSING_INCLUDE) in cache[path]:
            out.append(SourceCheck(fact, src.url, "unchecked",
                                   f"not in {path.name}; it may be in an included file this checkout lacks"))
        else:
            out.append(SourceCheck(fact, src.url, "missing", f"quote not found in {path.name}: {src.quote!r}"))
    return out


__all__ = ["SourceCheck", "article_relpaths", "check_sources", "find_article", "normalize", "plain_text"]
