"""Small text utilities for scripts: seq, sort, uniq, tr, cut, xargs, tee (awk is in awk.py)."""

from __future__ import annotations

import re
from datetime import UTC

from ..session import IO, Session


def _input(sh: Session, files: list[str], io: IO, prog: str) -> str | None:
    if not files or files == ["-"]:
        return io.stdin
    parts = []
    for f in files:
        content = sh.read_file(f)
        if content is None:
            io.err(f"{prog}: {f}: No such file or directory")
            return None
        parts.append(content)
    return "".join(parts)


def seq(sh: Session, argv: list[str], io: IO) -> int:
    sep, args = "\n", []
    it = iter(argv)
    for a in it:
        if a in ("-s", "--separator"):
            sep = next(it, "\n")
        elif a == "-w":
            continue
        else:
            args.append(a)
    if not args:
        io.err("seq: missing operand\nTry 'seq --help' for more information.")
        return 1
    if len(args) > 3:
        io.err(f"seq: extra operand '{args[3]}'\nTry 'seq --help' for more information.")
        return 1
    nums = []
    for a in args:
        try:
            nums.append(int(a))
        except ValueError:
            io.err(f"seq: invalid floating point argument: '{a}'\nTry 'seq --help' for more information.")
            return 1
    first, step, last = (1, 1, nums[0]) if len(nums) == 1 else (nums[0], 1, nums[1]) if len(nums) == 2 else nums
    if step == 0:
        io.err(f"seq: invalid Zero increment value: '{args[1]}'\nTry 'seq --help' for more information.")
        return 1
    values = range(first, last + (1 if step > 0 else -1), step)
    if (last - first) // step >= 100_000:  # (len() overflows past 2**63 numbers)
        io.err("seq: more than 100000 numbers requested; this lab stops there")
        values = range(first, first + 100_000 * step, step)
    if values:
        io.out(sep.join(str(v) for v in values))
    return 0


def _options(argv: list[str], with_value: set[str]) -> tuple[dict[str, str], list[str]] | str:
    """Short options (-rn, -k2, -k 2, -t:), long --x; returns (opts, operands) or the bad option."""
    opts: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest.extend(argv[i + 1:])
            break
        if a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c in with_value:
                    value = a[j + 1:]
                    if not value:
                        i += 1
                        if i >= len(argv):
                            return c
                        value = argv[i]
                    opts[c] = value
                    break
                opts[c] = ""
                j += 1
        else:
            rest.append(a)
        i += 1
    return opts, rest


def sort(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _options(argv, {"k", "t"})
    if isinstance(parsed, str):
        io.err(f"sort: option requires an argument -- '{parsed}'\nTry 'sort --help' for more information.")
        return 2
    opts, files = parsed
    bad = set(opts) - {"r", "n", "u", "f", "k", "t", "V", "h"}
    if bad:
        io.err(f"sort: invalid option -- '{sorted(bad)[0]}'\nTry 'sort --help' for more information.")
        return 2
    text = _input(sh, files, io, "sort")
    if text is None:
        return 2
    lines = text.splitlines()
    field = None
    if "k" in opts:
        m = re.match(r"(\d+)", opts["k"])
        if not m or int(m.group(1)) == 0:
            io.err(f"sort: invalid number at field start: invalid count at start of '{opts['k']}'")
            return 2
        field = int(m.group(1)) - 1

    def key(line: str):
        part = line
        if field is not None:
            cols = line.split(opts["t"]) if opts.get("t") else line.split()
            part = cols[field] if field < len(cols) else ""
        if "n" in opts or "h" in opts:
            m = re.match(r"\s*(-?\d+(?:\.\d+)?)", part)
            return (float(m.group(1)) if m else 0.0, line)
        if "V" in opts:
            return ([int(t) if t.isdigit() else t for t in re.split(r"(\d+)", part)], line)
        return (part.lower(), line) if "f" in opts else (part, line)

    try:
        lines.sort(key=key, reverse="r" in opts)
    except TypeError:
        lines.sort(key=lambda s: s, reverse="r" in opts)
    if "u" in opts:
        seen, unique = set(), []
        for line in lines:
            k = key(line)[0]
            k = str(k)
            if k not in seen:
                seen.add(k)
                unique.append(line)
        lines = unique
    for line in lines:
        io.out(line)
    return 0


def uniq(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _options(argv, set())
    opts, files = parsed  # type: ignore[misc]
    text = _input(sh, files[:1], io, "uniq")
    if text is None:
        return 1
    groups: list[list[str]] = []
    for line in text.splitlines():
        same = groups and (groups[-1][0].lower() == line.lower() if "i" in opts else groups[-1][0] == line)
        if same:
            groups[-1].append(line)
        else:
            groups.append([line])
    for g in groups:
        if "d" in opts and len(g) < 2 or "u" in opts and len(g) > 1:
            continue
        io.out(f"{len(g):7d} {g[0]}" if "c" in opts else g[0])
    return 0


_CLASSES = {"[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
            "[:digit:]": "0123456789", "[:space:]": " \t\n\r\f\v", "[:blank:]": " \t",
            "[:alpha:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            "[:alnum:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"}


def _set(spec: str) -> str:
    for name, chars in _CLASSES.items():
        spec = spec.replace(name, chars)
    spec = spec.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r").replace("\\\\", "\\")
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-" and ord(spec[i]) <= ord(spec[i + 2]):
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


def tr(sh: Session, argv: list[str], io: IO) -> int:
    flags = "".join(a[1:] for a in argv if a.startswith("-") and len(a) > 1)
    sets = [a for a in argv if not (a.startswith("-") and len(a) > 1)]
    delete, squeeze = "d" in flags, "s" in flags
    if not sets:
        io.err("tr: missing operand\nTry 'tr --help' for more information.")
        return 1
    if not delete and not squeeze and len(sets) < 2:
        io.err(f"tr: missing operand after '{sets[0]}'\nTwo strings must be given when translating.\n"
               "Try 'tr --help' for more information.")
        return 1
    text = io.stdin
    s1 = _set(sets[0])
    if delete:
        text = "".join(c for c in text if c not in s1)
        squeeze_set = _set(sets[1]) if len(sets) > 1 else ""
    elif len(sets) > 1:
        s2 = _set(sets[1])
        if not s2:
            io.err("tr: when not truncating set1, string2 must be non-empty")
            return 1
        s2 = s2 + s2[-1] * max(0, len(s1) - len(s2))
        text = text.translate(str.maketrans(s1, s2[:len(s1)]))
        squeeze_set = s2
    else:
        squeeze_set = s1
    if squeeze:
        text = re.sub("([" + re.escape(squeeze_set) + "])\\1+", r"\1", text) if squeeze_set else text
    io.out(text, end="")
    return 0


def _position(digits: str) -> int:
    """A field/character position; any past the line is as good as the largest (no 4,300-digit int())."""
    return int(digits) if len(digits) <= 18 else 10**18


def _ranges(spec: str) -> list[tuple[int, int]] | None:
    out = []
    for part in spec.split(","):
        m = re.fullmatch(r"(\d*)-(\d*)|(\d+)", part.strip())
        if not m or part.strip() in ("-", ""):
            return None
        if m.group(3):
            n = _position(m.group(3))
            out.append((n, n))
        else:
            out.append((_position(m.group(1) or "1"), _position(m.group(2)) if m.group(2) else 10**9))
    if any(a < 1 or b < a for a, b in out):
        return None
    return out


def cut(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _options(argv, {"d", "f", "c", "b"})
    if isinstance(parsed, str):
        io.err(f"cut: option requires an argument -- '{parsed}'\nTry 'cut --help' for more information.")
        return 1
    opts, files = parsed
    if not any(k in opts for k in ("f", "c", "b")):
        io.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.")
        return 1
    spec = opts.get("f") or opts.get("c") or opts.get("b") or ""
    ranges = _ranges(spec)
    if ranges is None:
        io.err("cut: invalid field range\nTry 'cut --help' for more information." if "f" in opts else
               "cut: invalid byte or character range\nTry 'cut --help' for more information.")
        return 1
    delim = opts.get("d", "\t")
    if len(delim) != 1:
        io.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.")
        return 1
    text = _input(sh, files, io, "cut")
    if text is None:
        return 1

    def pick(items: list[str]) -> list[str]:
        return [x for i, x in enumerate(items, 1) if any(a <= i <= b for a, b in ranges)]

    for line in text.splitlines():
        if "f" in opts:
            if delim not in line:
                io.out(line)
                continue
            io.out(delim.join(pick(line.split(delim))))
        else:
            io.out("".join(pick(list(line))))
    return 0


def tee(sh: Session, argv: list[str], io: IO) -> int:
    append = "-a" in argv
    for f in [a for a in argv if not a.startswith("-")]:
        sh.write_file(f, io.stdin, append=append)
    io.out(io.stdin, end="")
    return 0


def xargs(sh: Session, argv: list[str], io: IO) -> int:
    """xargs [-I R] [-n N] [-r] COMMAND...: runs COMMAND through the shell's programs (at most 1,000 times)."""
    from ..executor import run_program

    replace, per, i = None, None, 0
    while i < len(argv) and argv[i].startswith("-"):
        a = argv[i]
        if a in ("-I", "-n", "-L") and i + 1 < len(argv):
            replace, per = (argv[i + 1], per) if a == "-I" else (replace, argv[i + 1])
            i += 2
        elif a.startswith("-I") and len(a) > 2:
            replace = a[2:]
            i += 1
        elif a in ("-r", "--no-run-if-empty", "-0", "-t"):
            i += 1
        else:
            io.err(f"xargs: invalid option -- '{a.lstrip('-')[:1]}'")
            return 1
    cmd = argv[i:] or ["echo"]
    if replace is not None:
        batches = [[line] for line in io.stdin.splitlines() if line.strip()]
    else:
        items = io.stdin.split()
        n = int(per) if per and per.isdigit() and int(per) > 0 else max(len(items), 1)
        batches = [items[k:k + n] for k in range(0, len(items), n)]
    code = 0
    for batch in batches[:1000]:
        args = [a.replace(replace, batch[0]) for a in cmd] if replace is not None else cmd + batch
        sub = IO()
        rc = run_program(sh, args, sub)
        io.out(sub.stdout, end="")
        io.err(sub.stderr, end="")
        if rc:
            code = 123
    return code


_UNITS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "day": 86400, "week": 604800}


def _relative(spec: str, now):
    """GNU date -d: 'now', 'today', 'N units ago', '-N units', '+N units', 'yesterday', or an ISO date."""
    from datetime import datetime, timedelta

    text = spec.strip().lower()
    if text in ("now", "today", ""):
        return now
    if text == "yesterday":
        return now - timedelta(days=1)
    if text == "tomorrow":
        return now + timedelta(days=1)
    total, found = 0.0, False
    for m in re.finditer(r"([+-]?\d+)\s*(second|sec|minute|min|hour|day|week|month|year)s?(\s+ago)?", text):
        n = int(m.group(1))
        unit = m.group(2)
        secs = _UNITS.get(unit) or (30 * 86400 if unit == "month" else 365 * 86400)
        total += (-n if m.group(3) else n) * secs
        found = True
    if found:
        return now + timedelta(seconds=total)
    try:
        parsed = datetime.fromisoformat(spec.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def date(sh: Session, argv: list[str], io: IO) -> int:
    """date [-u] [-d STRING] [+FORMAT] [-I[date|seconds]] on the simulated clock (UTC)."""
    now = sh.cloud.clock.now()
    fmt = "%a %b %e %H:%M:%S UTC %Y"
    args = list(argv)
    while args:
        a = args.pop(0)
        if a in ("-u", "--utc", "--universal"):
            continue
        if a in ("-d", "--date") or a.startswith("--date="):
            spec = a.split("=", 1)[1] if "=" in a else (args.pop(0) if args else "")
            when = _relative(spec, now)
            if when is None:
                io.err(f"date: invalid date '{spec}'")
                return 1
            now = when
        elif a.startswith("-I") or a.startswith("--iso-8601"):
            unit = a.split("=", 1)[1] if "=" in a else a[2:] or "date"
            fmt = "%Y-%m-%d" if unit == "date" else "%Y-%m-%dT%H:%M:%S+00:00"
        elif a.startswith("+"):
            fmt = a[1:]
        else:
            io.err(f"date: invalid date '{a}'")
            return 1
    io.out(now.strftime(fmt.replace("%e", f"{now.day:2d}").replace("%N", "000000000")))
    return 0


PROGRAMS = {"date": date, "seq": seq, "sort": sort, "uniq": uniq, "tr": tr, "cut": cut, "tee": tee, "xargs": xargs}


def wc(sh: Session, argv: list[str], io: IO) -> int:
    """GNU wc: -l newlines, -w words, -m characters, -c bytes, -L longest line; totals for several files."""
    wanted, files = "", []
    for a in argv:
        if a.startswith("--") and a != "--":
            long = {"--lines": "l", "--words": "w", "--chars": "m", "--bytes": "c", "--max-line-length": "L"}
            if a not in long:
                io.err(f"wc: unrecognized option '{a}'\nTry 'wc --help' for more information.")
                return 1
            wanted += long[a]
        elif a.startswith("-") and len(a) > 1:
            bad = [c for c in a[1:] if c not in "lwmcL"]
            if bad:
                io.err(f"wc: invalid option -- '{bad[0]}'\nTry 'wc --help' for more information.")
                return 1
            wanted += a[1:]
        else:
            files.append(a)
    order = [k for k in "lwmcL" if k in wanted] or ["l", "w", "c"]
    sources = [("", io.stdin)] if not files else [(f, io.stdin if f == "-" else sh.read_file(f)) for f in files]
    rows, code = [], 0
    totals = dict.fromkeys(order, 0)
    for name, content in sources:
        if content is None:
            io.err(f"wc: {name}: No such file or directory")
            code = 1
            continue
        counts = {"l": content.count("\n"), "w": len(content.split()), "m": len(content),
                  "c": len(content.encode("utf-8", "surrogateescape")),
                  "L": max((len(x.expandtabs(8)) for x in content.split("\n")), default=0)}
        rows.append(([counts[k] for k in order], name))
        for k in order:
            totals[k] = max(totals[k], counts[k]) if k == "L" else totals[k] + counts[k]
    if len(sources) > 1:
        rows.append(([totals[k] for k in order], "total"))
    if len(rows) == 1 and len(order) == 1:
        width = 1
    elif not files or "-" in files:
        width = 7  # GNU pads to 7 when a count comes from a pipe
    else:
        width = len(str(max([totals.get("c") or 0] + [max(r[0]) for r in rows])))
    for values, name in rows:
        io.out(" ".join(str(v).rjust(width) for v in values) + (f" {name}" if name else ""))
    return code


PROGRAMS["wc"] = wc
