"""Bicep syntax errors: which diagnostic Bicep reports where the LALR parser stops (BCP007, BCP009, BCP013-BCP020,
BCP018 with the expected character, ...), from the tokens before the failing one and what the parser accepts."""

from __future__ import annotations

from lark.exceptions import UnexpectedToken

from .diagnostics import make

PUNCT_CHARS = {"ASSIGN": "=", "RBRACE": "}", "RSQB": "]", "RPAR": ")", "COLON": ":", "LBRACE": "{", "LPAR": "(",
               "COMMA": ",", "LSQB": "["}
DECL_KEYWORDS = {"PARAM", "VAR", "RESOURCE", "OUTPUT", "TARGETSCOPE", "METADATA", "TYPE", "USING"}


def _syntax_diagnostic(e: UnexpectedToken):
    tok = e.token
    line, col = (tok.line, tok.column) if tok.type != "$END" else _end_position(e)
    try:
        expected = set(e.interactive_parser.accepts())
    except Exception:  # noqa: BLE001 - fall back to LALR's (merged) expectations
        expected = set(e.expected)
    prev = _previous_token(e)
    if prev is not None:
        if prev.type == "PARAM":
            return make("BCP013", line, col)
        if prev.type == "VAR":
            return make("BCP015", line, col)
        if prev.type == "OUTPUT":
            return make("BCP016", line, col)
        if prev.type == "RESOURCE":
            return make("BCP017", line, col)
        if prev.type == "IDENT" and _state_after(e, ("PARAM", "IDENT")):
            return make("BCP014", line, col)
        if prev.type == "IDENT" and _state_after(e, ("RESOURCE", "IDENT")):
            return make("BCP068", line, col)
        if prev.type in ("DOT", "QDOT"):
            return make("BCP020", line, col)
    if expected & DECL_KEYWORDS and "AT" in expected:
        return make("BCP007", line, col)
    if prev is not None and prev.type == "IDENT" and _state_after(e, ("OUTPUT", "IDENT")):
        return make("BCP146", line, col)
    if {"RPAR", "COMMA"} <= expected:
        return make("BCP018", line, col, ",")
    if "NL" in expected and tok.type != "NL":
        if "ASSIGN" in expected and prev is not None and prev.type in ("IDENT", "RSQB"):
            return make("BCP008", line, col)
        return make("BCP019", line, col)
    if {"IDENT", "STRING", "LBRACE", "LSQB", "INTEGER"} <= expected:
        return make("BCP009", line, col)
    if "IDENT" in expected and "RBRACE" in expected:
        return make("BCP022", line, col)
    for kind in ("ASSIGN", "COLON", "RPAR", "RSQB", "RBRACE", "COMMA", "LBRACE", "LPAR"):
        if kind in expected:
            return make("BCP018", line, col, PUNCT_CHARS[kind])
    if "STRING" in expected:
        return make("BCP068", line, col)
    return make("BCP009", line, col)


def _history(tokens, failing) -> list:
    """The tokens before the failing one (lark does not keep them for a custom lexer)."""
    if failing.type == "$END":
        return tokens
    return [t for t in tokens if t.start_pos < failing.start_pos]


def _previous_token(e: UnexpectedToken):
    stack = getattr(e, "token_history", None)
    if stack:
        return stack[-1]
    return None


def _state_after(e: UnexpectedToken, kinds: tuple[str, ...]) -> bool:
    hist = getattr(e, "token_history", None) or []
    return len(hist) >= len(kinds) and tuple(t.type for t in hist[-len(kinds):]) == kinds


def _end_position(e: UnexpectedToken) -> tuple[int, int]:
    hist = getattr(e, "token_history", None) or []
    if hist:
        last = hist[-1]
        return last.end_line or last.line, last.end_column or last.column
    return 1, 1
