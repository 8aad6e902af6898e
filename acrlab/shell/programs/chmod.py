"""chmod [-R] MODE FILE... and bash's umask builtin.

chmod checks the mode (octal, or symbolic like +x, u+rw,go-w) and the files as GNU chmod does and keeps the new
permission bits in the host's `modes` (tar records them; nothing else enforces them: every file can be read,
written and run); a bad mode or a missing file is refused in GNU's words. The docs use it before committing a
script (MicrosoftDocs/azure-management-docs articles/container-registry/tasks-consume-public-content.md:
`chmod +x ./test.sh`). umask (octal, `-S`) sets the mask new files get (the archive tar makes), as
container-registry-content-trust.md's `umask 077; tar -zcvf ...; umask 022` needs."""

from __future__ import annotations

import re

from ..executor import IO
from ..session import Session

_SYMBOLIC = re.compile(r"^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$")


def chmod(sh: Session, argv: list[str], io: IO) -> int:
    args = [a for a in argv if a not in ("-R", "--recursive", "-v", "-c", "-f")]
    if len(args) < 2:
        io.err(f"chmod: missing operand{' after ' + repr(args[0]) if args else ''}\n"
               "Try 'chmod --help' for more information.")
        return 1
    mode, files = args[0], args[1:]
    if not (re.fullmatch(r"[0-7]{1,4}", mode) or all(_SYMBOLIC.match(part) for part in mode.split(","))):
        io.err(f"chmod: invalid mode: '{mode}'\nTry 'chmod --help' for more information.")
        return 1
    code = 0
    for f in files:
        is_file = sh.read_file(f) is not None
        if not is_file and sh.list_dir(f) is None:
            io.err(f"chmod: cannot access '{f}': No such file or directory")
            code = 1
            continue
        path = sh.abspath(f).rstrip("/") or "/"
        old = sh.host.modes.get(path, 0o644 if is_file else 0o755)
        sh.host.modes[path] = int(mode, 8) & 0o777 if mode.isdigit() else _symbolic(old, mode, sh.state)
    return code


_BITS = {"r": 4, "w": 2, "x": 1}
_SHIFT = {"u": 6, "g": 3, "o": 0}


def _symbolic(old: int, spec: str, state: dict) -> int:
    """GNU chmod's symbolic clauses over the permission bits (s and t are accepted and change nothing here)."""
    mode = old
    for clause in spec.split(","):
        who = re.match(r"[ugoa]*", clause).group()
        masked = not who  # no who: like a, but bits the umask clears are left alone
        targets = "ugo" if not who or "a" in who else who
        for op, perms in re.findall(r"([-+=])([rwxXstugo]*)", clause[len(who):]):
            for t in targets:
                if perms in ("u", "g", "o"):
                    bits = (mode >> _SHIFT[perms]) & 7
                else:
                    bits = sum(_BITS[p] for p in set(perms) if p in _BITS)
                    if "X" in perms and mode & 0o111:
                        bits |= 1
                shifted = bits << _SHIFT[t]
                if masked:
                    shifted &= ~state.get("umask", 0o022)
                if op == "+":
                    mode |= shifted
                elif op == "-":
                    mode &= ~shifted
                else:
                    mode = (mode & ~(7 << _SHIFT[t])) | shifted
    return mode


def umask(sh: Session, argv: list[str], io: IO) -> int:
    """bash's umask [-S] [MODE]: octal modes set the mask; with none it prints it (0022, or u=rwx,g=rx,o=rx)."""
    symbolic = "-S" in argv
    args = [a for a in argv if a != "-S"]
    for a in args:
        if a.startswith("-") and a != "-p":
            io.err(f"bash: umask: {a}: invalid option\numask: usage: umask [-p] [-S] [mode]")
            return 2
    args = [a for a in args if a != "-p"]
    if not args:
        mask = sh.state.get("umask", 0o022)
        if symbolic:
            io.out(",".join(f"{w}={''.join(p for p in 'rwx' if not mask >> _SHIFT[w] & _BITS[p])}" for w in "ugo"))
        else:
            io.out(f"{mask:04o}")
        return 0
    if not re.fullmatch(r"[0-7]+", args[0]):
        if re.fullmatch(r"[0-9]+", args[0]):
            io.err(f"bash: umask: {args[0]}: octal number out of range")
        else:  # bash takes u=rwx,g=,o= too; the lab asks for the octal form
            io.err(f"bash: umask: {args[0]}: the lab's umask takes an octal mode (such as 077), not a symbolic one")
        return 1
    sh.state["umask"] = int(args[0], 8) & 0o777
    return 0


PROGRAMS = {"chmod": chmod, "umask": umask}
