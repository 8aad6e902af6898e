"""ARM template language expressions: `[func('a', parameters('b')).prop[0]]`, parsed with lark."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lark import Lark, Transformer
from lark.exceptions import LarkError

from .errors import TemplateError

GRAMMAR = r"""
?start: expr
?expr: atom postfix*                      -> chain
?atom: call | STRING -> string | NUMBER -> number
call: NAME "(" [expr ("," expr)*] ")"
postfix: "." NAME                         -> prop
       | "[" expr "]"                     -> idx
STRING: /'([^']|'')*'/
NUMBER: /-?[0-9]+/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
%ignore /[ \t\r\n]+/
"""


@dataclass
class Call:
    name: str
    args: list


@dataclass
class Chain:
    base: object
    steps: list  # ('prop', name) | ('idx', expr)


class _T(Transformer):
    def string(self, items):
        return items[0][1:-1].replace("''", "'")

    def number(self, items):
        return int(items[0])

    def call(self, items):
        name, *args = items
        return Call(str(name), [a for a in args if a is not None])

    def prop(self, items):
        return ("prop", str(items[0]))

    def idx(self, items):
        return ("idx", items[0])

    def chain(self, items):
        base, *steps = items
        return Chain(base, steps) if steps else base


@cache
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr")


def is_expression(value) -> bool:
    return isinstance(value, str) and value.startswith("[") and value.endswith("]") and not value.startswith("[[")


@cache
def parse(text: str):
    """Parse the inside of `[...]`; raises TemplateError with ARM's wording."""
    try:
        return _T().transform(_parser().parse(text))
    except LarkError:
        raise TemplateError(f"Unable to parse language expression '{text}': expected token 'EndOfData' and "
                            f"actual 'Identifier'.") from None


def literal(value):
    """A template string that is not an expression: `[[x]` stands for the literal `[x]`."""
    if isinstance(value, str) and value.startswith("[["):
        return value[1:]
    return value
