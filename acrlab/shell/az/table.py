"""The az command table: declared commands (@command), groups and their arguments (Arg)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from . import output


@dataclass
class Arg:
    """One argument: `dest` is the handler's name for it; `options` as az spells them ('--name -n')."""

    dest: str
    options: str
    help: str = ""
    required: bool = False
    kind: str = "str"  # str | flag | bool | int | list | star | append | repeat | positional
    choices: list[str] | None = None
    default: Any = None
    default_key: str | None = None
    """`az configure --defaults` key that fills this argument (group, location, acr)."""
    deprecated: bool = False
    hidden: bool = False
    redirect: str | None = None
    """For a deprecated option alias: the option to use instead (knack prints a warning when it is used)."""
    id_part: str | None = None
    """Which part of an ARM resource id this argument is ('name', 'child_name_1', ...): commands with a 'name' part
    accept `--ids` instead (see ids.py); `resource_group` gets 'resource_group' automatically, as in az core."""
    group: str | None = None
    """The help section ('Resource Id' prints under 'Resource Id Arguments'); None is plain 'Arguments'."""

    @property
    def option_list(self) -> list[str]:
        return self.options.split()

    @property
    def display(self) -> str:
        return "/".join(self.option_list)


@dataclass
class Command:
    path: str
    handler: Callable
    summary: str
    args: list[Arg] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)
    table: Callable | None = None
    long_summary: str = ""
    deprecated_redirect: str | None = None
    confirmation: bool = False
    preview: bool = False
    id_required: list[str] = field(default_factory=list)
    """Arguments that `--ids` made optional but that are needed when it is absent (az: '(--name | --ids) are
    required')."""


@dataclass
class Group:
    path: str
    summary: str


GLOBAL_ARGS = [
    Arg("_debug", "--debug", "Increase logging verbosity to show all debug logs.", kind="flag"),
    Arg("_help", "--help -h", "Show this help message and exit.", kind="flag"),
    Arg("_only_show_errors", "--only-show-errors", "Only show errors, suppressing warnings.", kind="flag"),
    Arg("_output", "--output -o", "Output format.", choices=output.FORMATS, default="json"),
    Arg("_query", "--query", "JMESPath query string. See http://jmespath.org/ for more information and examples."),
    Arg("_subscription", "--subscription", "Name or ID of subscription. You can configure the default subscription "
        "using `az account set -s NAME_OR_ID`."),
    Arg("_verbose", "--verbose", "Increase logging verbosity. Use --debug for full debug logs.", kind="flag"),
]

COMMANDS: dict[str, Command] = {}
DECLARED_IN: dict[str, list[str]] = {}
"""command path -> the modules that declared it (checked against commands.MODULES by tests/test_lazy_tables.py)."""
GROUPS: dict[str, Group] = {"": Group("", "Azure command-line interface (simulated by acrlab).")}


def group(path: str, summary: str) -> None:
    GROUPS[path] = Group(path, summary)


def command(path: str, summary: str, args: list[Arg] | None = None, examples=None, table=None, **kw):
    """Declare an az command; the decorated function is `handler(ctx, a) -> result`."""

    def deco(fn):
        from .ids import add_ids_argument

        cmd = Command(path, fn, summary, list(args or []), list(examples or []), table, **kw)
        add_ids_argument(cmd)
        COMMANDS[path] = cmd
        DECLARED_IN.setdefault(path, []).append(sys._getframe(1).f_globals.get("__name__", ""))
        return fn

    return deco


@cache
def load() -> None:
    """Import every command module (help for a group, completion, coverage, an unknown command's advice)."""
    import pkgutil

    pkg = importlib.import_module("acrlab.shell.az.commands")
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        importlib.import_module(f"acrlab.shell.az.commands.{info.name}")


_LOADED_KEYS: set[str] = set()


def load_for(words: list[str]) -> None:
    """Import the modules that may declare a command named by a prefix of `words` (`commands.MODULES`), so
    `az group create` imports only the group commands."""
    from .commands import MAX_DEPTH, MODULES

    for n in range(1, min(len(words), MAX_DEPTH) + 1):
        key = " ".join(words[:n])
        if key in _LOADED_KEYS:
            continue
        for module in MODULES.get(key, ()):
            importlib.import_module(f"acrlab.shell.az.commands.{module}")
        _LOADED_KEYS.add(key)
