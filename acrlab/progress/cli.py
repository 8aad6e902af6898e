"""``acrlab progress export|import FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from .importing import MAX_IMPORT_BYTES
from .store import StoreError, open_store


def read_bounded(path: Path) -> str:
    """The file's text, refusing more than MAX_IMPORT_BYTES (so /dev/zero or a huge file cannot exhaust memory)."""
    with open(path, "rb") as f:
        data = f.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise StoreError(f"{path} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; "
                         "not a progress export (nothing was imported)")
    return data.decode("utf-8")


def main(argv: list[str] | None = None, *, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    p = argparse.ArgumentParser(prog="acrlab progress", description="Export or import learning progress (JSON)")
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="write all progress to FILE ('-' for stdout)")
    e.add_argument("file")
    i = sub.add_parser("import", help="merge progress from FILE")
    i.add_argument("file", type=Path)
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        with open_store() as store:
            if args.cmd == "export":
                text = json.dumps(store.export_data(), indent=2)
                if args.file == "-":
                    print(text, file=out)
                else:
                    Path(args.file).write_text(text + "\n", encoding="utf-8")
                    print(f"exported progress to {args.file}", file=out)
                return 0
            try:
                data = json.loads(read_bounded(args.file))
            except OSError as exc:
                print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=out)
                return 2
            except UnicodeDecodeError:
                print(f"error: {args.file} is not UTF-8 text; nothing was imported", file=out)
                return 2
            except (json.JSONDecodeError, RecursionError) as exc:
                where = f" (line {exc.lineno}: {exc.msg})" if isinstance(exc, json.JSONDecodeError) else ""
                print(f"error: {args.file} is not valid JSON{where}; nothing was imported", file=out)
                return 2
            counts = store.import_data(data)
            print("imported: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=out)
            return 0
    except StoreError as exc:
        print(f"error: {exc}", file=out)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=out)
        return 2
