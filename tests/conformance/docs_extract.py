"""Extract the code blocks of container-registry docs pages into checked-in data (commands only, no prose), so the
docs tests run offline:

    python tests/conformance/docs_extract.py <azure-management-docs checkout> <page> [<page> ...]

writes tests/conformance/docs_blocks/<page>.json: the checkout's commit, and per block its heading, language and
code. Source: MicrosoftDocs/azure-management-docs articles/container-registry/<page>.md."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

OUT = pathlib.Path(__file__).with_name("docs_blocks")
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


def main(argv: list[str]) -> int:
    repo, pages = pathlib.Path(argv[0]), argv[1:]
    commit = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %cs"], capture_output=True, text=True,
                            check=True).stdout.strip()
    OUT.mkdir(exist_ok=True)
    for page in pages:
        text = subprocess.run(["git", "-C", str(repo), "show", f"HEAD:articles/container-registry/{page}.md"],
                              capture_output=True, text=True, check=True).stdout
        data = {"source": f"MicrosoftDocs/azure-management-docs articles/container-registry/{page}.md",
                "revision": commit, "blocks": blocks(text)}
        (OUT / f"{page.replace('/', '__')}.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
