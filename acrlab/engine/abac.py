"""Azure ABAC role assignment conditions (condition version 2.0): parse, validate and evaluate.

Supports the syntax the ACR docs use, e.g.
  ((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})
     AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}))
   OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'backend/'))
Boolean AND/OR/NOT (also && || !), parentheses, ActionMatches{...}, and attribute comparisons with the String*
operators (optionally prefixed ForAnyOfAnyValues: etc.) against a string or a {'a', 'b'} list."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from .cloud import Cloud
from .errors import AzureError
from .rbac import Decision, evaluate

REPO_ATTR = "microsoft.containerregistry/registries/repositories:name"
INVALID = "The given role assignment condition is invalid."
OPERATORS = {
    "stringequals", "stringnotequals", "stringequalsignorecase", "stringnotequalsignorecase", "stringstartswith",
    "stringnotstartswith", "stringstartswithignorecase", "stringnotstartswithignorecase", "stringlike",
    "stringnotlike", "stringendswith", "stringendswithignorecase",
}
_TOKEN = re.compile(r"""\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<lb>\{)|(?P<rb>\})|(?P<comma>,)|(?P<and>&&)|(?P<or>\|\|)
    |(?P<not>!)|(?P<str>'(?:[^']|'')*')|(?P<attr>@(?:Request|Resource|Principal|Environment)\[[^\]]*\])
    |(?P<word>[A-Za-z][A-Za-z0-9:]*))""", re.X | re.I)


class ConditionError(AzureError):
    def __init__(self, detail: str):
        super().__init__(f"{INVALID} ({detail})", code="BadRequest", status=400)
        self.detail = detail


@dataclass
class Node:
    kind: str  # and | or | not | action | cmp
    children: tuple = ()
    value: str = ""
    attr: str = ""
    op: str = ""
    values: tuple[str, ...] = ()


def tokenize(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ConditionError(f"unexpected character {text[pos:].strip()[:1]!r} at position {pos}")
        kind = m.lastgroup or ""
        val = m.group(kind)
        if kind == "word" and val.upper() in ("AND", "OR", "NOT"):
            kind = val.lower()
        out.append((kind, val, m.start(kind)))
        pos = m.end()
    return out


class Parser:
    def __init__(self, text: str):
        self.toks = tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self, kind: str) -> str:
        if self.peek() != kind:
            where = f"at position {self.toks[self.i][2]}" if self.i < len(self.toks) else "at the end"
            found = repr(self.toks[self.i][1]) if self.i < len(self.toks) else "nothing"
            raise ConditionError(f"expected {kind_name(kind)} {where}, found {found}")
        self.i += 1
        return self.toks[self.i - 1][1]

    def parse(self) -> Node:
        if not self.toks:
            raise ConditionError("the condition is empty")
        node = self.expr()
        if self.i != len(self.toks):
            raise ConditionError(f"unexpected {self.toks[self.i][1]!r} at position {self.toks[self.i][2]}")
        return node

    def expr(self) -> Node:
        node = self.conj()
        while self.peek() == "or":
            self.i += 1
            node = Node("or", (node, self.conj()))
        return node

    def conj(self) -> Node:
        node = self.unary()
        while self.peek() == "and":
            self.i += 1
            node = Node("and", (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.peek() == "not":
            self.i += 1
            return Node("not", (self.unary(),))
        if self.peek() == "lp":
            self.i += 1
            node = self.expr()
            self.take("rp")
            return node
        if self.peek() == "word" and self.toks[self.i][1].lower() in ("actionmatches", "suboperationmatches"):
            word = self.take("word").lower()
            self.take("lb")
            pattern = unquote(self.take("str"))
            self.take("rb")
            return Node("action" if word == "actionmatches" else "subop", value=pattern)
        if self.peek() == "attr":
            attr = self.take("attr")
            op = self.take("word")
            base = op.split(":")[-1].lower()
            if base not in OPERATORS:
                raise ConditionError(f"unknown operator '{op}'")
            if self.peek() == "lb":
                self.i += 1
                vals = [unquote(self.take("str"))]
                while self.peek() == "comma":
                    self.i += 1
                    vals.append(unquote(self.take("str")))
                self.take("rb")
            else:
                vals = [unquote(self.take("str"))]
            source, _, key = attr[1:-1].partition("[")
            if key.lower().startswith("microsoft.containerregistry/") and key.lower() != REPO_ATTR:
                raise ConditionError(f"attribute '{key}' is not supported; ACR offers "
                                     "'Microsoft.ContainerRegistry/registries/repositories:name'")
            return Node("cmp", attr=f"{source.lower()}:{key.lower()}", op=base, values=tuple(vals))
        found = repr(self.toks[self.i][1]) if self.i < len(self.toks) else "the end"
        raise ConditionError(f"expected '(', '!', ActionMatches{{...}} or an @Request[...] comparison, found {found}")


def kind_name(kind: str) -> str:
    return {"rp": "')'", "lb": "'{'", "rb": "'}'", "str": "a quoted string", "word": "an operator"}.get(kind, kind)


def unquote(s: str) -> str:
    return s[1:-1].replace("''", "'")


def parse(text: str) -> Node:
    return Parser(text).parse()


def validate_condition(text: str, version: str | None = "2.0") -> Node:
    if version not in (None, "2.0"):
        raise AzureError(INVALID, code="BadRequest")
    return parse(text)


def _compare(op: str, actual: str, expected: str) -> bool:
    neg = "not" in op
    base = op.replace("not", "")
    if base.endswith("ignorecase"):
        actual, expected, base = actual.lower(), expected.lower(), base[: -len("ignorecase")]
    if base == "stringequals":
        hit = actual == expected
    elif base == "stringstartswith":
        hit = actual.startswith(expected)
    elif base == "stringendswith":
        hit = actual.endswith(expected)
    else:  # stringlike
        hit = fnmatch.fnmatchcase(actual, expected)
    return not hit if neg else hit


def holds(node: Node, action: str, attributes: dict[str, str]) -> bool:
    if node.kind == "and":
        return all(holds(c, action, attributes) for c in node.children)
    if node.kind == "or":
        return any(holds(c, action, attributes) for c in node.children)
    if node.kind == "not":
        return not holds(node.children[0], action, attributes)
    if node.kind == "action":
        return fnmatch.fnmatchcase(action.lower(), node.value.lower())
    if node.kind == "subop":
        return False
    actual = attributes.get(node.attr)
    if actual is None:
        return False
    results = [_compare(node.op, actual, v) for v in node.values]
    return all(results) if "not" in node.op else any(results)


def condition_verdict(condition: str, action: str, repository: str | None) -> bool | str:
    try:
        tree = parse(condition)
    except ConditionError as e:
        return f"its condition is malformed ({e.detail})"
    attrs = {f"request:{REPO_ATTR}": repository} if repository is not None else {}
    if holds(tree, action, attrs):
        return True
    target = f"repository '{repository}'" if repository is not None else "a request without a repository"
    return f"its condition does not hold for {target}"


def authorize_hook(cloud: Cloud, principal, action: str, scope: str, data: bool, decision: Decision,
                   **context) -> Decision:
    """Re-judge assignments that carry conditions, with the request's repository as the attribute."""
    repository = context.get("repository")
    if any([a.condition for a in decision.considered]):
        ids = cloud.principal_ids(principal)
        refined = evaluate(cloud.role_assignments.of_principals(ids), ids, action, scope, data,
                           condition_ok=lambda a: condition_verdict(a.condition or "", action, repository))
        refined.note = decision.note
        decision = refined
    decision.repository = repository
    decision.principal_name = principal.sign_in_name
    return decision


def install(cloud: Cloud) -> None:
    cloud.state.setdefault("authorize_hooks", []).append(authorize_hook)
