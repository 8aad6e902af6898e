"""Variable builtins: declare/typeset, readonly, export, unset (attributes live in acrlab.shell.bash_vars)."""

from __future__ import annotations

from ..bash_vars import NAME, assign, describe, exported, readonly
from ..session import IO, Session

DECLARE_USAGE = "declare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]"
UNSUPPORTED = {"a": "indexed arrays", "A": "associative arrays", "n": "name references", "i": "integer variables",
               "l": "lower-case variables", "u": "upper-case variables", "t": "trace attributes", "I": "-I"}


def _set(sh: Session, prog: str, word: str, io: IO, make_readonly: bool, export: bool, local: bool) -> int:
    name, eq, value = word.partition("=")
    if not NAME.fullmatch(name):
        io.err(f"bash: {prog}: `{word}': not a valid identifier")
        return 1
    if eq and name in readonly(sh):
        io.err(f"bash: {prog}: {name}: readonly variable" if prog != "declare" else f"bash: {name}: readonly variable")
        return 1
    frames = sh.state.get("_frames")
    if local and frames:
        frames[-1].setdefault(name, sh.env.get(name))
        if not eq:
            sh.env.setdefault(name, "")
    if eq:
        assign(sh, name, value)
    if make_readonly:
        readonly(sh).add(name)
    if export:
        exported(sh).add(name)
    return 0


def _options(prog: str, argv: list[str], io: IO, allowed: str) -> tuple[dict[str, bool], list[str]] | int:
    opts: dict[str, bool] = {}
    args = list(argv)
    while args and args[0][:1] in ("-", "+") and len(args[0]) > 1:
        a = args.pop(0)
        if a == "--":
            break
        for c in a[1:]:
            if c in UNSUPPORTED and prog in ("declare", "typeset"):
                io.err(f"bash: {prog}: -{c}: {UNSUPPORTED[c]} are not supported in this lab shell")
                return 2
            if c not in allowed:
                io.err(f"bash: {prog}: {a[0]}{c}: invalid option")
                if prog in ("declare", "typeset"):
                    io.err(DECLARE_USAGE.replace("declare", prog))
                return 2
            opts[c] = a[0] == "-"
    return opts, args


def declare(sh: Session, argv: list[str], io: IO, prog: str = "declare") -> int:
    """declare [-rxpgfF] [name[=value] ...]: inside a function a declared name is local, unless -g."""
    parsed = _options(prog, argv, io, "rxpgfF")
    if isinstance(parsed, int):
        return parsed
    opts, names = parsed
    functions = sh.state.get("functions", {})
    if opts.get("F") or opts.get("f"):
        code = 0
        for name in names or sorted(functions):
            if name in functions:
                io.out(f"declare -f {name}")
            else:
                code = 1
        return code
    if opts.get("p") or not names:
        code = 0
        for name in names or sorted(sh.env):
            if name not in sh.env:
                io.err(f"bash: {prog}: {name}: not found")
                code = 1
            else:
                io.out(describe(sh, name))
        return code
    code = 0
    for word in names:
        code |= _set(sh, prog, word, io, bool(opts.get("r")), bool(opts.get("x")), local=not opts.get("g"))
        if opts.get("x") is False:
            exported(sh).discard(word.partition("=")[0])
    return code


def readonly_(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _options("readonly", argv, io, "p")
    if isinstance(parsed, int):
        return parsed
    _, names = parsed
    if not names:
        for name in sorted(readonly(sh)):
            if name in sh.env:
                io.out(describe(sh, name))
        return 0
    return max(_set(sh, "readonly", w, io, True, False, local=False) for w in names)


def export(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _options("export", argv, io, "pnf")
    if isinstance(parsed, int):
        return parsed
    opts, names = parsed
    if opts.get("f"):
        io.err("bash: export: -f: exporting functions is not supported in this lab shell")
        return 1
    if not names:
        for name in sorted(exported(sh)):
            if name in sh.env:
                io.out(describe(sh, name))
        return 0
    if opts.get("n"):
        for word in names:
            exported(sh).discard(word.partition("=")[0])
        return 0
    return max(_set(sh, "export", w, io, False, True, local=False) for w in names)


def unset(sh: Session, argv: list[str], io: IO) -> int:
    """unset [-v|-f] NAME...: a readonly variable cannot be unset."""
    args = list(argv)
    mode = ""
    while args and args[0] in ("-v", "-f"):
        mode = args.pop(0)[1]
    code = 0
    for name in args:
        if mode == "f":
            sh.state.get("functions", {}).pop(name, None)
            continue
        if not NAME.fullmatch(name):
            io.err(f"bash: unset: `{name}': not a valid identifier")
            code = 1
        elif name in readonly(sh):
            io.err(f"bash: unset: {name}: cannot unset: readonly variable")
            code = 1
        elif name in sh.env or mode == "v":
            sh.env.pop(name, None)
        else:  # plain `unset NAME` with no such variable removes a function of that name
            sh.state.get("functions", {}).pop(name, None)
    return code


PROGRAMS = {"declare": declare, "typeset": lambda sh, argv, io: declare(sh, argv, io, "typeset"),
            "readonly": readonly_, "export": export, "unset": unset}
