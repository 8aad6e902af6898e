"""`tree` (GNU tree 2.x): a directory listed depth-first with box-drawing branches, hidden files left out (the
lab's `.keep` markers of empty directories among them), then the count of directories and files. Options: -a
(hidden files too), -d (directories only), -L N (depth). Source: Old-Man-Programmer/tree (tree.c, list.c)."""

from __future__ import annotations

from ...engine import budget
from ..session import IO, Session

PROGRAMS: dict = {}


def _children(sh: Session, path: str, show_all: bool, dirs_only: bool) -> list[tuple[str, bool]]:
    names = sh.list_dir(path) or []
    out = []
    for name in names:
        if name.startswith(".") and not show_all:
            continue
        child = f"{path.rstrip('/')}/{name}"
        is_dir = sh.read_file(child) is None
        if dirs_only and not is_dir:
            continue
        out.append((name, is_dir))
    return sorted(out, key=lambda x: (x[0].lower(), x[0]))


def tree(sh: Session, argv: list[str], io: IO) -> int:
    show_all = dirs_only = False
    depth = 0
    roots: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-L":
            if i + 1 >= len(argv) or not argv[i + 1].isdigit() or int(argv[i + 1]) < 1:
                io.err("tree: Invalid level, must be greater than 0.")
                return 1
            depth, i = int(argv[i + 1]), i + 1
        elif a.startswith("-") and a != "-" and set(a[1:]) <= {"a", "d"}:
            show_all |= "a" in a
            dirs_only |= "d" in a
        elif a.startswith("-"):
            io.err(f"tree: Invalid argument `{a}'.")
            return 1
        else:
            roots.append(a)
        i += 1
    counts = [0, 0]
    code = 0

    def walk(path: str, prefix: str, level: int) -> None:
        kids = _children(sh, path, show_all, dirs_only)
        for n, (name, is_dir) in enumerate(kids):
            budget.checkpoint()
            end = n == len(kids) - 1
            io.out(prefix + ("└── " if end else "├── ") + name)
            counts[0 if is_dir else 1] += 1
            if is_dir and (not depth or level < depth):
                walk(f"{path.rstrip('/')}/{name}", prefix + ("    " if end else "│   "), level + 1)

    for root in roots or ["."]:
        if sh.read_file(root) is not None:
            io.out(f"{root}  [error opening dir]")
            counts[1] += 1
            code = 2
            continue
        if sh.list_dir(root) is None:
            io.out(f"{root}  [error opening dir]")
            code = 2
            continue
        io.out(root)
        walk(sh.abspath(root), "", 1)
    d, f = counts
    summary = f"{d} director{'y' if d == 1 else 'ies'}"
    io.out(f"\n{summary}" + ("" if dirs_only else f", {f} file{'' if f == 1 else 's'}"))
    return code


PROGRAMS["tree"] = tree
