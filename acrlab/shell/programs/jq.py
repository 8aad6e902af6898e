"""jq: a subset of jq 1.7 for the JSON that az prints (`az acr list -o json | jq -r '.[].name'`).

Choice: many Azure tutorials pipe az into jq, so the lab runs the common filters for real rather than
refusing: paths (.a.b, .[0], .[], .[2:4], ."x", ?), pipes and commas, literals, [..] and {..} construction,
string interpolation, comparisons, and/or, arithmetic, //, if/elif/else, try/catch, reduce, `as $x`, and the
builtins in jq_builtins.py (length, keys, map, select, has, to_entries, sort_by, group_by, join, split, test,
@csv/@tsv/@sh/@base64 ...). A real jq builtin the lab lacks (del, paths, walk, input, dates, ...) and
`def`/`foreach`/assignment operators fail with a message that says so and points at az's --query, never
with a wrong answer. Options: -r -j -c -n -s -e -S --tab --indent N --arg --argjson -M -C."""

from __future__ import annotations

import json

from ..session import IO, Session
from .jq_eval import Evaluator, JqError, dump, normal, truthy
from .jq_parse import JqCompileError, parse

USAGE = ("Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n"
         "\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\n"
         "jq is a tool for processing JSON inputs, applying the given filter to\n"
         "its JSON text inputs and producing the filter's results as JSON on\nstandard output.\n")
HELP_HINT = "Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq"
SHORT = {"r": "raw", "j": "join", "c": "compact", "n": "null", "s": "slurp", "e": "exit", "S": "sort", "M": "",
         "C": "", "a": "ascii"}
LONG = {"--raw-output": "raw", "--join-output": "join", "--compact-output": "compact", "--null-input": "null",
        "--slurp": "slurp", "--exit-status": "exit", "--sort-keys": "sort", "--tab": "tab", "--monochrome-output": "",
        "--color-output": "", "--ascii-output": "ascii", "--raw-output0": "raw"}


def _inputs(text: str):
    """Yield (value, line) for each JSON text in the input; raises ValueError with jq's parse error text."""
    decoder = json.JSONDecoder()
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return
        try:
            value, end = decoder.raw_decode(text, i)
        except json.JSONDecodeError as e:
            what = "Invalid numeric literal" if e.msg.startswith("Expecting value") else \
                "Unfinished string" if "Unterminated string" in e.msg else "Unfinished JSON term"
            raise ValueError(f"jq: parse error: {what} at line {e.lineno}, column {e.colno}") from None
        nl = text.find("\n", end)
        line = text.count("\n", 0, (nl + 1) if nl >= 0 and not text[end:nl].strip() else end)
        i = end
        yield value, line


def _format(v, opts: dict) -> str:
    if opts.get("raw") and isinstance(v, str):
        return v
    v = normal(v)
    indent = None if opts.get("compact") else ("\t" if opts.get("tab") else " " * opts.get("indent", 2))
    if indent == "":
        indent = None
    return json.dumps(v, ensure_ascii=bool(opts.get("ascii")), indent=indent, sort_keys=bool(opts.get("sort")),
                      separators=(",", ":") if indent is None else (",", ": "))


def jq(sh: Session, argv: list[str], io: IO) -> int:
    opts: dict = {}
    variables: dict = {"$ENV": dict(sh.env)}
    positional: list[str] = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("-h", "--help"):
            io.out(USAGE, end="")
            return 0
        if a in ("--arg", "--argjson"):
            if len(args) < 2:
                io.err(f"jq: {a} takes two parameters (e.g. {a} varname value)\n{HELP_HINT}")
                return 2
            name, raw = args.pop(0), args.pop(0)
            if a == "--arg":
                variables[name] = raw
            else:
                try:
                    variables[name] = json.loads(raw)
                except ValueError:
                    io.err(f"jq: Invalid JSON text passed to --argjson\n{HELP_HINT}")
                    return 2
        elif a == "--indent":
            if not args or not args[0].isdigit() or int(args[0]) > 7:
                io.err("jq: Cannot indent more than 7 characters" if args and args[0].isdigit() else
                       f"jq: --indent takes one parameter\n{HELP_HINT}")
                return 2
            opts["indent"] = int(args.pop(0))
        elif a in LONG:
            opts[LONG[a]] = True
        elif a.startswith("-") and len(a) > 1 and not a.startswith("--") and all(c in SHORT for c in a[1:]):
            for c in a[1:]:
                opts[SHORT[c]] = True
        elif a.startswith("-") and len(a) > 1:
            io.err(f"jq: Unknown option: {a}\n{HELP_HINT}")
            return 2
        else:
            positional.append(a)
    if opts.get("join"):
        opts["raw"] = True
    filt = positional[0] if positional else "."
    try:
        program = parse(filt)
    except RecursionError:
        io.err("jq: error: the filter is nested too deeply for this lab's jq\njq: 1 compile error")
        return 3
    except JqCompileError as e:
        io.err(f"jq: error: {e} at <top-level>, line 1:\n{filt}\njq: 1 compile error")
        return 3
    sources: list[tuple[str, str]] = []
    for path in positional[1:]:
        content = sh.read_file(path)
        if content is None:
            io.err(f"jq: error: Could not open {path}: No such file or directory")
            return 2
        sources.append((path, content))
    if not positional[1:]:
        sources.append(("<stdin>", io.stdin))
    return _run(program, filt, sources, variables, opts, io)


def _run(program, filt: str, sources, variables: dict, opts: dict, io: IO) -> int:
    ev = Evaluator(variables)
    status, last, produced = 0, None, False
    try:
        values = [] if opts.get("null") else [(v, f"{src}:{line}") for src, text in sources
                                                for v, line in _inputs(text)]
    except ValueError as e:
        io.err(str(e))
        return 2
    if opts.get("slurp") and not opts.get("null"):
        values = [([v for v, _ in values], values[-1][1] if values else "<stdin>:0")]
    if opts.get("null"):
        values = [(None, "<unknown>")]
    for value, where in values:
        try:
            for out in ev.run(program, value):
                produced, last = True, out
                io.out(_format(out, opts), end="" if opts.get("join") else "\n")
        except JqError as e:
            msg = e.value if isinstance(e.value, str) else f"{dump(e.value)} (not a string)"
            io.err(f"jq: error (at {where}): {msg}")
            status = 5
        except JqCompileError as e:
            io.err(f"jq: error: {e} at <top-level>, line 1:\n{filt}\njq: 1 compile error")
            return 3
        except RecursionError:
            io.err(f"jq: error (at {where}): the data or filter is nested too deeply for this lab's jq")
            status = 5
    if status:
        return status
    if opts.get("exit"):
        return 4 if not produced else (0 if truthy(last) else 1)
    return 0


PROGRAMS = {"jq": jq}
