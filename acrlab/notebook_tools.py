"""`acrlab notebooks student OUT_DIR`: copies of the walkthrough notebooks with the reference solutions removed."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import shutil
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


def working_copies(src: pathlib.Path, out: pathlib.Path) -> list[str]:
    """Copy the shipped notebooks into `out`, never over a learner's own copy; returns the names copied."""
    out.mkdir(parents=True, exist_ok=True)
    copied = []
    for path in sorted(src.glob("*.ipynb")):
        target = out / path.name
        if not target.exists():
            shutil.copyfile(path, target)
            copied.append(path.name)
    return copied


def open_in_jupyter(args: argparse.Namespace) -> int:
    """`acrlab notebooks open [NAME]`: working copies in a folder of the learner's, opened in JupyterLab."""
    out = pathlib.Path(args.dir)
    name = pathlib.Path(args.name).name if args.name else ""
    if name and not (default_dir() / name).is_file():
        known = ", ".join(p.name for p in sorted(default_dir().glob("*.ipynb")))
        print(f"acrlab notebooks: no notebook {name!r}. Known: {known}", file=sys.stderr)
        return 2
    try:
        copied = working_copies(default_dir(), out)
    except OSError as e:
        print(f"acrlab notebooks: cannot write to {out}: {e.strerror}", file=sys.stderr)
        return 2
    print(f"{len(copied)} notebook(s) copied to {out} (your own copies there are kept as they are)")
    if importlib.util.find_spec("jupyterlab") is None:
        print("acrlab notebooks: JupyterLab is not installed: pip install 'acrlab[notebooks]'", file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "jupyterlab", str(out / name) if name else str(out)]
    if args.print_only:
        print(" ".join(command))
        return 0
    os.execv(sys.executable, command)
    return 0  # not reached


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="acrlab notebooks", description="Notebook tools.")
    sub = p.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("open", help="copy the walkthroughs into a folder of yours and open them in JupyterLab")
    o.add_argument("name", nargs="?", help="a notebook, e.g. 02_skus_and_limits.ipynb (default: the folder)")
    o.add_argument("--dir", default="acrlab-notebooks", help="where the copies go (default ./acrlab-notebooks)")
    o.add_argument("--print-only", action="store_true", help="print the JupyterLab command instead of running it")
    s = sub.add_parser("student", help="write copies of the notebooks with the solutions removed")
    s.add_argument("out_dir")
    s.add_argument("--from", dest="src", default=None, help="folder of notebooks (default: the shipped ones)")
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if args.cmd == "open":
        return open_in_jupyter(args)
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
