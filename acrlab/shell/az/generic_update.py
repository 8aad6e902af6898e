"""azure-cli's generic update arguments (`--set`, `--add`, `--remove`, `--force-string`), applied to the JSON of
the resource az has just read, before it writes the whole resource back. Paths and texts follow azure-cli core
azure/cli/core/commands/arm.py (set_properties, add_properties, remove_properties, _find_property): keys are
matched case-insensitively, `a.b[0].c` indexes lists, a value is parsed as JSON when it parses (else kept as text,
or always kept as text with --force-string)."""

from __future__ import annotations

import json
import re

from ...engine.errors import CliError
from .framework import Arg

ARGS = [
    Arg("set", "--set", "Update an object by specifying a property path and value to set. Example: --set "
        "property1.property2=<value>.", kind="append"),
    Arg("add", "--add", "Add an object to a list of objects by specifying a path and key value pairs. Example: "
        "--add property.listProperty <key=value, string or JSON string>.", kind="append"),
    Arg("remove", "--remove", "Remove a property or an element from a list. Example: --remove property.list "
        "<indexToRemove> OR --remove propertyToRemove.", kind="append"),
    Arg("force_string", "--force-string", "When using 'set' or 'add', preserve string literals instead of "
        "attempting to convert to JSON.", kind="flag"),
]
"""The four arguments of every generic update command."""

_PART = re.compile(r"([^.\[\]]+)|\[(-?\d+)\]")


def _split(path: str) -> list[str | int]:
    parts: list[str | int] = []
    pos = 0
    for m in _PART.finditer(path):
        if path[pos:m.start()] not in ("", "."):
            raise CliError(f"Invalid path: '{path}'")
        parts.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if not parts or pos != len(path):
        raise CliError(f"Invalid path: '{path}'")
    return parts


def _value(text: str, force_string: bool):
    if force_string:
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _key(obj: dict, name: str) -> str | None:
    return name if name in obj else next((k for k in obj if k.lower() == name.lower()), None)


def _step(obj, part, walked: str):
    if isinstance(part, int):
        if not isinstance(obj, list):
            raise CliError(f"'{walked}' is not a list and cannot be indexed.")
        try:
            return obj[part]
        except IndexError:
            raise CliError(f"index {part} doesn't exist on {walked}") from None
    if not isinstance(obj, dict):
        raise CliError(f"Couldn't find '{part}' in '{walked}'.")
    key = _key(obj, part)
    if key is None:
        raise CliError(f"Couldn't find '{part}' in '{walked}'. Available options: {sorted(obj)}")
    return obj[key]


def _walk(instance, parts: list[str | int]):
    obj, walked = instance, ""
    for part in parts:
        obj = _step(obj, part, walked or "")
        walked = f"{walked}[{part}]" if isinstance(part, int) else (f"{walked}.{part}" if walked else part)
    return obj, walked


def apply(instance: dict, sets: list[str], adds: list[list[str]], removes: list[list[str]],
          force_string: bool = False) -> dict:
    """Apply the arguments in az's order (set, add, remove) to `instance` (changed in place and returned)."""
    for expr in sets:
        path, eq, text = expr.partition("=")
        if not eq:
            raise CliError("usage error: --set KEY=VALUE [KEY=VALUE ...]")
        parts = _split(path)
        parent, walked = _walk(instance, parts[:-1])
        last = parts[-1]
        if isinstance(last, int):
            if not isinstance(parent, list) or not -len(parent) <= last < len(parent):
                raise CliError(f"index {last} doesn't exist on {walked}")
            parent[last] = _value(text, force_string)
        elif isinstance(parent, dict):
            parent[_key(parent, last) or last] = _value(text, force_string)
        else:
            raise CliError(f"Couldn't find '{last}' in '{walked}'.")
    for path, *values in adds:
        target, walked = _walk(instance, _split(path))
        if not isinstance(target, list):
            raise CliError(f"invalid syntax: --add {path}: '{walked}' is not a list")
        for v in values:
            if "=" in v and not v.lstrip().startswith(("{", "[")):
                target.append(dict(p.split("=", 1) for p in values))
                break
            target.append(_value(v, force_string))
    for path, *index in removes:
        parts = _split(path)
        if index:
            target, walked = _walk(instance, parts)
            if not isinstance(target, list):
                raise CliError(f"'{walked}' is not a list")
            try:
                target.pop(int(index[0]))
            except (ValueError, IndexError):
                raise CliError(f"index {index[0]} doesn't exist on {walked}") from None
            continue
        parent, walked = _walk(instance, parts[:-1])
        last = parts[-1]
        if isinstance(parent, dict) and not isinstance(last, int) and _key(parent, last) is not None:
            del parent[_key(parent, last)]
        elif isinstance(parent, list) and isinstance(last, int) and -len(parent) <= last < len(parent):
            parent.pop(last)
        else:
            raise CliError(f"Couldn't find '{last}' in '{walked}'.")
    return instance
