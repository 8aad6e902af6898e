"""Shell builtins and small coreutils: echo, cat, ls, export, cd, head, sleep, ..."""

from __future__ import annotations

from ..session import IO, ExitShell, Session


def echo(sh: Session, argv: list[str], io: IO) -> int:
    """bash's echo: leading words made only of -n/-e/-E letters are options; -e reads backslash escapes."""
    from .echo_escapes import interpret_escapes

    newline, interpret, args = True, False, list(argv)
    while args and len(args[0]) > 1 and args[0][0] == "-" and set(args[0][1:]) <= set("neE"):
        flag = args.pop(0)
        for c in flag[1:]:
            newline = newline and c != "n"
            interpret = c == "e" if c in "eE" else interpret
    text = " ".join(args)
    if interpret:
        text, stop = interpret_escapes(text)
        if stop:
            newline = False
    io.out(text, end="\n" if newline else "")
    return 0


def cat(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv == ["-"]:
        io.out(io.stdin, end="")
        return 0
    code = 0
    for path in argv:
        content = sh.read_file(path)
        if content is None:
            if sh.list_dir(path) is not None and sh.list_dir(path):
                io.err(f"cat: {path}: Is a directory")
            else:
                io.err(f"cat: {path}: No such file or directory")
            code = 1
            continue
        io.out(content, end="")
    return code


def ls(sh: Session, argv: list[str], io: IO) -> int:
    paths = [a for a in argv if not a.startswith("-")] or ["."]
    code = 0
    for path in paths:
        if sh.read_file(path) is not None:
            io.out(path)
            continue
        names = sh.list_dir(path)
        if names is None:
            io.err(f"ls: cannot access '{path}': No such file or directory")
            code = 2
            continue
        if names:
            io.out("  ".join(names))
    return code


def cd(sh: Session, argv: list[str], io: IO) -> int:
    target = argv[0] if argv else "~"
    path = sh.abspath(target)
    if sh.list_dir(path) is None and path not in ("/", "/home/learner"):
        io.err(f"bash: cd: {target}: No such file or directory")
        return 1
    sh.host.cwd = path
    return 0


def pwd(sh: Session, argv: list[str], io: IO) -> int:
    io.out(sh.host.cwd)
    return 0


def mkdir(sh: Session, argv: list[str], io: IO) -> int:
    """GNU mkdir: an existing path or a missing parent is an error unless -p (which makes the parents)."""
    parents = any(a.startswith("-") and not a.startswith("--") and "p" in a for a in argv) or "--parents" in argv
    code = 0
    for a in argv:
        if a.startswith("-"):
            continue
        parent = sh.abspath(a.rstrip("/") or "/").rsplit("/", 1)[0] or "/"
        if sh.read_file(a) is not None or sh.list_dir(a) is not None:
            if not parents or sh.read_file(a) is not None:
                io.err(f"mkdir: cannot create directory '{a}': File exists")
                code = 1
            continue
        if not parents and sh.list_dir(parent) is None:
            io.err(f"mkdir: cannot create directory '{a}': No such file or directory")
            code = 1
            continue
        sh.write_file(a.rstrip("/") + "/.keep", "")
    return code


def touch(sh: Session, argv: list[str], io: IO) -> int:
    for a in argv:
        if sh.read_file(a) is None:
            sh.write_file(a, "")
    return 0


def rm(sh: Session, argv: list[str], io: IO) -> int:
    code = 0
    for a in [x for x in argv if not x.startswith("-")]:
        p = sh.abspath(a)
        if p in sh.host.files:
            del sh.host.files[p]
        elif "-r" in argv or "-rf" in argv:
            for k in [k for k in sh.host.files if k.startswith(p + "/")]:
                del sh.host.files[k]
        elif "-f" not in argv:
            io.err(f"rm: cannot remove '{a}': No such file or directory")
            code = 1
    return code


def _lines_of(sh: Session, argv: list[str], io: IO) -> list[str] | None:
    files = [a for a in argv if not a.startswith("-")]
    if files:
        content = sh.read_file(files[0])
        if content is None:
            return None
        return content.splitlines()
    return io.stdin.splitlines()


def _count(digits: str) -> int:
    """A line count; GNU head/tail take any size (a count past the file is the whole file)."""
    return int(digits) if len(digits) <= 18 else 10**18


def head(sh: Session, argv: list[str], io: IO, tail: bool = False) -> int:
    n = 10
    args = list(argv)
    if "-n" in args:
        i = args.index("-n")
        n = _count(args[i + 1]) if i + 1 < len(args) and args[i + 1].isdigit() else 10
        del args[i:i + 2]
    elif args and args[0].startswith("-") and args[0][1:].isdigit():
        n = _count(args.pop(0)[1:])
    lines = _lines_of(sh, args, io)
    if lines is None:
        io.err(f"{'tail' if tail else 'head'}: cannot open '{args[0]}' for reading: No such file or directory")
        return 1
    for line in (lines[-n:] if tail else lines[:n]) if n else []:
        io.out(line)
    return 0


def sleep(sh: Session, argv: list[str], io: IO) -> int:
    from ...engine.clock import parse_duration

    try:
        d = parse_duration(argv[0] if argv[0][-1:].isalpha() else argv[0] + "s")
    except IndexError:
        io.err("sleep: missing operand\nTry 'sleep --help' for more information.")
        return 1
    except ValueError as e:
        io.err(f"sleep: {e}" if "too long" in str(e) else
               f"sleep: invalid time interval '{argv[0]}'\nTry 'sleep --help' for more information.")
        return 1
    try:
        sh.cloud.clock.advance(d)
    except ValueError as e:
        io.err(f"sleep: {e}")
        return 1
    return 0


def exit_(sh: Session, argv: list[str], io: IO) -> int:
    """`exit [n]`: the status is n modulo 256 (`exit 300` is 44, `exit -1` is 255), as bash reports it."""
    code = sh.last_exit
    if len(argv) > 1 and argv[0].strip().lstrip("+-").isdigit():
        io.err("bash: exit: too many arguments")
        return 1
    if argv:
        arg = argv[0].strip()
        digits = arg.lstrip("+-")
        if not digits.isdigit() or not digits.isascii() or len(digits) > 19 or int(arg) >= 2**63 or int(arg) < -2**63:
            io.err(f"bash: exit: {argv[0]}: numeric argument required")
            code = 2
        else:
            code = int(arg)
    raise ExitShell(code & 0xFF)


def history(sh: Session, argv: list[str], io: IO) -> int:
    """The kept history (the last HISTSIZE lines), numbered from the session's first line, as bash does."""
    first = sh.history_count - len(sh.history) + 1
    for i, line in enumerate(sh.history, first):
        io.out(f"{i:5d}  {line}")
    return 0


def whoami(sh: Session, argv: list[str], io: IO) -> int:
    io.out("learner" if sh.host.kind == "workstation" else "azureuser")
    return 0


def hostname(sh: Session, argv: list[str], io: IO) -> int:
    io.out(sh.host.name)
    return 0


def base64_(sh: Session, argv: list[str], io: IO) -> int:
    import base64 as b64

    data = io.stdin
    if "-d" in argv or "--decode" in argv:
        try:
            io.out(b64.b64decode(data.strip() + "==").decode(errors="replace"), end="")
        except ValueError:
            io.err("base64: invalid input")
            return 1
    else:
        io.out(b64.b64encode(data.encode()).decode())
    return 0


def true_(sh, argv, io) -> int:
    return 0


def false_(sh, argv, io) -> int:
    return 1


def clear(sh, argv, io) -> int:
    return 0


PROGRAMS = {
    "echo": echo, "cat": cat, "ls": ls, "cd": cd,
    "pwd": pwd, "mkdir": mkdir, "touch": touch, "rm": rm, "head": head,
    "tail": lambda sh, argv, io: head(sh, argv, io, tail=True), "sleep": sleep, "exit": exit_,
    "logout": exit_, "history": history, "whoami": whoami, "hostname": hostname, "base64": base64_,
    "true": true_, "false": false_, "clear": clear, ":": true_,
}
