"""Saving a lab session from `acrlab lab --plain` (`save FILE`, or `export FILE.sh|.ps1|.json`).

- `.json`: the session export `acrlab grade` replays exactly (bash and PowerShell commands, in order);
- `.sh`: a runnable bash script of the commands as typed; a question answered `y` at az's prompt becomes
  `--yes` on that command (a command answered `n` did nothing and is kept as a comment), so the script runs
  unattended and regrades to the same score as `check`;
- `.ps1`: the same for a session typed in PowerShell mode (`-Force` for answered confirmations).
A file that exists is only overwritten after the learner says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

EXTENSIONS = (".sh", ".ps1", ".json")
_SUBST = re.compile(r"\$\([^()]*\)")


def _simple_az(line: str) -> bool:
    """A single az command (command substitutions allowed): a --yes at its end answers its prompt."""
    if not line.startswith("az ") or "\n" in line:
        return False
    previous = None
    while previous != line:
        previous, line = line, _SUBST.sub("X", line)
    return not re.search(r"[|;&<>`()]", line)


class SaveError(ValueError):
    pass


def wants_save(word: str, rest: str) -> bool:
    """`export FILE.sh` saves the session; every other `export` is bash's builtin."""
    arg = rest.strip()
    return word == "export" and " " not in arg and "=" not in arg and arg.lower().endswith(EXTENSIONS)


def _with_answer(cmd: dict, flag: str) -> str | None:
    """The command as a script line, or None when it must be a comment (a prompt answered no)."""
    text = cmd["text"]
    answers = cmd.get("answers") or []
    if not answers:
        return text
    if any(a.strip().lower() not in ("y", "yes") for a in answers):
        return None
    line = text.strip()
    if flag == "--yes" and _simple_az(line) and " --yes" not in line and " -y" not in line:
        return f"{line} --yes"
    if flag == "-Force" and " -Force" not in line:
        return f"{line} -Force"
    return f"{text}  # answer y to its prompt"


def script_text(commands: list[dict], scenario_id: str, seed: int, kind: str) -> str:
    shell = "pwsh" if kind == ".ps1" else "bash"
    used = {c.get("mode") or c.get("shell", "bash") for c in commands}
    if used - {shell}:
        other = ", ".join(sorted(used - {shell}))
        raise SaveError(f"this session also used {other}: save it as a .json file, which replays every shell "
                        "exactly")
    flag = "-Force" if shell == "pwsh" else "--yes"
    head = (f"#!/usr/bin/env bash\n# acrlab lab {scenario_id} (seed {seed}): grade with "
            f"`acrlab grade {scenario_id} FILE" + (f" --seed {seed}" if seed else "") + "`\n") if shell == "bash" else \
        (f"# acrlab lab {scenario_id} (seed {seed}): grade with `acrlab grade {scenario_id} FILE"
         + (f" --seed {seed}" if seed else "") + "`\n")
    lines = [head]
    for cmd in commands:
        line = _with_answer(cmd, flag)
        if line is None:
            lines.append("# answered n at its prompt, so it changed nothing:\n# " + cmd["text"].replace("\n", "\n# "))
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def save_session(ls, path: str, ask: Callable[[str], str | None]) -> str:
    """Write the session to `path` (asking before overwriting); returns what to tell the learner."""
    from pathlib import Path

    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in EXTENSIONS:
        raise SaveError(f"save to a .sh, .ps1 or .json file (got {path!r})")
    if target.is_dir():
        raise SaveError(f"{path} is a directory")
    if target.exists():
        answer = ask(f"{path} exists. Overwrite it? [y/N] ")
        if answer is None or answer.strip().lower() not in ("y", "yes"):
            return f"not saved: {path} was left as it was"
    if suffix == ".json":
        text = json.dumps(ls.export_session(), indent=2) + "\n"
    else:
        text = script_text(ls.commands, ls.raw.id, ls.seed, suffix)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        raise SaveError(f"cannot write {path}: {e.strerror or e}") from None
    seed = f" --seed {ls.seed}" if ls.seed else ""
    return f"saved {len(ls.commands)} command(s) to {path} (grade it with `acrlab grade {ls.raw.id} {path}{seed}`)"
