"""Load and validate bank YAML files, reporting file, field path and line for every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import yamlcheck
from ..yamlcheck import DataFileError, Issue
from .models import TYPES, BankFile

BANK_DIR = Path(__file__).parent / "bank"


class BankError(DataFileError):
    """Raised when one or more bank files are malformed; ``issues`` lists every problem."""


@dataclass
class ParsedFile:
    path: Path
    model: BankFile
    root: yaml.Node

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        return node_line(self.root, loc)


def _is_tag(loc: tuple[Any, ...], i: int) -> bool:
    part = loc[i]
    return part in TYPES or str(part).startswith("function-")  # discriminator tags and validator names


def format_loc(loc: tuple[Any, ...]) -> str:
    return yamlcheck.format_loc(loc, _is_tag)


def node_line(root: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    """Line (1-based) of the deepest YAML node that ``loc`` reaches."""
    return yamlcheck.node_line(root, loc, _is_tag)


def parse_file(path: Path) -> ParsedFile:
    """Parse one bank file. Raises :class:`BankError` (never a bare traceback) on any problem."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError([Issue(name, None, "", f"cannot read file: {exc}")]) from None
    data, root = yamlcheck.compose(text, name, BankError,
                                   "file must be a mapping with 'items:' and/or 'objectives:'")
    try:
        model = BankFile.model_validate(data)
    except ValidationError as exc:
        raise BankError(yamlcheck.validation_issues(exc, root, name, _is_tag)) from None
    return ParsedFile(Path(path), model, root)


def bank_files(directory: Path | None = None) -> list[Path]:
    d = Path(directory) if directory else BANK_DIR
    return sorted(p for p in d.glob("*.yaml"))
