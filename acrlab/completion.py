"""Tab completion for the lab terminal (the app's pane and `acrlab shell`'s readline).

Programs, az groups/commands, flags and choices come from the az COMMANDS table; resource names (groups,
registries, repositories, locations) come from the tenant the terminal works on; other words from the
working directory's entries. No Textual here: the app and the plain shell both use it.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Names = Callable[[str, list[str]], list[str]]
"""`names(kind, words)`: resource names of a kind ('group', 'acr', 'location', 'repository') for the
command whose words (after `az`) are typed so far."""

SEPARATORS = ("|", "&&", "||", ";", "(", "{", "$(", "`")


@dataclass
class Completion:
    """What a Tab press offers: the new line (common prefix applied) and the candidates to show."""

    line: str
    candidates: list[str] = field(default_factory=list)


def _tokens(line: str) -> list[str]:
    try:
        lex = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
        lex.whitespace_split = True
        return list(lex)
    except ValueError:  # an open quote: complete on plain words
        return line.split()


def _option_value_kind(arg: Any) -> str | None:
    """Which resource names fill an argument's value, from az's own defaults keys and argument names."""
    if arg.default_key in ("group", "acr", "location"):
        return arg.default_key
    if arg.dest in ("resource_group", "resource_group_name"):
        return "group"
    if arg.dest in ("registry_name", "registry"):
        return "acr"
    if arg.dest in ("location",):
        return "location"
    if arg.dest in ("repository", "repository_name"):
        return "repository"
    return None


def az_candidates(words: list[str], current: str, names: Names | None = None) -> list[str]:
    """Candidates for `current` after the az words already typed (not including 'az')."""
    from acrlab.shell.az import framework as fw

    fw.load()
    path_words: list[str] = []
    for w in words:
        if w.startswith("-"):
            break
        path_words.append(w)
    cmd, used, _grp = fw.find_command(path_words)
    if cmd is not None and used == len(path_words):
        if words and words[-1].startswith("-"):
            opt = words[-1]
            for a in cmd.args + fw.GLOBAL_ARGS:
                if opt in a.option_list:
                    if a.choices:
                        return sorted(c for c in a.choices if c.lower().startswith(current.lower()))
                    if a.kind == "bool":
                        return [c for c in ("false", "true") if c.startswith(current.lower())]
                    kind = _option_value_kind(a)
                    if kind and names is not None:
                        return sorted(n for n in names(kind, words) if n.startswith(current))
                    if a.kind not in ("flag",):
                        return []
        if current.startswith("-") or not current:
            typed = set(words)
            opts: list[str] = []
            for a in cmd.args + fw.GLOBAL_ARGS:
                if a.hidden or a.kind == "positional":
                    continue
                longs = [o for o in a.option_list if o.startswith("--")] or a.option_list
                if any(o in typed for o in a.option_list) and a.kind not in ("append", "repeat"):
                    continue
                opts.extend(o for o in longs if o.startswith(current or "--"))
            return sorted(set(opts))
        return []
    group_path = " ".join(path_words)
    if group_path and group_path not in fw.GROUPS and not any(c.startswith(group_path + " ") for c in fw.COMMANDS):
        return []
    subgroups, cmds = fw.children(group_path)
    return sorted(n for n in list(subgroups) + list(cmds) if n.startswith(current))


def word_candidates(line: str, programs: list[str], files: list[str] | None = None,
                    names: Names | None = None) -> tuple[str, list[str]]:
    """(the word being completed, its candidates) for the end of `line`."""
    ends_with_space = line.endswith((" ", "\t")) or line == ""
    toks = _tokens(line)
    current = "" if ends_with_space else (toks[-1] if toks else "")
    before = toks if ends_with_space else toks[:-1]
    # complete within the last simple command of a pipeline / list
    cut = max((k + 1 for k, t in enumerate(before) if t in SEPARATORS or t.endswith(SEPARATORS[3:])), default=0)
    before = before[cut:]
    if current in SEPARATORS:
        current, before = "", []
    if not before:
        return current, sorted(p for p in set(programs) if p.startswith(current))
    if before[0] == "az":
        return current, az_candidates(before[1:], current, names)
    return current, sorted(f for f in (files or []) if f.startswith(current))


def complete(line: str, programs: list[str], files: list[str] | None = None, names: Names | None = None) -> Completion:
    """Complete the last word of `line`; `programs` are the shell's commands, `files` the cwd's entries."""
    current, cands = word_candidates(line, programs, files, names)
    if not cands:
        return Completion(line, [])
    prefix = os.path.commonprefix(cands)
    stem = line[: len(line) - len(current)] if current else line
    if len(cands) == 1:
        return Completion(stem + cands[0] + " ", [])
    return Completion(stem + prefix if len(prefix) > len(current) else line, cands)


def tenant_names(cloud: Any) -> Names:
    """Resource names read from a tenant (every call reads the current state)."""

    def names(kind: str, words: list[str]) -> list[str]:
        if kind == "group":
            return sorted(g.name for g in cloud.subscription.resource_groups.values())
        if kind == "acr":
            return sorted(r.name for r in cloud.registries.values())
        if kind == "location":
            from acrlab.engine.locations import LOCATIONS

            return sorted(LOCATIONS)
        if kind == "repository":
            registry = None
            for k, w in enumerate(words[:-1]):
                if w in ("--name", "-n", "--registry", "-r"):
                    registry = cloud.find_registry(words[k + 1])
            return sorted(registry.store.repositories) if registry is not None else []
        return []
    return names


def shell_programs() -> list[str]:
    """Every command the lab shell runs: its programs and its builtins/keywords a learner types first."""
    from acrlab.shell.session import programs

    return sorted(set(programs()) | {"cd", "export", "if", "for", "while", "function", "unset", "source"})
