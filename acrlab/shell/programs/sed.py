"""GNU sed: `sed [-n] [-E|-r] [-s] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...` with the common
commands (s y p P d D n N q Q = a i c h H g G x b t T : { } ! r w z F) and GNU's messages and exit codes.
Scripts are read by sed_parse.py; regular expressions are posix_re's (BRE by default, ERE with -E)."""

from __future__ import annotations

from ..session import IO, Session
from .posix_re import RegexTooCostly
from .sed_parse import Parser, SedError
from .sed_run import Run

USAGE = ("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n"
         "  -n, --quiet, --silent\n                 suppress automatic printing of pattern space")
def sed(sh: Session, argv: list[str], io: IO) -> int:
    expressions, files, quiet, extended, separate = [], [], False, False, False
    in_place: str | None = None
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            files += argv[i:]
            break
        if a in ("-n", "--quiet", "--silent"):
            quiet = True
        elif a in ("-E", "-r", "--regexp-extended"):
            extended = True
        elif a in ("-s", "--separate"):
            separate = True
        elif a in ("-u", "--unbuffered", "--posix", "--follow-symlinks"):
            continue
        elif a.startswith("-i") or a.startswith("--in-place"):
            in_place = a[2:] if a.startswith("-i") else a.partition("=")[2]
            separate = True
        elif a in ("-e", "--expression") or a.startswith("--expression="):
            value = a.partition("=")[2] if "=" in a else (argv[i] if i < len(argv) else None)
            if value is None:
                io.err("sed: option requires an argument -- 'e'\n" + USAGE)
                return 1
            i += 0 if "=" in a else 1
            expressions.append(value)
        elif a in ("-f", "--file"):
            if i >= len(argv):
                io.err("sed: option requires an argument -- 'f'\n" + USAGE)
                return 1
            content = io.stdin if argv[i] == "-" else sh.read_file(argv[i])
            if content is None:
                io.err(f"sed: couldn't open file {argv[i]}: No such file or directory")
                return 1
            expressions.append(content.rstrip("\n"))
            i += 1
        elif a.startswith("-") and len(a) > 1 and a[1] in "nErs" and set(a[1:]) <= set("nErs"):
            quiet = quiet or "n" in a
            extended = extended or "E" in a or "r" in a
            separate = separate or "s" in a
        elif a.startswith("-") and len(a) > 1:
            option = a.lstrip("-")
            if a.startswith("--"):
                io.err(f"sed: unrecognized option '{a}'\n" + USAGE)
            elif option[0] in "zl":
                io.err(f"sed: option -{option[0]} is not available in this lab")
            else:
                io.err(f"sed: invalid option -- '{option[0]}'\n" + USAGE)
            return 1
        else:
            files.append(a)
    if not expressions:
        if not files:
            io.err(USAGE)
            return 1
        expressions.append(files.pop(0))
    try:
        script = Parser(expressions, extended).parse()
    except SedError as e:
        io.err(f"sed: {e}")
        return 1
    if in_place is not None and not files:
        io.err("sed: no input files")
        return 1
    sources, code = [], 0
    for f in files or ["-"]:
        content = io.stdin if f == "-" else sh.read_file(f)
        if content is None:
            io.err(f"sed: can't read {f}: No such file or directory")
            code = 2
            continue
        sources.append((f, content))
    quiet = quiet or script.quiet_comment
    try:
        if in_place is not None:
            for name, content in sources:
                run = Run(sh, script, quiet, io)
                run.run([(name, content)], True)
                if in_place:
                    sh.write_file(name + in_place if "*" not in in_place else in_place.replace("*", name), content)
                sh.write_file(name, "".join(run.out))
                _write_files(sh, run)
            return code
        run = Run(sh, script, quiet, io)
        exit_code = run.run(sources, separate)
    except (SedError, RegexTooCostly) as e:
        io.err(f"sed: {e}")
        return 4
    io.out("".join(run.out), end="")
    _write_files(sh, run)
    return exit_code or code


def _write_files(sh: Session, run: Run) -> None:
    for path, chunks in run.writes.items():
        if path in ("/dev/stdout", "/dev/stderr"):
            (run.io.out if path == "/dev/stdout" else run.io.err)("".join(chunks), end="")
        else:
            sh.write_file(path, "".join(chunks))


PROGRAMS = {"sed": sed}
