"""GNU grep: BRE (default), ERE (-E), fixed strings (-F) and Perl-style (-P) patterns; -i -v -c -l -L -q -s -o
-w -x -n -h -H -m N -A/-B/-C N -r, -e and -f, with GNU's output prefixes, messages and exit codes (0 selected,
1 none, 2 trouble). POSIX patterns run on posix_re's linear-time matcher."""

from __future__ import annotations

import fnmatch
import posixpath

import regex as _regex

from ..session import IO, Session
from .posix_re import SUBMATCH_SECONDS, Pattern, RegexError, RegexTooCostly

USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information."
NO_ARG = {"i": "icase", "y": "icase", "v": "invert", "c": "count", "l": "files_with", "L": "files_without",
          "q": "quiet", "s": "no_messages", "o": "only", "w": "word", "x": "line", "n": "number", "h": "no_name",
          "H": "with_name", "r": "recursive", "R": "recursive", "E": "E", "F": "F", "G": "G", "P": "P",
          "I": "skip_binary", "a": "text", "U": "binary_mode", "Z": "null", "z": "null_data"}
WITH_ARG = {"e": "regexp", "f": "file", "m": "max_count", "A": "after", "B": "before", "C": "context",
            "d": "directories", "D": "devices"}
LONG = {"ignore-case": "i", "no-ignore-case": None, "invert-match": "v", "count": "c", "files-with-matches": "l",
        "files-without-match": "L", "quiet": "q", "silent": "q", "no-messages": "s", "only-matching": "o",
        "word-regexp": "w", "line-regexp": "x", "line-number": "n", "no-filename": "h", "with-filename": "H",
        "recursive": "r", "dereference-recursive": "R", "extended-regexp": "E", "fixed-strings": "F",
        "basic-regexp": "G", "perl-regexp": "P", "regexp": "e", "file": "f", "max-count": "m",
        "after-context": "A", "before-context": "B", "context": "C", "text": "a"}
UNSUPPORTED = {"b": "--byte-offset", "u": "--unix-byte-offsets", "T": "--initial-tab", "Z": "--null",
               "z": "--null-data", "U": "--binary", "D": "--devices", "d": "--directories"}


class GrepUsage(Exception):
    pass


def parse(argv: list[str]) -> tuple[dict, list[str]]:
    opts: dict = {"regexp": [], "file": [], "include": [], "exclude": []}
    operands: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            operands += argv[i:]
            break
        if a.startswith("--"):
            name, eq, value = a[2:].partition("=")
            if name in ("color", "colour"):
                if value == "always":
                    raise GrepUsage("grep: --color=always is not available in this lab (its output is plain text)")
                continue
            if name in ("include", "exclude", "exclude-dir"):
                if not eq:
                    if i >= len(argv):
                        raise GrepUsage(f"grep: option '--{name}' requires an argument\n{USAGE}")
                    value, i = argv[i], i + 1
                opts.setdefault(name.replace("-", "_"), []).append(value)
                continue
            if name not in LONG:
                raise GrepUsage(f"grep: unrecognized option '{a}'\n{USAGE}")
            short = LONG[name]
            if short is None:
                opts.pop("icase", None)
                continue
            if short in WITH_ARG:
                if not eq:
                    if i >= len(argv):
                        raise GrepUsage(f"grep: option '--{name}' requires an argument\n{USAGE}")
                    value, i = argv[i], i + 1
                _set(opts, short, value)
            else:
                opts[NO_ARG[short]] = True
            continue
        if a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c.isdigit():  # -5 is -C 5
                    k = j
                    while k < len(a) and a[k].isdigit():
                        k += 1
                    _set(opts, "C", a[j:k])
                    j = k
                    continue
                if c in UNSUPPORTED:
                    raise GrepUsage(f"grep: option -{c} ({UNSUPPORTED[c]}) is not available in this lab")
                if c in WITH_ARG:
                    value = a[j + 1:]
                    if not value:
                        if i >= len(argv):
                            raise GrepUsage(f"grep: option requires an argument -- '{c}'\n{USAGE}")
                        value, i = argv[i], i + 1
                    _set(opts, c, value)
                    break
                if c not in NO_ARG:
                    raise GrepUsage(f"grep: invalid option -- '{c}'\n{USAGE}")
                opts[NO_ARG[c]] = True
                j += 1
            continue
        operands.append(a)
    return opts, operands


def _set(opts: dict, short: str, value: str) -> None:
    name = WITH_ARG[short]
    if name in ("regexp", "file"):
        opts[name].append(value)
        return
    if name in ("after", "before", "context", "max_count"):
        try:
            n = int(value)
        except ValueError:
            what = "max count" if name == "max_count" else "context length argument"
            raise GrepUsage(f"grep: invalid {what}" if name == "max_count" else f"grep: {value}: invalid {what}")
        if n < 0 and name != "max_count":
            raise GrepUsage(f"grep: {value}: invalid context length argument")
        opts[name] = n


class Matcher:
    """What grep looks for in a line: one or more patterns, with -F/-w/-x/-i applied."""

    def __init__(self, patterns: list[str], opts: dict):
        self.word, self.line, self.icase = opts.get("word"), opts.get("line"), opts.get("icase")
        self.fixed = opts.get("F")
        self.perl = None
        self.compiled: list[Pattern] = []
        self.warnings: list[str] = []
        if opts.get("P"):
            if len(patterns) > 1:
                raise GrepUsage("grep: the -P option only supports a single pattern")
            body = patterns[0]
            if self.word:
                body = rf"(?<!\w)(?:{body})(?!\w)"
            if self.line:
                body = rf"^(?:{body})$"
            try:
                self.perl = _regex.compile(body, _regex.IGNORECASE if self.icase else 0)
            except _regex.error as e:
                raise GrepUsage(f"grep: {e}")
            return
        extended = bool(opts.get("E"))
        for p in patterns:
            if self.fixed:
                p = "".join("\\" + c if c in "\\^$.[]*+?{}()|" else c for c in p)
                extended = True
            try:
                pat = Pattern(p, extended, bool(self.icase), "line" if self.line else "word" if self.word else None)
            except RegexError as e:
                raise GrepUsage(f"grep: {e}")
            self.warnings += pat.warnings
            self.compiled.append(pat)

    def spans(self, line: str):
        """Every match grep would print with -o, left to right."""
        if self.perl is not None:
            try:
                return [m.span() for m in self.perl.finditer(line, timeout=SUBMATCH_SECONDS) if m.end() > m.start()]
            except TimeoutError:
                raise RegexTooCostly("the -P pattern is too costly to match in the lab")
        found: list[tuple[int, int]] = []
        pos = 0
        while pos <= len(line):
            best = None
            for pat in self.compiled:
                m = pat.search(line, pos)
                if m and (best is None or m[0] < best[0] or (m[0] == best[0] and m[1] > best[1])):
                    best = m
            if best is None:
                break
            if best[1] > best[0]:
                found.append(best)
            pos = best[1] if best[1] > best[0] else best[1] + 1
        return found

    def selects(self, line: str) -> bool:
        if self.perl is not None:
            try:
                return self.perl.search(line, timeout=SUBMATCH_SECONDS) is not None
            except TimeoutError:
                raise RegexTooCostly("the -P pattern is too costly to match in the lab")
        if not self.compiled:
            return False
        return any(p.search(line) is not None for p in self.compiled)


def _files_of(sh: Session, operands: list[str], opts: dict, io: IO) -> list[tuple[str, str | None]]:
    """(display name, content or None when unreadable); '-' and no operand mean standard input."""
    out: list[tuple[str, str | None]] = []
    if not operands:
        operands = ["."] if opts.get("recursive") else ["-"]
    for name in operands:
        if name == "-":
            out.append(("(standard input)", io.stdin))
            continue
        content = sh.read_file(name)
        if content is not None:
            out.append((name, content))
            continue
        entries = sh.list_dir(name)
        if entries is not None and (entries or name in (".", "~")):
            if not opts.get("recursive"):
                out.append((name, "__DIR__"))
                continue
            base = sh.abspath(name).rstrip("/") + "/"
            for path in sorted(p for p in sh.host.files if p.startswith(base)):
                rel = path[len(base):]
                if rel.rsplit("/", 1)[-1] == ".keep":
                    continue
                shown = rel if name == "." else posixpath.join(name, rel)
                leaf = rel.rsplit("/", 1)[-1]
                if opts["include"] and not any(fnmatch.fnmatch(leaf, g) for g in opts["include"]):
                    continue
                if any(fnmatch.fnmatch(leaf, g) for g in opts["exclude"]):
                    continue
                out.append((shown, sh.host.files[path]))
            continue
        out.append((name, None))
    return out


def grep(sh: Session, argv: list[str], io: IO) -> int:
    try:
        opts, operands = parse(argv)
        patterns = list(opts["regexp"])
        for f in opts["file"]:
            content = io.stdin if f == "-" else sh.read_file(f)
            if content is None:
                raise GrepUsage(f"grep: {f}: No such file or directory")
            patterns += content.splitlines()
        if not opts["regexp"] and not opts["file"]:
            if not operands:
                raise GrepUsage(USAGE)
            patterns = operands.pop(0).split("\n")
        if sum(bool(opts.get(k)) for k in ("E", "F", "P")) > 1:
            raise GrepUsage("grep: conflicting matchers specified")
        matcher = Matcher(patterns, opts)
    except GrepUsage as e:
        io.err(str(e))
        return 2
    for w in dict.fromkeys(matcher.warnings):
        io.err(f"grep: warning: {w}")
    files = _files_of(sh, operands, opts, io)
    show_name = (len(files) > 1 or opts.get("recursive")) and not opts.get("no_name") or opts.get("with_name")
    any_selected, trouble = False, False
    try:
        for name, content in files:
            if content is None:
                trouble = True
                if not opts.get("no_messages"):
                    io.err(f"grep: {name}: No such file or directory")
                continue
            if content == "__DIR__":
                if not opts.get("no_messages"):
                    io.err(f"grep: {name}: Is a directory")
                continue
            selected = _grep_one(matcher, name if show_name else None, content, opts, io)
            any_selected = any_selected or selected
            if any_selected and opts.get("quiet"):
                return 0
    except RegexTooCostly as e:
        io.err(f"grep: {e}")
        return 2
    if trouble and not (opts.get("quiet") and any_selected):
        return 2
    return 0 if any_selected else 1


def _grep_one(m: Matcher, name: str | None, content: str, opts: dict, io: IO) -> bool:
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    invert, limit = opts.get("invert"), opts.get("max_count")
    after = opts.get("after", opts.get("context", 0))
    before = opts.get("before", opts.get("context", 0))
    quiet = opts.get("quiet") or opts.get("files_with") or opts.get("files_without")
    count, last_printed, pending_after = 0, -1, 0
    prefix = (name + "{}") if name else "{}"
    for idx, line in enumerate(lines):
        if limit is not None and count >= limit:
            if pending_after and not quiet and not opts.get("count"):  # GNU prints trailing context after -m
                if m.selects(line) == bool(invert):
                    _emit(io, prefix, idx, line, "-", opts)
                    last_printed, pending_after = idx, pending_after - 1
                    continue
            break
        hit = m.selects(line) != bool(invert)
        if not hit:
            if pending_after and not quiet and not opts.get("count"):
                _emit(io, prefix, idx, line, "-", opts)
                last_printed, pending_after = idx, pending_after - 1
            continue
        count += 1
        if quiet:
            break
        if opts.get("count"):
            continue
        if (after or before) and last_printed >= 0 and idx - before > last_printed + 1:
            io.out("--")
        for j in range(max(last_printed + 1, idx - before), idx):
            _emit(io, prefix, j, lines[j], "-", opts)
        if opts.get("only"):
            if not invert:
                for a, b in m.spans(line):
                    _emit(io, prefix, idx, line[a:b], ":", opts)
        else:
            _emit(io, prefix, idx, line, ":", opts)
        last_printed, pending_after = idx, after
    if opts.get("files_with"):
        if count:
            io.out(name or "(standard input)")
        return bool(count)
    if opts.get("files_without"):
        if not count:
            io.out(name or "(standard input)")
        return not count
    if opts.get("count") and not opts.get("quiet"):
        io.out(prefix.format(":") + str(count) if name else str(count))
    return bool(count)


def _emit(io: IO, prefix: str, idx: int, text: str, sep: str, opts: dict) -> None:
    head = prefix.format(sep) if "{}" in prefix and prefix != "{}" else ""
    if opts.get("number"):
        head += f"{idx + 1}{sep}"
    io.out(head + text)


PROGRAMS = {"grep": grep, "egrep": lambda sh, argv, io: grep(sh, ["-E", *argv], io),
            "fgrep": lambda sh, argv, io: grep(sh, ["-F", *argv], io)}
