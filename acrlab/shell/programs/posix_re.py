"""POSIX regular expressions as GNU grep, sed and awk read them (BRE and ERE, bracket expressions with [:classes:],
GNU escapes \\w \\s \\b \\< \\>), matched leftmost-longest by an NFA simulation that runs in time linear in the
input, so a pattern like '(a+)+$' cannot backtrack forever.

Patterns with back-references (\\1) cannot be matched by an automaton; they, and the submatches sed's replacement
needs, go to the `regex` package in POSIX (leftmost-longest) mode under a time limit, and a pattern that runs out
of time raises RegexTooCostly instead of hanging or answering wrongly."""

from __future__ import annotations

import regex as _regex

from .posix_re_parse import CharSet, RegexError, _Parser, is_word

__all__ = ["Pattern", "RegexError", "RegexTooCostly", "is_word", "compile_pattern"]

SUBMATCH_SECONDS = 1.0


class RegexTooCostly(Exception):
    """A back-reference pattern that did not finish within the lab's time limit."""


# -- compiling to an NFA and simulating it ------------------------------------------------------------------

class _Nfa:
    def __init__(self):
        self.ops: list[list] = []  # ['char', test, next] ['split', a, b] ['jmp', a] ['assert', kind, a] ['match']

    def add(self, *op) -> int:
        self.ops.append(list(op))
        return len(self.ops) - 1

    def build(self, node, nxt: int) -> int:
        kind = node[0]
        if kind == "lit":
            ch = node[1]
            return self.add("char", lambda c, ch=ch: c == ch, nxt)
        if kind == "any":
            return self.add("char", lambda c: True, nxt)
        if kind == "set":
            return self.add("char", node[1].contains, nxt)
        if kind == "cat":
            for item in reversed(node[1]):
                nxt = self.build(item, nxt)
            return nxt
        if kind == "empty":
            return nxt
        if kind == "alt":
            starts = [self.build(b, nxt) for b in node[1]]
            head = starts[-1]
            for s in reversed(starts[:-1]):
                head = self.add("split", s, head)
            return head
        if kind == "group":
            return self.build(node[2], nxt)
        if kind == "assert":
            return self.add("assert", node[1], nxt)
        if kind == "rep":
            _, inner, lo, hi = node
            if hi is None:  # X{lo,} = X...X X*
                loop = self.add("split", -1, nxt)
                body = self.build(inner, loop)
                self.ops[loop][1] = body
                head = loop
            else:
                head = nxt
                for _ in range(hi - lo):
                    body = self.build(inner, head)
                    head = self.add("split", body, nxt)
            for _ in range(lo):
                head = self.build(inner, head)
            return head
        raise RegexError("Invalid back reference")  # backref: handled by the regex package


def _assert_ok(kind: str, prev: str | None, nxt: str | None) -> bool:
    if kind in ("bol", "bos"):
        return prev is None
    if kind in ("eol", "eos"):
        return nxt is None
    a, b = is_word(prev), is_word(nxt)
    return {"word": a != b, "notword": a == b, "wbeg": not a and b, "wend": a and not b, "nwprev": not a,
            "nwnext": not b}[kind]


class Pattern:
    """A compiled POSIX pattern: `search(s, pos)` gives the leftmost-longest (start, end) or None."""

    def __init__(self, pattern: str, extended: bool = False, icase: bool = False, whole: str | None = None):
        """`whole`: 'line' (grep -x) or 'word' (grep -w) constrains every match to a whole line or word."""
        parser = _Parser(pattern, extended, icase)
        self.tree = parser.parse()
        if whole == "line":
            self.tree = ("cat", [("assert", "bol"), self.tree, ("assert", "eol")])
        elif whole == "word":
            self.tree = ("cat", [("assert", "nwprev"), self.tree, ("assert", "nwnext")])
        self.warnings = parser.warnings
        self.groups = parser.groups
        self.backrefs = parser.backrefs
        self.icase = icase
        self._py = None
        if not self.backrefs:
            self.nfa = _Nfa()
            match = self.nfa.add("match")
            self.start = self.nfa.build(self.tree, match)
        self._closure: dict = {}

    def _close(self, state: int, prev, nxt) -> tuple:
        """States reachable from `state` without consuming input at a point between `prev` and `nxt`."""
        key = (state, prev is None, nxt is None, is_word(prev), is_word(nxt))
        hit = self._closure.get(key)
        if hit is not None:
            return hit
        out, seen, stack = [], set(), [state]
        ops = self.nfa.ops
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            op = ops[s]
            if op[0] == "split":
                stack.extend((op[2], op[1]))
            elif op[0] == "jmp":
                stack.append(op[1])
            elif op[0] == "assert":
                if _assert_ok(op[1], prev, nxt):
                    stack.append(op[2])
            else:
                out.append(s)
        result = tuple(out)
        self._closure[key] = result
        return result

    def search(self, s: str, pos: int = 0, not_bol: bool = False) -> tuple[int, int] | None:
        if self.backrefs:
            m = self._py_search(s, pos)
            return m.span() if m else None
        ops, n = self.nfa.ops, len(s)
        threads: dict[int, int] = {}  # state -> earliest start
        best = None
        for p in range(pos, n + 1):
            prev = s[p - 1] if p > 0 else None
            if p == 0 and not_bol:
                prev = "\n"
            nxt = s[p] if p < n else None
            if best is None:
                for st in self._close(self.start, prev, nxt):
                    threads.setdefault(st, p)
            for st, origin in threads.items():
                if ops[st][0] == "match" and (best is None or origin < best[0] or
                                              (origin == best[0] and p > best[1])):
                    best = (origin, p)
            if best is not None:
                threads = {st: o for st, o in threads.items() if o <= best[0]}
            if p == n or not threads:
                if best is not None or p == n:
                    break
                continue
            c = s[p]
            after = s[p + 1] if p + 1 < n else None
            moved: dict[int, int] = {}
            for st, origin in sorted(threads.items(), key=lambda t: t[1]):
                op = ops[st]
                if op[0] == "char" and op[1](c):
                    for t in self._close(op[2], c, after):
                        if t not in moved:
                            moved[t] = origin
            threads = moved
        return best

    def finditer(self, s: str):
        """Non-overlapping leftmost-longest matches; an empty match moves on by one character, as GNU does."""
        pos, last_end = 0, -1
        while pos <= len(s):
            m = self.search(s, pos)
            if m is None:
                return
            if m[0] == m[1] == last_end:  # no empty match right after a match (GNU sed, grep -o)
                pos = m[1] + 1
                continue
            yield m
            last_end = m[1]
            pos = m[1] if m[1] > m[0] else m[1] + 1

    # -- submatches (sed's \1..\9) and back-references, by the regex package in POSIX mode ----------------
    def python(self):
        if self._py is None:
            flags = _regex.POSIX | _regex.DOTALL | (_regex.IGNORECASE if self.icase else 0)
            self._py = _regex.compile(_emit(self.tree), flags)
        return self._py

    def _py_search(self, s: str, pos: int):
        try:
            return self.python().search(s, pos, timeout=SUBMATCH_SECONDS)
        except TimeoutError:
            raise RegexTooCostly("the pattern is too costly to match in the lab (back-references)")

    def groups_at(self, s: str, span: tuple[int, int]) -> list[str | None]:
        """The submatches of the match at `span` (whole match first)."""
        if self.groups == 0:
            return [s[span[0]:span[1]]]
        try:
            m = self.python().match(s, span[0], timeout=SUBMATCH_SECONDS)
        except TimeoutError:
            raise RegexTooCostly("the pattern is too costly to match in the lab (submatches)")
        if m is None:
            return [s[span[0]:span[1]]] + [None] * self.groups
        return [m.group(0)] + list(m.groups())


def _emit_set(cs: CharSet) -> str:
    parts = [_regex.escape(c) for c in sorted(cs.chars)]
    parts += [f"{_regex.escape(lo)}-{_regex.escape(hi)}" for lo, hi in cs.ranges]
    parts += [f"[:{k}:]" for k in cs.classes]
    return "[" + ("^" if cs.negate else "") + "".join(parts) + "]" if parts else ("[^\\s\\S]" if not cs.negate
                                                                                  else "[\\s\\S]")


def _emit(node) -> str:
    kind = node[0]
    if kind == "lit":
        return _regex.escape(node[1])
    if kind == "any":
        return "."
    if kind == "set":
        return _emit_set(node[1])
    if kind == "cat":
        return "".join(_emit(n) for n in node[1])
    if kind == "empty":
        return ""
    if kind == "alt":
        return "(?:" + "|".join(_emit(b) for b in node[1]) + ")"
    if kind == "group":
        return "(" + _emit(node[2]) + ")"
    if kind == "rep":
        lo, hi = node[2], node[3]
        q = "{" + f"{lo},{'' if hi is None else hi}" + "}"
        return "(?:" + _emit(node[1]) + ")" + q
    if kind == "backref":
        return f"\\{node[1]}"
    return {"bol": "^", "eol": "$", "bos": "^", "eos": "$", "word": "\\b", "notword": "\\B",
            "wbeg": "\\b(?=\\w)", "wend": "\\b(?<=\\w)", "nwprev": "(?<!\\w)", "nwnext": "(?!\\w)"}[node[1]]


def compile_pattern(pattern: str, extended: bool = False, icase: bool = False) -> Pattern:
    return Pattern(pattern, extended, icase)
