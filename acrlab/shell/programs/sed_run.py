"""Running a parsed sed script over its input: the cycle, addresses and ranges, hold space, s/// with GNU's
replacement escapes (\\1-\\9, &, \\U \\L \\u \\l \\E) and the append queue."""

from __future__ import annotations

from ..session import IO, Session
from .posix_re import Pattern
from .sed_parse import Address, Command, SedError, Subst

MAX_CYCLES = 1_000_000


class _Quit(Exception):
    def __init__(self, code: int, print_space: bool):
        self.code, self.print_space = code, print_space


class Run:
    def __init__(self, sh: Session, script, quiet: bool, io: IO):
        self.sh, self.script, self.quiet, self.io = sh, script, quiet, io
        self.hold = ""
        self.last_regex: Pattern | None = None
        self.out: list[str] = []
        self.append_queue: list[str] = []
        self.lines: list[str] = []
        self.pos = 0
        self.line_no = 0
        self.ends_with_newline = True
        self.filename = "-"
        self.writes: dict[str, list[str]] = {}

    # -- input ---------------------------------------------------------------------------------------------
    def load(self, content: str, name: str) -> None:
        self.lines = content.split("\n")
        self.ends_with_newline = content.endswith("\n") or content == ""
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.pos = 0
        self.filename = name

    def next_line(self) -> str | None:
        if self.pos >= len(self.lines):
            return None
        self.pos += 1
        self.line_no += 1
        return self.lines[self.pos - 1]

    def is_last(self) -> bool:
        return self.pos >= len(self.lines) and self.last_input

    def emit(self, text: str) -> None:
        self.out.append(text + "\n")

    # -- addresses -----------------------------------------------------------------------------------------
    def matches(self, a: Address, space: str) -> bool:
        if a.kind == "line":
            return self.line_no == a.value
        if a.kind == "last":
            return self.is_last()
        if a.kind == "step":
            first, step = a.value, a.step
            return self.line_no == first if step <= 0 else self.line_no >= first and (self.line_no - first) % step == 0
        if a.kind == "regex":
            return self.search(a.value, space) is not None
        return False

    def search(self, pat: Pattern | None, space: str):
        if pat is None:
            if self.last_regex is None:
                raise SedError("no previous regular expression")
            pat = self.last_regex
        self.last_regex = pat
        return pat.search(space)

    def selected(self, c: Command, space: str) -> bool:
        if c.addr1 is None:
            hit = True
        elif c.addr2 is None:
            hit = self.matches(c.addr1, space)
        else:
            hit = self.in_range(c, space)
        return hit != c.negate

    def in_range(self, c: Command, space: str) -> bool:
        if c.range_active:
            a2 = c.addr2
            if c.addr2_kind == "plus":
                done = self.line_no >= c.range_end_line
            elif c.addr2_kind == "tilde":
                done = a2.value <= 0 or self.line_no % a2.value == 0
            elif a2.kind == "line":
                done = self.line_no >= a2.value
                if self.line_no > a2.value:  # GNU: a line number already passed ends the range at once
                    c.range_active = False
                    return False
            else:
                done = self.matches(a2, space)
            if done:
                c.range_active = False
            return True
        start = c.addr1.kind == "zero" or self.matches(c.addr1, space)
        if c.addr1.kind == "zero" and c.range_end_line == -1:
            return False
        if not start:
            return False
        if c.addr1.kind == "zero":
            c.range_end_line = -1
            c.range_active = not self.matches(c.addr2, space)
            return True
        a2 = c.addr2
        if c.addr2_kind == "plus":
            c.range_end_line = self.line_no + a2.value
            c.range_active = a2.value > 0
        elif c.addr2_kind == "tilde":
            c.range_active = a2.value > 0 and self.line_no % a2.value != 0
        elif a2.kind == "line":
            c.range_active = a2.value > self.line_no
        elif a2.kind == "last":
            c.range_active = not self.is_last()
        else:
            c.range_active = True  # a regex end is only checked from the next line
        return True

    # -- the cycle -----------------------------------------------------------------------------------------
    def cycle(self, space: str) -> str | None:
        """Run the script over one pattern space; returns the space to auto-print (None: nothing)."""
        cmds, labels = self.script.commands, self.script.labels
        i, flagged, steps = 0, False, 0
        while i < len(cmds):
            steps += 1
            if steps > MAX_CYCLES:
                raise SedError("the script loops without end (stopped by the lab)")
            c = cmds[i]
            if c.name in (":", "}"):
                i += 1
                continue
            if not self.selected(c, space):
                i = c.block_end + 1 if c.name == "{" else i + 1
                continue
            i += 1
            n = c.name
            if n == "{":
                continue
            if n == "s":
                changed, space = self.substitute(c.arg, space)
                flagged = flagged or changed
            elif n == "y":
                space = "".join(c.arg.get(ch, ch) for ch in space)
            elif n == "p":
                self.emit(space)
            elif n == "P":
                self.emit(space.split("\n", 1)[0])
            elif n == "d":
                return None
            elif n == "D":
                if "\n" not in space:
                    return None
                space = space.split("\n", 1)[1]
                i, flagged = 0, False
                self.flush_appends()
                continue
            elif n == "n":
                if not self.quiet:
                    self.emit(space)
                self.flush_appends()
                nxt = self.next_line()
                if nxt is None:
                    raise _Quit(0, False)
                space = nxt
            elif n == "N":
                nxt = self.next_line()
                if nxt is None:
                    self.final_space = space
                    raise _Quit(0, True)  # GNU prints the pattern space when N hits the end
                self.flush_appends()
                space += "\n" + nxt
            elif n in "qQ":
                self.final_space = space
                raise _Quit(c.arg, n == "q")
            elif n == "=":
                self.out.append(f"{self.line_no}\n")
            elif n == "a":
                self.append_queue.append(c.arg + "\n")
            elif n == "i":
                self.out.append(c.arg + "\n")
            elif n == "c":
                if c.addr2 is None or not c.range_active:
                    self.out.append(c.arg + "\n")
                return None
            elif n == "h":
                self.hold = space
            elif n == "H":
                self.hold += "\n" + space
            elif n == "g":
                space = self.hold
            elif n == "G":
                space += "\n" + self.hold
            elif n == "x":
                space, self.hold = self.hold, space
            elif n == "z":
                space = ""
            elif n == "F":
                self.out.append(self.filename + "\n")
            elif n == "r":
                content = self.sh.read_file(c.arg)
                if content:
                    self.append_queue.append(content if content.endswith("\n") else content + "\n")
            elif n == "w":
                self.writes.setdefault(c.arg, []).append(space + "\n")
            elif n in "btT":
                jump = n == "b" or (n == "t" and flagged) or (n == "T" and not flagged)
                if n in "tT":
                    flagged = False
                if jump:
                    i = labels[c.arg] if c.arg else len(cmds)
            elif n in "lv":
                if n == "l":
                    self.out.append(_visible(space) + "$\n")
        return space

    def substitute(self, sub: Subst, space: str) -> tuple[bool, str]:
        pat = sub.regex
        if pat is None:
            if self.last_regex is None:
                raise SedError("no previous regular expression")
            pat = self.last_regex
        self.last_regex = pat
        out, pos, count, changed = [], 0, 0, False
        for a, b in pat.finditer(space):
            count += 1
            if count < sub.occurrence:
                continue
            out.append(space[pos:a])
            out.append(_expand(sub.replacement, pat, space, (a, b)))
            pos, changed = b, True
            if not sub.global_:
                break
        if not changed:
            return False, space
        out.append(space[pos:])
        space = "".join(out)
        if sub.print_:
            self.emit(space)
        if sub.write:
            self.writes.setdefault(sub.write, []).append(space + "\n")
        return True, space

    def flush_appends(self) -> None:
        self.out.extend(self.append_queue)
        self.append_queue = []

    def run(self, sources: list[tuple[str, str]], separate: bool) -> int:
        """Process the inputs; returns the exit code given by q/Q (0 otherwise)."""
        groups = [[s] for s in sources] if separate else [sources]
        for g_index, group in enumerate(groups):
            content = "".join(c if c.endswith("\n") or k == len(group) - 1 else c + "\n"
                              for k, (_, c) in enumerate(group))
            self.load(content, group[0][0] if group else "-")
            self.last_input = True
            if separate:
                self.line_no = 0 if g_index == 0 else self.line_no
            try:
                while True:
                    line = self.next_line()
                    if line is None:
                        break
                    space = self.cycle(line)
                    if space is not None and not self.quiet:
                        self.out.append(space + "\n")
                    self.flush_appends()
            except _Quit as q:
                space = getattr(self, "final_space", None)
                if q.print_space and not self.quiet and space is not None:
                    self.out.append(space + "\n")
                self.flush_appends()
                self.fix_last_newline()
                return q.code
            self.fix_last_newline()
        return 0

    def fix_last_newline(self) -> None:
        if not self.ends_with_newline and self.out and self.out[-1].endswith("\n"):
            self.out[-1] = self.out[-1][:-1]


def _expand(parts: list, pat: Pattern, space: str, span: tuple[int, int]) -> str:
    needs_groups = any(isinstance(p, tuple) and p[0] == "group" and p[1] > 0 for p in parts)
    groups = pat.groups_at(space, span) if needs_groups else [space[span[0]:span[1]]]
    out, case, once = [], "", ""
    for p in parts:
        if isinstance(p, tuple) and p[0] == "case":
            if p[1] in "lu":
                once = p[1]
            else:
                case = "" if p[1] == "E" else p[1]
            continue
        text = (groups[p[1]] or "") if isinstance(p, tuple) else p
        if case == "U":
            text = text.upper()
        elif case == "L":
            text = text.lower()
        if once and text:
            text = (text[0].upper() if once == "u" else text[0].lower()) + text[1:]
            once = ""
        out.append(text)
    return "".join(out)


def _visible(s: str) -> str:
    table = {"\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    return "".join(table.get(c, c if c.isprintable() else "".join(f"\\{b:03o}" for b in c.encode()))
                   for c in s)
