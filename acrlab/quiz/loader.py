"""Load and validate bank YAML files, reporting file, field path and line for every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .models import TYPES, BankFile

BANK_DIR = Path(__file__).parent / "bank"


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class BankError(Exception):
    """Raised when one or more bank files are malformed; ``issues`` lists every problem."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


@dataclass
class ParsedFile:
    path: Path
    model: BankFile
    root: yaml.Node

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        return node_line(self.root, loc)


def format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in TYPES or str(part).startswith("function-"):
            continue  # discriminator tags and validator names are not fields
        else:
            out += ("." if out else "") + str(part)
    return out


def node_line(root: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    """Line (1-based) of the deepest YAML node that ``loc`` reaches."""
    node = root
    for part in loc:
        nxt = None
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == str(part):
                    nxt = v
                    break
        if nxt is None:
            continue  # discriminator tag or a missing field: stay at the parent
        node = nxt
    return node.start_mark.line + 1


def _compose(text: str) -> tuple[Any, yaml.Node | None]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def parse_file(path: Path) -> ParsedFile:
    """Parse one bank file. Raises :class:`BankError` (never a bare traceback) on any problem."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError([Issue(name, None, "", f"cannot read file: {exc}")]) from None
    try:
        data, root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        msg = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise BankError([Issue(name, line, "", f"YAML syntax error: {msg}")]) from None
    except yaml.YAMLError as exc:
        raise BankError([Issue(name, None, "", f"YAML error: {exc}")]) from None
    if root is None or not isinstance(data, dict):
        raise BankError([Issue(name, 1, "", "file must be a mapping with 'items:' and/or 'objectives:'")])
    try:
        model = BankFile.model_validate(data)
    except ValidationError as exc:
        issues = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            msg = re.sub(r"^Value error, ", "", err["msg"])
            issues.append(Issue(name, node_line(root, loc), format_loc(loc), msg))
        raise BankError(issues) from None
    return ParsedFile(Path(path), model, root)


def bank_files(directory: Path | None = None) -> list[Path]:
    d = Path(directory) if directory else BANK_DIR
    return sorted(p for p in d.glob("*.yaml"))
