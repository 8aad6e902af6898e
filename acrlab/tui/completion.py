"""Tab completion for the terminal pane: programs, az groups/commands, flags and choices (from the az COMMANDS table)."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field


@dataclass
class Completion:
    """What a Tab press offers: the new line (common prefix applied) and the candidates to show."""

    line: str
    candidates: list[str] = field(default_factory=list)


def _tokens(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def az_candidates(words: list[str], current: str) -> list[str]:
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


def complete(line: str, programs: list[str], files: list[str] | None = None) -> Completion:
    """Complete the last word of `line`; `programs` are the shell's commands, `files` the cwd's entries."""
    ends_with_space = line.endswith(" ") or line == ""
    toks = _tokens(line)
    current = "" if ends_with_space else (toks[-1] if toks else "")
    before = toks if ends_with_space else toks[:-1]
    # complete within the last simple command of a pipeline / list
    for sep in ("|", "&&", "||", ";"):
        if sep in before:
            before = before[len(before) - before[::-1].index(sep):]
    if not before:
        cands = sorted(p for p in programs if p.startswith(current))
    elif before[0] == "az":
        cands = az_candidates(before[1:], current)
    else:
        cands = sorted(f for f in (files or []) if f.startswith(current))
    if not cands:
        return Completion(line, [])
    prefix = os.path.commonprefix(cands)
    stem = line[: len(line) - len(current)] if current else line
    if len(cands) == 1:
        return Completion(stem + cands[0] + " ", [])
    return Completion(stem + prefix if len(prefix) > len(current) else line, cands)
