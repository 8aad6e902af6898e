"""Compound commands: if/elif/else, for (word list and C style), while/until, { } and ( ), (( )), [[ ]],
function definitions. Loops are bounded: LOOP_LIMIT iterations in all per top-level command."""

from __future__ import annotations

import copy
import re

from ..engine import budget
from . import bash
from .bash_cond import CondError, Context, DoubleBracket
from .bash_expand import arith, expand_pattern, expand_pieces
from .bash_parse import plain
from .bash_vars import assign
from .executor import (
    ExpansionError,
    Feed,
    LoopControl,
    LoopLimit,
    expand_string,
    expand_word,
    positional,
    run_condition,
    run_list,
    with_redirects,
)
from .session import IO, ExitShell, Session

LOOP_LIMIT = 10_000


def run_compound(sh: Session, node: bash.Compound, io: IO) -> int:
    if isinstance(node, bash.FuncDef):
        sh.state.setdefault("functions", {})[node.name] = node.body
        return 0
    return with_redirects(sh, node.redirects, io, lambda inner: _run(sh, node, _fed(inner)))


def _fed(io: IO) -> IO:
    """Give the body one shared stdin so each `read` takes the next line."""
    if getattr(io, "feed", None) is None:
        io.feed = Feed(io.stdin)  # type: ignore[attr-defined]
    return io


def _run(sh: Session, node: bash.Compound, io: IO) -> int:
    if isinstance(node, bash.If):
        for cond, body in node.clauses:
            if run_condition(sh, cond, io) == 0:
                return run_list(sh, body, io)
        return run_list(sh, node.orelse, io) if node.orelse else 0
    if isinstance(node, (bash.For, bash.While, bash.ArithFor)):
        return _loop(sh, node, io)
    if isinstance(node, bash.Group):
        return _subshell(sh, node, io) if node.subshell else run_list(sh, node.body, io)
    if isinstance(node, bash.Arith):
        return 0 if arith(sh, node.expr, io) else 1
    if isinstance(node, bash.Cond):
        return _cond(sh, node, io)
    if isinstance(node, bash.Case):
        return _case(sh, node, io)
    raise ExpansionError(f"{type(node).__name__}: not supported")


def _subshell(sh: Session, node: bash.Group, io: IO) -> int:
    saved = (dict(sh.env), sh.host.cwd, copy.copy(sh.state.get("functions", {})), sh.last_exit)
    try:
        return run_list(sh, node.body, io)
    except ExitShell as e:
        return e.code
    finally:
        sh.env.clear()
        sh.env.update(saved[0])
        sh.host.cwd = saved[1]
        sh.state["functions"] = saved[2]


def _tick(sh: Session) -> None:
    budget.checkpoint()
    sh.state["_loop_iters"] = sh.state.get("_loop_iters", 0) + 1
    if sh.state["_loop_iters"] > LOOP_LIMIT:
        raise LoopLimit()


def _loop(sh: Session, node, io: IO) -> int:
    depth = sh.state.get("_loop_depth", 0)
    if depth == 0 and sh.state.get("_depth", 0) == 0:
        sh.state["_loop_iters"] = 0
    sh.state["_loop_depth"] = depth + 1
    try:
        return _iterate(sh, node, io)
    except LoopLimit:
        if depth:
            raise
        io.err("bash: loop limit reached")
        return 1
    finally:
        sh.state["_loop_depth"] = depth


def _body(sh: Session, body: list[bash.AndOr], io: IO) -> tuple[int, bool]:
    """Run one iteration; (status, stop)."""
    try:
        return run_list(sh, body, io), False
    except LoopControl as lc:
        if lc.levels > 1:
            lc.levels -= 1
            raise
        return 0, lc.kind == "break"


def _iterate(sh: Session, node, io: IO) -> int:
    code = 0
    if isinstance(node, bash.For):
        if node.words is None:
            items = list(positional(sh))
        else:
            items = [f for w in node.words for f in expand_word(sh, w, io)]
        for item in items:
            _tick(sh)
            assign(sh, node.var, item)
            code, stop = _body(sh, node.body, io)
            if stop:
                break
        return code
    if isinstance(node, bash.ArithFor):
        if node.init:
            arith(sh, node.init, io)
        while True:
            _tick(sh)
            if node.cond and not arith(sh, node.cond, io):
                return code
            code, stop = _body(sh, node.body, io)
            if stop:
                return code
            if node.step:
                arith(sh, node.step, io)
    while True:
        _tick(sh)
        try:
            ok = run_condition(sh, node.cond, io) == 0
        except LoopControl as lc:  # `while break; do ...` ends the loop; `continue` tests again
            if lc.levels > 1:
                lc.levels -= 1
                raise
            if lc.kind == "break":
                return code
            continue
        if ok == node.until:
            return code
        code, stop = _body(sh, node.body, io)
        if stop:
            return code


def _case(sh: Session, node: bash.Case, io: IO) -> int:
    """The first item with a matching pattern runs; `;&` falls into the next body, `;;&` tests on."""
    subject = expand_string(sh, node.word, io)
    code = 0
    fall = False
    for patterns, body, term in node.items:
        if not fall and not any(_fullmatch(expand_pattern(sh, p, io), subject) for p in patterns):
            continue
        code = run_list(sh, body, io) if body else 0
        if term == ";;":
            return code
        fall = term == ";&"
    return code


def _fullmatch(rx: str, text: str) -> bool:
    try:
        return re.fullmatch(rx, text, re.S) is not None
    except re.error:
        return False


def _cond(sh: Session, node: bash.Cond, io: IO) -> int:
    words = []
    for w in node.words:
        pieces = [p for f in expand_pieces(sh, w, io, split=False) for p in f]
        words.append(("".join(t for t, _ in pieces), plain(w) is not None, pieces))
    evaluator = DoubleBracket(words, condition_context(sh, io, arithmetic=True))
    try:
        return 0 if evaluator.evaluate() else 1
    except CondError as e:
        io.err(f"bash: {e}")
        return 2


def condition_context(sh: Session, io: IO, arithmetic: bool = False) -> Context:
    def file_test(op: str, path: str) -> bool:
        content = sh.read_file(path) if path else None
        is_dir = bool(path) and content is None and sh.list_dir(path) is not None
        if op == "-f":
            return content is not None
        if op == "-d":
            return is_dir
        if op == "-s":
            return bool(content)
        return content is not None or is_dir or (op in ("-e", "-r") and sh.abspath(path) == "/dev/null")

    return Context(file_test, lambda name: name in sh.env,
                   (lambda s: arith(sh, s, io)) if arithmetic else None)
