"""Parsing POSIX regular expressions as GNU reads them (BRE and ERE, bracket expressions with [:classes:], GNU
escapes) into one tree that posix_re.py compiles and matches."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


class RegexError(Exception):
    """A malformed pattern; the message is GNU regcomp's."""


def _punct(c: str) -> bool:
    return unicodedata.category(c)[0] in "PS" if not c.isascii() else (c.isprintable() and not c.isalnum()
                                                                       and c != " ")


CLASSES = {
    "alpha": str.isalpha, "digit": lambda c: "0" <= c <= "9", "alnum": lambda c: c.isalpha() or "0" <= c <= "9",
    "upper": str.isupper, "lower": str.islower, "space": str.isspace, "blank": lambda c: c in " \t",
    "punct": _punct, "print": lambda c: c.isprintable(), "graph": lambda c: c.isprintable() and c != " ",
    "cntrl": lambda c: unicodedata.category(c) == "Cc", "xdigit": lambda c: c in "0123456789abcdefABCDEF",
}


def is_word(c: str | None) -> bool:
    return c is not None and (c.isalnum() or c == "_")


@dataclass(frozen=True)
class CharSet:
    negate: bool
    chars: frozenset
    ranges: tuple
    classes: tuple
    icase: bool = False

    def _has(self, c: str) -> bool:
        return c in self.chars or any(lo <= c <= hi for lo, hi in self.ranges) or any(CLASSES[k](c)
                                                                                        for k in self.classes)

    def contains(self, c: str) -> bool:
        hit = self._has(c) or (self.icase and (self._has(c.lower()) or self._has(c.upper())))
        return hit != self.negate


# -- parsing (BRE and ERE into one tree) ----------------------------------------------------------------------
# nodes: ('lit', c) ('any',) ('set', CharSet) ('cat', [..]) ('alt', [..]) ('group', n, node) ('rep', node, lo, hi)
#        ('assert', kind) ('backref', n) ('empty',)

class _Parser:
    def __init__(self, pattern: str, extended: bool, icase: bool):
        self.p, self.i, self.ext, self.icase = pattern, 0, extended, icase
        self.groups = 0
        self.open_groups: list[int] = []
        self.warnings: list[str] = []
        self.backrefs = False

    def parse(self):
        node = self.alternation(top=True)
        if self.i < len(self.p):
            raise RegexError("Unmatched ) or \\)")
        return node

    def _at_alt(self) -> bool:
        return self.p.startswith("|" if self.ext else "\\|", self.i)

    def _at_close(self) -> bool:
        return self.p.startswith(")" if self.ext else "\\)", self.i) and bool(self.open_groups)

    def alternation(self, top=False):
        branches = [self.branch()]
        while self._at_alt():
            self.i += 1 if self.ext else 2
            branches.append(self.branch())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def branch(self):
        items: list = []
        start = True
        while self.i < len(self.p) and not self._at_alt() and not self._at_close():
            if not self.ext and self.p.startswith("\\)", self.i):
                raise RegexError("Unmatched ) or \\)")
            atom = self.atom(start)
            start = atom == ("assert", "bol") and start
            atom = self.quantifiers(atom)
            items.append(atom)
        return ("cat", items) if items else ("empty",)

    def quantifiers(self, atom):
        while self.i < len(self.p):
            c = self.p[self.i]
            if c == "*":
                self.i += 1
                atom = ("rep", atom, 0, None)
            elif self.ext and c in "+?":
                self.i += 1
                atom = ("rep", atom, 1 if c == "+" else 0, None if c == "+" else 1)
            elif not self.ext and self.p.startswith(("\\+", "\\?"), self.i):
                c = self.p[self.i + 1]
                self.i += 2
                atom = ("rep", atom, 1 if c == "+" else 0, None if c == "+" else 1)
            elif (self.ext and c == "{") or (not self.ext and self.p.startswith("\\{", self.i)):
                bounds = self.interval()
                if bounds is None:
                    return atom
                atom = ("rep", atom, *bounds)
            else:
                return atom
            if atom[1][0] == "assert":
                atom = atom[1]  # a repeated anchor is the anchor
        return atom

    def interval(self):
        start = self.i
        self.i += 1 if self.ext else 2
        close = "}" if self.ext else "\\}"
        end = self.p.find(close, self.i)
        body = self.p[self.i:end] if end >= 0 else None
        lo_s, _, hi_s = (body or "").partition(",")
        valid = body is not None and (lo_s.isdigit() or (lo_s == "" and "," in body)) and (hi_s == "" or
                                                                                          hi_s.isdigit())
        if not valid:
            if self.ext:  # GNU ERE reads a '{' that starts no interval as itself
                self.i = start
                return None
            raise RegexError("Unmatched \\{" if end < 0 else "Invalid content of \\{\\}")
        lo = int(lo_s) if lo_s else 0
        hi = lo if "," not in body else (int(hi_s) if hi_s else None)
        if hi is not None and hi < lo:
            raise RegexError("Invalid content of \\{\\}")
        if max(lo, hi or 0) > 32767:
            raise RegexError("Regular expression too big")
        self.i = end + len(close)
        return lo, hi

    def atom(self, start: bool):
        p, c = self.p, self.p[self.i]
        if c == "[":
            return self.bracket()
        if c == ".":
            self.i += 1
            return ("any",)
        if c == "^" and (self.ext or start):
            self.i += 1
            return ("assert", "bol")
        if c == "$":
            rest = p[self.i + 1:]
            if self.ext or rest == "" or rest.startswith(("\\)", "\\|")):
                self.i += 1
                return ("assert", "eol")
        if self.ext and c == "(":
            return self.group(1)
        if self.ext and c == ")":
            raise RegexError("Unmatched ) or \\)")
        if c == "*" and start:
            self.i += 1
            return ("lit", "*")
        if self.ext and c in "+?*" and start:
            self.i += 1
            return ("lit", c)
        if self.ext and c == "{" and start:
            self.i += 1
            return ("lit", "{")
        if c == "\\":
            return self.escape(start)
        self.i += 1
        return self.literal(c)

    def literal(self, c: str):
        if self.icase and c.lower() != c.upper():
            return ("set", CharSet(False, frozenset({c}), (), (), True))
        return ("lit", c)

    def group(self, width: int):
        self.i += width
        self.groups += 1
        n = self.groups
        self.open_groups.append(n)
        inner = self.alternation()
        close = ")" if self.ext else "\\)"
        if not self.p.startswith(close, self.i):
            raise RegexError("Unmatched ( or \\(")
        self.i += len(close)
        self.open_groups.pop()
        return ("group", n, inner)

    def escape(self, start: bool):
        if self.i + 1 >= len(self.p):
            raise RegexError("Trailing backslash")
        c = self.p[self.i + 1]
        if not self.ext and c == "(":
            return self.group(2)
        self.i += 2
        if not self.ext and c in "{}":
            raise RegexError("Invalid preceding regular expression")
        if c.isdigit() and c != "0":
            n = int(c)
            if n > self.groups or n in self.open_groups:
                raise RegexError("Invalid back reference")
            self.backrefs = True
            return ("backref", n)
        named = {"w": CharSet(False, frozenset("_"), (), ("alnum",)),
                 "W": CharSet(True, frozenset("_"), (), ("alnum",)),
                 "s": CharSet(False, frozenset(), (), ("space",)), "S": CharSet(True, frozenset(), (), ("space",))}
        if c in named:
            return ("set", named[c])
        kinds = {"b": "word", "B": "notword", "<": "wbeg", ">": "wend", "`": "bos", "'": "eos"}
        if c in kinds:
            return ("assert", kinds[c])
        if c == "n":
            return ("lit", "\n")
        special = "^.[$()|*+?{\\" if self.ext else "^.[$*\\"
        if c not in special and c not in "]}/-":
            self.warnings.append(f"stray \\ before {c}" if c.isprintable() and c != " " else
                                 "stray \\ before white space")
        return self.literal(c)

    def bracket(self):
        p, i = self.p, self.i + 1
        negate = i < len(p) and p[i] == "^"
        i += negate
        chars, ranges, classes = set(), [], []
        first = True
        while True:
            if i >= len(p):
                raise RegexError("Unmatched [, [^, [:, [., or [=")
            c = p[i]
            if c == "]" and not first:
                i += 1
                break
            first = False
            if c == "[" and i + 1 < len(p) and p[i + 1] in ":.=":
                kind = p[i + 1]
                end = p.find(kind + "]", i + 2)
                if end < 0:
                    raise RegexError("Unmatched [, [^, [:, [., or [=")
                name = p[i + 2:end]
                i = end + 2
                if kind == ":":
                    if name not in CLASSES:
                        raise RegexError("Invalid character class name")
                    classes.append(name)
                    continue
                if len(name) != 1:
                    raise RegexError("Invalid collation character")
                c = name
            else:
                i += 1
            if i + 1 < len(p) and p[i] == "-" and p[i + 1] != "]":
                hi = p[i + 1]
                i += 2
                if hi == "[" and i < len(p) and p[i] == ".":
                    end = p.find(".]", i + 1)
                    if end < 0 or end - i - 1 != 1:
                        raise RegexError("Invalid range end")
                    hi, i = p[i + 1], end + 2
                if hi < c:
                    raise RegexError("Invalid range end")
                ranges.append((c, hi))
            else:
                chars.add(c)
        body = p[self.i + 1 + negate:i - 1]
        if body.startswith(":") and body.endswith(":") and len(body) > 2 and not classes:
            raise RegexError(f"character class syntax is [[{body}]], not [{body}]")
        self.i = i
        return ("set", CharSet(negate, frozenset(chars), tuple(ranges), tuple(classes), self.icase))
