"""Is this input complete? What an interactive shell decides before it runs a line or prints its PS2 prompt.

Decided by the lab's own parsers (bash: `bash.Lexer` and `bash_parse.Parser`; PowerShell: `pwsh.parser`), so
the terminal front ends (the app, `acrlab shell`, `acrlab lab --plain`) wait for more exactly where the parser
would otherwise stop at the end of the input: an open quote, `$(`, `${` or here-document, a trailing `\\`,
`|`, `&&` or `||`, an unclosed `{`, `(`, `if`, `for`, `while`, `case` or function body.
"""

from __future__ import annotations

from .bash import BashSyntaxError, Lexer

PS2 = {"bash": "> ", "pwsh": ">> "}
"""The continuation prompt each shell prints (bash's default PS2; PowerShell's `>> `)."""

_BASH_EOF = ("unexpected EOF while looking for matching", "syntax error: unexpected end of file")
"""The bash parser's messages for input that ends inside a construct (what bash itself reports for a script)."""


def bash_needs_more(text: str) -> bool:
    """True when interactive bash would read another line before running `text`."""
    from .bash_parse import Parser

    lexer = Lexer(text)
    try:
        for _ in lexer.tokens():
            pass
    except BashSyntaxError as e:
        return str(e).startswith(_BASH_EOF)
    if lexer.continues:
        return True
    try:
        Parser(text).program()
    except BashSyntaxError as e:
        return str(e).startswith(_BASH_EOF)
    return False


def pwsh_needs_more(text: str) -> bool:
    """True when PowerShell's console would print `>> ` (its parser stopped at the end of the input)."""
    from .pwsh.parser import parse
    from .pwsh.values import ParseError

    body = text.rstrip(" \t")
    if body.endswith("`"):
        return True
    if not body.strip():
        return False
    try:
        parse(body + "\n")
    except ParseError as e:
        return e.pos >= len(body)
    except RecursionError:
        return False
    return False


def needs_more(text: str, mode: str = "bash") -> bool:
    """Whether `text` (the lines typed so far, joined by newlines) is still incomplete in `mode`."""
    try:
        return pwsh_needs_more(text) if mode == "pwsh" else bash_needs_more(text)
    except RecursionError:  # absurd nesting: let the run report it
        return False
