"""awk as gawk runs it: `awk [-F fs] [-v var=value] [-f progfile | 'program'] [var=value | file]...`.
The language (patterns, ranges, functions, control flow, arrays, printf, the built-in functions) is in awk_lex,
awk_parse, awk_eval and awk_builtins; what the lab lacks (getline, output pipes, system(), gawk-only functions)
is refused by name, never answered wrongly."""

from __future__ import annotations

import re

from ..session import IO, Session
from .awk_eval import AwkError, Exit, Interpreter, Next, NextFile, StrNum, to_str, truth
from .awk_lex import STRING_ESCAPES, AwkSyntaxError
from .awk_parse import parse

USAGE = "Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] " \
        "[--] 'program' file ..."
_ASSIGNMENT = re.compile(r"[A-Za-z_]\w*=", re.S)


def _escapes(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: STRING_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def _records(text: str, rs: str) -> list[str]:
    if rs == "\n":
        parts = text.split("\n")
        if parts and parts[-1] == "":
            parts.pop()
        return parts
    if rs == "":  # paragraph mode: blank lines separate records
        return [p for p in re.split(r"\n\n+", text.strip("\n")) if p]
    if len(rs) == 1:
        parts = text.split(rs)
        if parts and parts[-1] in ("", "\n"):
            parts.pop()
        return parts
    raise AwkError("a multi-character RS (a regular expression record separator) is not available in this lab")


def awk(sh: Session, argv: list[str], io: IO) -> int:
    fs, variables, source, i = None, {}, None, 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("-") or a == "-":
            break
        if a.startswith("-F"):
            value = a[2:] or (argv[i + 1] if i + 1 < len(argv) else None)
            if value is None:
                io.err("awk: option requires an argument -- F\n" + USAGE)
                return 2
            fs = "\t" if value == "t" else _escapes(value)
            i += 1 if a[2:] else 2
        elif a.startswith("-v"):
            value = a[2:] or (argv[i + 1] if i + 1 < len(argv) else "")
            if not _ASSIGNMENT.match(value):
                io.err(f"awk: `{value}' argument to `-v' not in `var=value' form\n" + USAGE)
                return 2
            name, _, val = value.partition("=")
            variables[name] = StrNum(_escapes(val))
            i += 1 if a[2:] else 2
        elif a.startswith("-f"):
            path = a[2:] or (argv[i + 1] if i + 1 < len(argv) else "")
            content = sh.read_file(path)
            if content is None:
                io.err(f"awk: fatal: can't open source file `{path}' for reading: No such file or directory")
                return 2
            source = (source + "\n" if source else "") + content
            i += 1 if a[2:] else 2
        elif a in ("--version", "-V"):
            io.out("GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)")
            return 0
        else:
            io.err(f"awk: not an option: {a}\n" + USAGE)
            return 2
    if source is None:
        if i >= len(argv):
            io.err(USAGE)
            return 2
        source = argv[i]
        i += 1
    try:
        program = parse(source)
    except AwkSyntaxError as e:
        io.err(f"awk: cmd. line:{e.line}: {e.text}\nawk: cmd. line:{e.line}: {' ' * e.col}^ {e}")
        return 1
    if fs is not None:
        variables["FS"] = fs
    it = Interpreter(program, variables, io, sh, dict(sh.env))
    operands = argv[i:]
    it.globals["ARGV"] = {str(k): StrNum(v) for k, v in enumerate(["awk", *operands])}
    it.globals["ARGC"] = float(len(operands) + 1)
    code = _run(it, program, operands, sh, io)
    io.out("".join(it.out), end="")
    for path, chunks in it.files.items():
        sh.write_file(path, "".join(chunks))
    return code


def _run(it: Interpreter, program, operands: list[str], sh: Session, io: IO) -> int:
    try:
        try:
            for block in program.begin:
                it.run_block(block)
            if program.rules or program.end:
                _main_loop(it, program, operands, sh, io)
        except Exit as e:
            it.exit_code = e.code
            if not getattr(it, "in_end", False):
                try:
                    it.in_end = True
                    for block in program.end:
                        it.run_block(block)
                except Exit as e2:
                    return e2.code
            return e.code
        it.in_end = True
        for block in program.end:
            it.run_block(block)
    except Exit as e:
        return e.code
    except AwkError as e:
        io.out("".join(it.out), end="")
        it.out = []
        io.err(f"awk: cmd. line:1: fatal: {e}" if "(FILENAME" not in str(e) else f"awk: {e}")
        return 2
    except RecursionError:
        io.err("awk: cmd. line:1: fatal: the program nests too deeply (stopped by the lab)")
        return 2
    return it.exit_code


def _main_loop(it: Interpreter, program, operands: list[str], sh: Session, io: IO) -> None:
    inputs = [o for o in operands if not _ASSIGNMENT.match(o)] or ["-"]
    pending = list(operands) if any(not _ASSIGNMENT.match(o) for o in operands) else list(operands) + ["-"]
    for operand in pending:
        if _ASSIGNMENT.match(operand):
            name, _, val = operand.partition("=")
            it.globals[name] = StrNum(_escapes(val))
            continue
        if operand not in inputs:
            continue
        text = io.stdin if operand == "-" else sh.read_file(operand)
        if text is None:
            if sh.list_dir(operand):
                io.err(f"awk: warning: command line argument `{operand}' is a directory: skipped")
                continue
            raise AwkError(f"cannot open file `{operand}' for reading: No such file or directory")
        it.globals["FILENAME"] = "" if operand == "-" else operand
        it.globals["FNR"] = 0.0
        try:
            for record in _records(text, to_str(it.globals["RS"])):
                it.globals["NR"] = it.globals["NR"] + 1 if isinstance(it.globals["NR"], float) else 1.0
                it.globals["FNR"] = float(it.globals["FNR"]) + 1
                it.set_record(record)
                try:
                    _rules(it, program)
                except Next:
                    continue
        except NextFile:
            continue


def _rules(it: Interpreter, program) -> None:
    for pattern, body in program.rules:
        it.tick()
        if pattern is None:
            hit = True
        elif pattern[0] == "range":
            state = pattern[3]
            if state[0]:
                hit = True
                if truth(it.eval(pattern[2])):
                    state[0] = False
            elif truth(it.eval(pattern[1])):
                hit = True
                state[0] = not truth(it.eval(pattern[2]))
            else:
                hit = False
        else:
            hit = truth(it.eval(pattern))
        if not hit:
            continue
        if body is None:
            it.out.append(to_str(it.get_field(0)) + to_str(it.globals["ORS"]))
        else:
            it.run_block(body)


PROGRAMS = {"awk": awk, "gawk": awk}
