"""Reading a GNU sed script into commands: addresses (N, $, /re/, \\cREc, first~step, addr,+N, addr,~N, 0,/re/, !),
the commands of GNU sed 4.9 and its error messages ("-e expression #1, char 3: unterminated `s' command")."""

from __future__ import annotations

from dataclasses import dataclass, field

from .posix_re import Pattern, RegexError

NO_ADDRESS = {":", "}"}
ONE_ADDRESS = {"=", "a", "i", "q", "Q", "r", "R"}
UNSUPPORTED = {"e": "executing commands", "W": "writing the first line to a file", "v": None, "l": None}


class SedError(Exception):
    pass


@dataclass
class Address:
    kind: str  # line | last | regex | step | zero
    value: object = None
    step: int = 0


@dataclass
class Command:
    name: str
    addr1: Address | None = None
    addr2: Address | None = None
    addr2_kind: str = ""  # '' | 'plus' | 'tilde'
    negate: bool = False
    arg: object = None
    block_end: int = -1  # for '{': index of the matching '}'
    range_active: bool = False
    range_end_line: int = 0


@dataclass
class Subst:
    regex: Pattern | None
    replacement: list  # parts: str | ('group', n) | ('case', 'L'|'U'|'l'|'u'|'E')
    global_: bool = False
    occurrence: int = 1
    print_: bool = False
    write: str | None = None


@dataclass
class Script:
    commands: list[Command] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)
    quiet_comment: bool = False


class Parser:
    def __init__(self, expressions: list[str], extended: bool):
        self.src = "\n".join(expressions)
        self.starts = []
        pos = 0
        for e in expressions:
            self.starts.append(pos)
            pos += len(e) + 1
        self.i = 0
        self.ext = extended
        self.last_regex: Pattern | None = None

    def error(self, message: str, at: int | None = None) -> SedError:
        at = self.i if at is None else at
        n = max(k for k, s in enumerate(self.starts) if s <= max(at - 1, 0)) if self.starts else 0
        return SedError(f"-e expression #{n + 1}, char {at - self.starts[n] if self.starts else at}: {message}")

    def peek(self) -> str:
        return self.src[self.i] if self.i < len(self.src) else ""

    def skip_blanks(self, newlines: bool = False) -> None:
        while self.i < len(self.src) and (self.src[self.i] in " \t" or (newlines and self.src[self.i] in "\n;")):
            self.i += 1

    def parse(self) -> Script:
        script = Script(quiet_comment=self.src.startswith("#n\n") or self.src == "#n")
        stack: list[int] = []
        while True:
            self.skip_blanks(newlines=True)
            if self.i >= len(self.src):
                break
            if self.peek() == "#":
                while self.i < len(self.src) and self.src[self.i] != "\n":
                    self.i += 1
                continue
            cmd = self.command()
            if cmd.name == "{":
                stack.append(len(script.commands))
            elif cmd.name == "}":
                if not stack:
                    raise self.error("unexpected `}'")
                script.commands[stack.pop()].block_end = len(script.commands)
            elif cmd.name == ":":
                if cmd.arg in script.labels:
                    raise self.error(f"duplicate label `{cmd.arg}'")
                script.labels[cmd.arg] = len(script.commands)
            script.commands.append(cmd)
        if stack:
            raise self.error("unmatched `{'", at=len(self.src))
        for c in script.commands:
            if c.name in "btT" and c.arg and c.arg not in script.labels:
                raise SedError(f"-e expression #1, char 0: can't find label for jump to `{c.arg}'")
        return script

    def command(self) -> Command:
        cmd = Command("")
        cmd.addr1 = self.address()
        if cmd.addr1 is not None:
            self.skip_blanks()
            if self.peek() == ",":
                self.i += 1
                self.skip_blanks()
                if self.peek() in "+~" and self.src[self.i + 1:self.i + 2].isdigit():
                    cmd.addr2_kind = "plus" if self.peek() == "+" else "tilde"
                    self.i += 1
                    cmd.addr2 = Address("line", self.number())
                else:
                    cmd.addr2 = self.address()
                    if cmd.addr2 is None:
                        raise self.error("unexpected `,'")
            if cmd.addr1.kind == "zero" and not (cmd.addr2 and cmd.addr2.kind == "regex"):
                raise self.error("invalid usage of line address 0")
        self.skip_blanks()
        while self.peek() == "!":
            cmd.negate = True
            self.i += 1
            self.skip_blanks()
        if self.i >= len(self.src):
            raise self.error("missing command")
        name = self.src[self.i]
        self.i += 1
        cmd.name = name
        if name in NO_ADDRESS and cmd.addr1 is not None:
            raise self.error(": doesn't want any addresses" if name == ":" else "unexpected `}'")
        if name in ONE_ADDRESS and cmd.addr2 is not None:
            raise self.error("command only uses one address")
        if name in UNSUPPORTED and UNSUPPORTED[name]:
            raise self.error(f"the `{name}' command ({UNSUPPORTED[name]}) is not available in this lab")
        if name == "{":
            pass
        elif name in ("}", "=", "d", "D", "g", "G", "h", "H", "n", "N", "p", "P", "x", "z", "F", "l", "v"):
            if name == "l" and self.peek().isdigit():
                self.number()
            self.end_of_command()
        elif name in "qQ":
            self.skip_blanks()
            cmd.arg = self.number() if self.peek().isdigit() else 0
            self.end_of_command()
        elif name in "aic":
            cmd.arg = self.text_argument()
        elif name in ":btT":
            self.skip_blanks()
            start = self.i
            while self.i < len(self.src) and self.src[self.i] not in ";\n" and not (name != ":" and
                                                                                   self.src[self.i] == "}"):
                self.i += 1
            cmd.arg = self.src[start:self.i].strip()
            if name == ":" and not cmd.arg:
                raise self.error("\":\" lacks a label")
        elif name in "rRwW":
            self.skip_blanks()
            start = self.i
            while self.i < len(self.src) and self.src[self.i] != "\n":
                self.i += 1
            cmd.arg = self.src[start:self.i]
            if not cmd.arg:
                raise self.error("missing filename in r/R/w/W commands")
        elif name == "s":
            cmd.arg = self.substitute()
        elif name == "y":
            cmd.arg = self.transliterate()
        else:
            raise self.error(f"unknown command: `{name}'")
        return cmd

    def end_of_command(self) -> None:
        self.skip_blanks()
        c = self.peek()
        if c and c not in ";\n}#":
            raise self.error("extra characters after command", at=self.i + 1)

    def number(self) -> int:
        start = self.i
        while self.peek().isdigit():
            self.i += 1
        return int(self.src[start:self.i])

    def address(self) -> Address | None:
        c = self.peek()
        if c.isdigit():
            n = self.number()
            if self.peek() == "~":
                self.i += 1
                step = self.number() if self.peek().isdigit() else 0
                return Address("step", n, step)
            return Address("zero" if n == 0 else "line", n)
        if c == "$":
            self.i += 1
            return Address("last")
        if c == "/" or c == "\\":
            if c == "\\":
                self.i += 1
            delim = self.peek()
            if not delim or delim in "\n\\":
                raise self.error("unexpected `,'" if not delim else "delimiter cannot be a backslash or newline")
            self.i += 1
            body = self.delimited(delim, "unterminated address regex", regex=True)
            flags = ""
            while self.peek() in ("I", "M"):
                flags += self.peek()
                self.i += 1
            return Address("regex", self.regex(body, "I" in flags, "M" in flags))
        return None

    def delimited(self, delim: str, unterminated: str, regex: bool = False) -> str:
        """Text up to an unescaped `delim`; `\\delim` becomes the delimiter itself, `\\n` stays for the regex. In a
        regex, a bracket expression is copied as written and may hold the delimiter (GNU sed 4.9: `s/[^/]*$//`)."""
        out = []
        while True:
            if self.i >= len(self.src):
                raise self.error(unterminated)
            c = self.src[self.i]
            if regex and c == "[":
                end = self._bracket_end(self.i)
                if end is not None:
                    out.append(self.src[self.i:end])
                    self.i = end
                    continue
            if c == "\\" and self.i + 1 < len(self.src):
                nxt = self.src[self.i + 1]
                out.append(nxt if nxt == delim and delim not in "&\\" else c + nxt)
                self.i += 2
                continue
            if c == delim:
                self.i += 1
                return "".join(out)
            if c == "\n" and delim != "\n":
                raise self.error(unterminated)
            out.append(c)
            self.i += 1

    def _bracket_end(self, start: int) -> int | None:
        """Index just past the bracket expression opening at `start` (None: not closed on this line)."""
        j = start + 1
        if j < len(self.src) and self.src[j] == "^":
            j += 1
        if j < len(self.src) and self.src[j] == "]":
            j += 1
        while j < len(self.src) and self.src[j] != "\n":
            if self.src[j] == "]":
                return j + 1
            if self.src[j] == "[" and j + 1 < len(self.src) and self.src[j + 1] in ":=.":
                close = self.src.find(self.src[j + 1] + "]", j + 2)
                if close == -1:
                    return None
                j = close + 2
                continue
            j += 1
        return None

    def regex(self, body: str, icase: bool, multiline: bool) -> Pattern | None:
        if multiline:
            raise self.error("the M (multi-line) regex flag is not available in this lab")
        if body == "":
            return None  # the last regex used, at run time
        try:
            pat = Pattern(_sed_escapes(body), self.ext, icase)
        except RegexError as e:
            raise self.error(str(e))
        return pat

    def substitute(self) -> Subst:
        delim = self.peek()
        if not delim or delim in "\n\\":
            raise self.error("unterminated `s' command")
        self.i += 1
        body = self.delimited(delim, "unterminated `s' command", regex=True)
        repl_text = self.delimited(delim, "unterminated `s' command")
        sub = Subst(None, [])
        icase = False
        while True:
            c = self.peek()
            if c == "g":
                sub.global_ = True
            elif c == "p":
                sub.print_ = True
            elif c in ("i", "I"):
                icase = True
            elif c.isdigit():
                n = self.number()
                if n == 0:
                    raise self.error("number option to `s' command may not be zero")
                sub.occurrence = n
                continue
            elif c in ("m", "M"):
                raise self.error("the M (multi-line) flag of `s' is not available in this lab")
            elif c == "e":
                raise self.error("the e flag of `s' (run the result as a command) is not available in this lab")
            elif c == "w":
                self.i += 1
                self.skip_blanks()
                start = self.i
                while self.i < len(self.src) and self.src[self.i] != "\n":
                    self.i += 1
                sub.write = self.src[start:self.i]
                break
            elif c in (" ", "\t"):
                pass  # GNU mark_subst_opts skips blanks between flags
            elif c in ("", ";", "\n", "}", "#"):
                break
            else:
                raise self.error("unknown option to `s'", at=self.i + 1)
            self.i += 1
        self.end_of_command() if self.peek() not in ("", "}") else None
        sub.regex = self.regex(body, icase, False)
        sub.replacement = self.replacement(repl_text)
        groups = sub.regex.groups if sub.regex is not None else 9
        for part in sub.replacement:
            if isinstance(part, tuple) and part[0] == "group" and part[1] > groups:
                raise self.error(f"invalid reference \\{part[1]} on `s' command's RHS")
        return sub

    @staticmethod
    def replacement(text: str) -> list:
        parts: list = []
        buf = []
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\\" and i + 1 < len(text):
                n = text[i + 1]
                i += 2
                if n.isdigit():
                    parts += ["".join(buf), ("group", int(n))]
                    buf = []
                elif n in "LUluE":
                    parts += ["".join(buf), ("case", n)]
                    buf = []
                else:
                    buf.append({"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}.get(n, n))
                continue
            if c == "&":
                parts += ["".join(buf), ("group", 0)]
                buf = []
            else:
                buf.append(c)
            i += 1
        parts.append("".join(buf))
        return [p for p in parts if p != ""]

    def transliterate(self) -> dict:
        delim = self.peek()
        self.i += 1
        src = _unescape_y(self.delimited(delim, "unterminated `y' command"))
        dst = _unescape_y(self.delimited(delim, "unterminated `y' command"))
        if len(src) != len(dst):
            raise self.error("strings for `y' command are different lengths")
        self.end_of_command()
        return dict(zip(src, dst, strict=True))

    def text_argument(self) -> str:
        """a/i/c text: GNU's one-liner form (`a hello`) or the POSIX form (`a\\` then lines ending in `\\`)."""
        self.skip_blanks()
        if self.src.startswith("\\\n", self.i):
            self.i += 2
        elif self.peek() == "\\":
            self.i += 1
        lines, buf = [], []
        while self.i < len(self.src):
            c = self.src[self.i]
            if c == "\\" and self.i + 1 < len(self.src):
                if self.src[self.i + 1] == "\n":
                    lines.append("".join(buf))
                    buf = []
                else:
                    buf.append(self.src[self.i + 1])
                self.i += 2
                continue
            if c == "\n":
                break
            buf.append(c)
            self.i += 1
        lines.append("".join(buf))
        return "\n".join(lines)


def _sed_escapes(body: str) -> str:
    """GNU sed reads \\t \\n \\r \\f \\v \\a in a regex as the characters themselves."""
    out, i = [], 0
    table = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            out.append(table[n] if n in table else c + n)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _unescape_y(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            n = text[i + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(n, n))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
