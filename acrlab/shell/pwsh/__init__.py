"""A PowerShell 7 subset with the Az modules (Az.Accounts, Az.Resources, Az.ContainerRegistry) on the lab engine."""

from __future__ import annotations

from .formatting import render
from .interp import ExitScript, Flow, Interp
from .parser import parse
from .values import ParseError, as_list


def run(sh, text: str, io) -> int:
    """Run PowerShell text; output is formatted per statement; errors go to stderr as ConciseView shows them."""
    try:
        script = parse(text)
    except ParseError as e:
        io.err(parse_error_text(text, e))
        return 1
    interp = Interp(sh, io)

    def emit(items):
        text_out = render(items)
        if text_out:
            io.out(text_out, end="")
    try:
        interp.run_script(script, emit)
    except ExitScript as e:
        return e.code
    except Flow as f:  # `return` (or a stray break/continue) at the top level ends the script, as in PowerShell
        if f.kind == "return" and f.value is not None:
            emit(as_list(f.value))
        return 0 if interp.success else 1
    except RecursionError:
        io.err("InvalidOperation: The script failed due to call depth overflow.")
        return 1
    return 0 if interp.success else 1


def parse_error_text(text: str, e: ParseError) -> str:
    """PowerShell 7's parser error: the line, a caret under the position, the message."""
    pos = min(e.pos, len(text))
    line_no = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    col = pos - start
    width = len(str(line_no))
    pad = " " * (width + 1)
    return (f"ParserError: \nLine |\n{str(line_no).rjust(width + 1)} | {line}\n{pad} | {' ' * col}~\n"
            f"{pad} | {e.message}")
