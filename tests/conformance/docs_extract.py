"""Extract the code blocks of container-registry docs pages into checked-in data (commands only, no prose), so the
docs tests run offline:

    python tests/conformance/docs_extract.py <azure-management-docs checkout> <page> [<page> ...]
    python tests/conformance/docs_extract.py <azure-management-docs checkout> --inventory

writes tests/conformance/docs_blocks/<page>.json: the checkout's commit, and per block its heading, language and
code. Source: MicrosoftDocs/azure-management-docs articles/container-registry/<page>.md. `--inventory` writes
acrlab/coverage_data/docs_pages.json instead: every page of the folder with its number of command blocks (the
list the conformance tally in docs/coverage.md counts against)."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

OUT = pathlib.Path(__file__).with_name("docs_blocks")
INVENTORY = pathlib.Path(__file__).resolve().parents[2] / "acrlab" / "coverage_data" / "docs_pages.json"
FOLDER = "articles/container-registry/"
FENCE = re.compile(r"^(\s*(?:>\s*)?)```([\w-]*)\s*$")


def blocks(markdown: str) -> list[dict]:
    out, heading, lines, lang, indent = [], "", None, "", ""
    for raw in markdown.split("\n"):
        m = FENCE.match(raw)
        if lines is None:
            if raw.startswith("#"):
                heading = raw.lstrip("#").strip()
            elif m:
                lines, lang, indent = [], m.group(2).lower(), m.group(1)
            continue
        unclosed = indent and raw.strip() and not raw.startswith(indent)  # a list item's fence left open
        if m or unclosed:
            out.append({"heading": heading, "lang": lang, "code": "\n".join(lines).rstrip() + "\n"})
            lines = None
            if unclosed and raw.startswith("#"):
                heading = raw.lstrip("#").strip()
            continue
        lines.append(raw[len(indent):] if raw.startswith(indent) else raw.lstrip())
    return out


def _show(repo: pathlib.Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def inventory(repo: pathlib.Path, commit: str) -> dict:
    from docs import COMMAND_LANGS  # run as a script: this folder is on sys.path

    files = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", FOLDER],
                           capture_output=True, text=True, check=True).stdout.split()
    pages = []
    for f in sorted(f for f in files if f.endswith(".md")):
        found = blocks(_show(repo, f))
        pages.append({"page": f[len(FOLDER):-3],
                      "command_blocks": sum(b["lang"] in COMMAND_LANGS for b in found)})
    return {"source": f"MicrosoftDocs/azure-management-docs {FOLDER}*.md", "revision": commit, "pages": pages}


def main(argv: list[str]) -> int:
    repo, pages = pathlib.Path(argv[0]), argv[1:]
    commit = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %cs"], capture_output=True, text=True,
                            check=True).stdout.strip()
    if pages == ["--inventory"]:
        INVENTORY.write_text(json.dumps(inventory(repo, commit), indent=1) + "\n", encoding="utf-8")
        return 0
    OUT.mkdir(exist_ok=True)
    for page in pages:
        text = _show(repo, f"{FOLDER}{page}.md")
        data = {"source": f"MicrosoftDocs/azure-management-docs {FOLDER}{page}.md",
                "revision": commit, "blocks": blocks(text)}
        (OUT / f"{page.replace('/', '__')}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
