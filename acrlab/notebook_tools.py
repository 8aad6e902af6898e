"""`acrlab notebooks student OUT_DIR`: copies of the walkthrough notebooks with the reference solutions removed."""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

SOLUTION_TAG = "solution"
PLACEHOLDER = "# YOUR ANSWER HERE: replace this line with your commands, then run the check cell below.\n"


def default_dir() -> pathlib.Path:
    """The notebooks shipped inside the package (a source checkout's `notebooks/` links here)."""
    return pathlib.Path(__file__).resolve().parent / "notebooks"


def strip_solutions(nb: dict) -> tuple[dict, int]:
    """Replace every cell tagged `solution` with a placeholder that keeps its magic line; clear outputs."""
    removed = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        tags = cell.get("metadata", {}).get("tags", [])
        if SOLUTION_TAG in tags:
            src = "".join(cell.get("source", []))
            first = src.splitlines()[0] if src.startswith("%%") else ""
            cell["source"] = (first + "\n" if first else "") + PLACEHOLDER
            cell["metadata"]["tags"] = [t for t in tags if t != SOLUTION_TAG] + ["exercise"]
            removed += 1
    return nb, removed


def student_copies(src: pathlib.Path, out: pathlib.Path) -> list[tuple[str, int]]:
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for path in sorted(src.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        nb, removed = strip_solutions(nb)
        (out / path.name).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        done.append((path.name, removed))
    return done


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="acrlab notebooks", description="Notebook tools.")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("student", help="write copies of the notebooks with the solutions removed")
    s.add_argument("out_dir")
    s.add_argument("--from", dest="src", default=None, help="folder of notebooks (default: the shipped ones)")
    args = p.parse_args(argv)
    src = pathlib.Path(args.src) if args.src else default_dir()
    if not src.is_dir() or not list(src.glob("*.ipynb")):
        print(f"acrlab notebooks: no notebooks found in {src}", file=sys.stderr)
        return 2
    try:
        done = student_copies(src, pathlib.Path(args.out_dir))
    except (OSError, json.JSONDecodeError) as e:
        print(f"acrlab notebooks: {e}", file=sys.stderr)
        return 2
    for name, removed in done:
        print(f"{name}: {removed} solution cell(s) removed")
    print(f"Wrote {len(done)} student notebooks to {args.out_dir}")
    return 0
