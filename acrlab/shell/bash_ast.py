"""The syntax tree of the bash subset (bash.py re-exports these names)."""

from __future__ import annotations

from dataclasses import dataclass, field

# A word is a list of segments: (kind, value, quoted) with kind in lit | var | cmd.
Segment = tuple[str, str, bool]


@dataclass
class Redirect:
    op: str  # '>', '>>', '<', '<<<', '2>', '2>>', '2>&1', '&>', '<<'
    target: list[Segment] | None = None
    heredoc: str | None = None
    heredoc_quoted: bool = False


@dataclass
class Simple:
    words: list[list[Segment]] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    text: str = ""


@dataclass
class Pipeline:
    commands: list[Simple | Compound]
    negate: bool = False


@dataclass
class AndOr:
    """pipelines joined by && / ||: [(None, p0), ('&&', p1), ...]"""

    parts: list[tuple[str | None, Pipeline]]
    text: str = ""


@dataclass
class Compound:
    """A compound command; `redirects` apply to all of it (`done < file`)."""

    redirects: list[Redirect] = field(default_factory=list, kw_only=True)


@dataclass
class If(Compound):
    clauses: list[tuple[list[AndOr], list[AndOr]]]
    """(condition, body) for the `if` and every `elif`."""
    orelse: list[AndOr] | None = None


@dataclass
class For(Compound):
    var: str
    words: list[list[Segment]] | None
    """None: `for x; do` iterates over "$@"."""
    body: list[AndOr]


@dataclass
class ArithFor(Compound):
    init: str
    cond: str
    step: str
    body: list[AndOr]


@dataclass
class While(Compound):
    cond: list[AndOr]
    body: list[AndOr]
    until: bool = False


@dataclass
class Group(Compound):
    body: list[AndOr]
    subshell: bool = False


@dataclass
class Arith(Compound):
    """`(( expression ))`: exit status 0 when the value is non-zero."""

    expr: str


@dataclass
class Cond(Compound):
    """`[[ ... ]]`: the words between the brackets, operators kept as literal words."""

    words: list[list[Segment]]


@dataclass
class Case(Compound):
    """`case WORD in PATTERN|PATTERN) LIST ;; ... esac`: items are (patterns, body, terminator ;; ;& ;;&)."""

    word: list[Segment]
    items: list[tuple[list[list[Segment]], list[AndOr], str]]


@dataclass
class FuncDef(Compound):
    name: str
    body: Compound


Command = Simple | Compound
