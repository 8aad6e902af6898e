"""Bash builtins for scripts: test/[, read, break/continue/return, local, shift, set."""

from __future__ import annotations

import re

from ..bash_arith import int64
from ..bash_vars import readonly
from ..session import IO, Session


def test_(sh: Session, argv: list[str], io: IO, bracket: bool = False) -> int:
    from ..bash_cond import CondError, test
    from ..executor_compound import condition_context

    name = "[" if bracket else "test"
    args = list(argv)
    if bracket:
        if not args or args[-1] != "]":
            io.err("bash: [: missing `]'")
            return 2
        args.pop()
    try:
        return 0 if test(args, condition_context(sh, io)) else 1
    except CondError as e:
        io.err(f"bash: {name}: {e}")
        return 2


def read(sh: Session, argv: list[str], io: IO) -> int:
    """read [-r] [-p prompt] [NAME...]: one line from the compound command's stdin (or this command's)."""
    names, raw, i = [], False, 0
    while i < len(argv):
        a = argv[i]
        if a == "-r":
            raw = True
        elif a in ("-p", "-t", "-n", "-d", "-u") and i + 1 < len(argv):
            i += 1
        elif a in ("-s", "-e"):
            pass
        elif a.startswith("-") and len(a) > 1:
            io.err(f"bash: read: {a}: invalid option\nread: usage: read [-ers] [-d delim] [-n nchars] [-p prompt] "
                   "[-t timeout] [name ...]")
            return 2
        else:
            if not re.fullmatch(r"[A-Za-z_]\w*", a):
                io.err(f"bash: read: `{a}': not a valid identifier")
                return 1
            names.append(a)
        i += 1
    feed = getattr(io, "feed", None)
    if feed is not None:
        line = feed.readline()
    else:
        line = io.stdin.split("\n", 1)[0] + "\n" if io.stdin else None
    if line is None:
        for n in names or ["REPLY"]:
            sh.env[n] = ""
        return 1
    complete = line.endswith("\n")
    line = line.rstrip("\n")
    if not raw:
        line = re.sub(r"\\(.)", r"\1", line)
    if not names:
        sh.env["REPLY"] = line
        return 0 if complete else 1
    parts = line.strip(" \t").split(None, len(names) - 1) if line.strip() else []
    for k, n in enumerate(names):
        sh.env[n] = parts[k].rstrip(" \t") if k < len(parts) else ""
    return 0 if complete else 1


def _loop_control(kind: str):
    def run(sh: Session, argv: list[str], io: IO) -> int:
        from ..executor import LoopControl

        levels = 1
        if argv:
            parsed = int64(argv[0])
            if parsed is None:
                io.err(f"bash: {kind}: {argv[0]}: numeric argument required")
                return 1
            levels = parsed
            if levels < 1:
                io.err(f"bash: {kind}: {argv[0]}: loop count out of range")
                return 1
        if not sh.state.get("_loop_depth"):
            io.err(f"bash: {kind}: only meaningful in a `for', `while', or `until' loop")
            return 0
        raise LoopControl(kind, min(levels, sh.state["_loop_depth"]))

    return run


def return_(sh: Session, argv: list[str], io: IO) -> int:
    from ..executor import ReturnFromFunction

    if not sh.state.get("_frames"):
        io.err("bash: return: can only `return' from a function or sourced script")
        return 1
    if argv and int64(argv[0]) is None:
        io.err(f"bash: return: {argv[0]}: numeric argument required")
        raise ReturnFromFunction(2)
    raise ReturnFromFunction(int64(argv[0]) % 256 if argv else sh.last_exit)


def local(sh: Session, argv: list[str], io: IO) -> int:
    frames = sh.state.get("_frames")
    if not frames:
        io.err("bash: local: can only be used in a function")
        return 1
    code = 0
    for a in argv:
        name, eq, value = a.partition("=")
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            io.err(f"bash: local: `{a}': not a valid identifier")
            code = 1
            continue
        if name in readonly(sh):
            io.err(f"bash: local: {name}: readonly variable")
            code = 1
            continue
        frames[-1].setdefault(name, sh.env.get(name))
        if eq:
            sh.env[name] = value
        else:
            sh.env.setdefault(name, "")
    return code


def shift(sh: Session, argv: list[str], io: IO) -> int:
    n = int64(argv[0]) if argv else 1
    if n is None or n < 0:
        io.err(f"bash: shift: {argv[0]}: {'numeric argument required' if n is None else 'shift count out of range'}")
        return 1
    args = sh.state.get("_argv") or []
    if n > len(args):
        return 1
    sh.state["_argv"] = args[n:]
    return 0


SET_OPTIONS = {"e": "errexit", "x": "xtrace", "u": "nounset", "f": "noglob"}
LONG_OPTIONS = ("errexit", "noglob", "nounset", "pipefail", "xtrace")
SHOPT_OPTIONS = ("nullglob",)


def set_(sh: Session, argv: list[str], io: IO) -> int:
    """set -e (errexit), -u (nounset), -x (xtrace), -f (noglob), -o pipefail, combined (-euo pipefail);
    `set -o` / `set +o` list them; other words become the positional parameters."""
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--":
            sh.state["_argv"] = args
            return 0
        if a[:1] not in ("-", "+") or len(a) < 2:
            sh.state["_argv"] = [a] + args
            return 0
        on = a[0] == "-"
        for c in a[1:]:
            if c == "o":
                if not args or args[0][:1] in ("-", "+"):
                    for opt in LONG_OPTIONS:
                        state = bool(sh.state.get(opt))
                        io.out(f"{opt:<15}\t{'on' if state else 'off'}" if on else
                               f"set {'-' if state else '+'}o {opt}")
                    continue
                opt = args.pop(0)
                if opt not in LONG_OPTIONS:
                    io.err(f"bash: set: {opt}: invalid option name")
                    return 1
                sh.state[opt] = on
            elif c in SET_OPTIONS:
                sh.state[SET_OPTIONS[c]] = on
            else:
                io.err(f"bash: set: {a[0]}{c}: invalid option\n"
                       "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [arg ...]")
                return 2
    return 0


def shopt(sh: Session, argv: list[str], io: IO) -> int:
    """shopt [-s|-u] nullglob (the one shell option the lab's pathname expansion honours)."""
    mode = argv[0] if argv and argv[0] in ("-s", "-u", "-q", "-p") else ""
    names = argv[1:] if mode else argv
    code = 0
    for name in names or list(SHOPT_OPTIONS):
        if name not in SHOPT_OPTIONS:
            io.err(f"bash: shopt: {name}: invalid shell option name")
            code = 1
        elif mode in ("-s", "-u"):
            sh.state[name] = mode == "-s"
        elif mode == "-q":
            code = code or (0 if sh.state.get(name) else 1)
        else:
            state = bool(sh.state.get(name))
            io.out(f"shopt {'-s' if state else '-u'} {name}" if mode == "-p" else
                   f"{name:<15}\t{'on' if state else 'off'}")
    return code


def exec_(sh: Session, argv: list[str], io: IO) -> int:
    """exec CMD ARGS: run the command in place of the shell (the script ends with its status)."""
    from ..executor import run_program
    from ..session import ExitShell

    if not argv:
        io.err("bash: exec: changing the shell's own redirections is not supported in this lab shell; "
               "redirect each command instead")
        return 1
    raise ExitShell(run_program(sh, argv, io))


PROGRAMS = {
    "test": test_, "[": lambda sh, argv, io: test_(sh, argv, io, bracket=True), "read": read,
    "break": _loop_control("break"), "continue": _loop_control("continue"), "return": return_, "local": local,
    "shift": shift, "set": set_, "shopt": shopt, "exec": exec_,
}
