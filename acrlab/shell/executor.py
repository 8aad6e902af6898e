"""Runs parsed bash: expansion, assignments, redirections, pipelines, programs and functions.

Compound commands (if, loops, groups, [[ ]], (( ))) are run by executor_compound.py."""

from __future__ import annotations

import re

from ..engine import budget
from . import bash
from .bash_expand import (  # noqa: F401  (re-exported: the compound runner and programs import them here)
    _INERT,
    ExpansionError,
    UnboundVariable,
    arithmetic,
    command_substitution,
    expand_assignment,
    expand_string,
    expand_text,
    expand_word,
    heredoc_dq,
    lookup_var,
    positional,
)
from .bash_vars import assign
from .session import IO, ExitShell, Session, programs

FUNC_NEST = 64
HEREDOC_CONTINUATION = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")
"""A backslash-newline in an unquoted here-document (not itself escaped): bash joins the lines."""


class LoopControl(Exception):
    def __init__(self, kind: str, levels: int = 1):
        super().__init__(kind)
        self.kind = kind
        self.levels = levels


class ReturnFromFunction(Exception):
    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class LoopLimit(Exception):
    pass


class Feed:
    """The stdin of a compound command, shared by the commands in it so `read` consumes line by line."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def rest(self) -> str:
        return self.text[self.pos:]

    def readline(self) -> str | None:
        if self.pos >= len(self.text):
            return None
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end < 0 else end + 1
        line = self.text[self.pos:end]
        self.pos = end
        return line


def child_io(io: IO) -> IO:
    feed = getattr(io, "feed", None)
    child = IO(stdin=feed.rest() if feed else io.stdin)
    if feed is not None:
        child.feed = feed  # type: ignore[attr-defined]
    return child


def shares_io(io: IO) -> bool:
    """Whether a simple command may write straight into `io` instead of a child IO handed on afterwards: the
    same output and the same stdin whenever `io` has no shared stdin feed (a compound command's, which a
    child reads from where the last `read` stopped) and its cap is the command's budget. Output then reaches
    the cap as it is written (the command stops there, as IO.cap says) rather than when it is handed on."""
    if "feed" in io.__dict__:
        return False
    meter = budget.current()  # (budget.output_cap(), read here: this runs twice for every simple command)
    return io.cap == (meter.output_cap if meter is not None else budget.DEFAULT_CAP)


def run_list(sh: Session, items: list[bash.AndOr], io: IO) -> int:
    code = 0
    for andor in items:
        code = run_andor(sh, andor, io)
    return code


def run_condition(sh: Session, items: list[bash.AndOr], io: IO) -> int:
    """An if/while condition: `set -e` does not apply inside it."""
    sh.state["_cond"] = sh.state.get("_cond", 0) + 1
    try:
        return run_list(sh, items, io)
    finally:
        sh.state["_cond"] -= 1


def run_andor(sh: Session, andor: bash.AndOr, io: IO) -> int:
    code = 0
    last = len(andor.parts) - 1
    ran_last = False
    for k, (joiner, pipeline) in enumerate(andor.parts):
        if joiner == "&&" and code != 0:
            continue
        if joiner == "||" and code == 0:
            continue
        guarded = k < last or pipeline.negate
        if guarded:
            sh.state["_cond"] = sh.state.get("_cond", 0) + 1
        try:
            code = run_pipeline(sh, pipeline, io)
        finally:
            if guarded:
                sh.state["_cond"] -= 1
        sh.last_exit = code
        ran_last = k == last and not pipeline.negate
    if code and ran_last and sh.state.get("errexit") and not sh.state.get("_cond"):
        raise ExitShell(code)
    return code


def run_pipeline(sh: Session, pipeline: bash.Pipeline, io: IO) -> int:
    n = len(pipeline.commands)
    if n == 1 and shares_io(io):  # one command: its output is the pipeline's, as written
        code = run_command(sh, pipeline.commands[0], io)
        return (0 if code else 1) if pipeline.negate else code
    code = 0
    failed = 0
    stdin = None
    for i, cmd in enumerate(pipeline.commands):
        last = i == n - 1
        step = child_io(io) if stdin is None else IO(stdin=stdin)
        try:
            code = run_command(sh, cmd, step)
        finally:
            io.forward(step, stdout=last)
        failed = code or failed
        stdin = step.stdout
    if sh.state.get("pipefail") and n > 1:
        code = failed
    if pipeline.negate:
        code = 0 if code else 1
    return code


def run_command(sh: Session, cmd: bash.Simple | bash.Compound, io: IO) -> int:
    try:
        if isinstance(cmd, bash.Simple):
            return run_simple(sh, cmd, io)
        from .executor_compound import run_compound

        return run_compound(sh, cmd, io)
    except ExpansionError as e:
        io.err(f"bash: {e}")
        if isinstance(e, UnboundVariable) and not sh.interactive:
            raise ExitShell(1) from None
        return 1


def literal_argv(cmd: bash.Simple) -> list[str] | None:
    """The argv of a command made of literal words only (no assignment, expansion, glob, brace or tilde: what
    every expansion step keeps as it is), worked out once per parsed command (parsed trees are shared and never
    changed); None when its words need expanding."""
    kept = cmd.__dict__.get("_literal_argv", False)
    if kept is False:
        words = cmd.words
        kept = None
        if words and bash.is_assignment(words[0]) is None and all(
                w and all(seg[0] == "lit" and (seg[2] or _INERT.isdisjoint(seg[1])) for seg in w) for w in words):
            kept = tuple("".join(seg[1] for seg in w) for w in words)
        cmd.__dict__["_literal_argv"] = kept
    return None if kept is None else list(kept)


def run_simple(sh: Session, cmd: bash.Simple, io: IO) -> int:
    budget.checkpoint()
    argv = literal_argv(cmd)
    if argv is not None:
        sh.state["_subst_status"] = None
        if sh.state.get("xtrace"):
            io.err("+ " + " ".join(argv))
        if not cmd.redirects and shares_io(io):
            return run_program(sh, argv, io)
        return with_redirects(sh, cmd.redirects, io, lambda inner: run_program(sh, argv, inner))
    words = list(cmd.words)
    assigns: list[tuple[str, str]] = []
    sh.state["_subst_status"] = None
    while words:
        a = bash.is_assignment(words[0])
        if a is None:
            break
        assigns.append((a[0], expand_assignment(sh, a[1], io)))
        words.pop(0)
    argv: list[str] = []
    for w in words:
        argv.extend(expand_word(sh, w, io))
    if sh.state.get("xtrace"):
        io.err("+ " + " ".join([f"{n}={v}" for n, v in assigns] + argv))
    if not argv:  # the status is that of the last command substitution (X=$(false) fails)
        status = sh.state.get("_subst_status") or 0
        for name, value in assigns:
            assign(sh, name, value)
        return apply_redirects_only(sh, cmd, io) or status
    saved = {name: sh.env.get(name) for name, _ in assigns}
    for name, value in assigns:
        assign(sh, name, value)
    try:
        return with_redirects(sh, cmd.redirects, io, lambda inner: run_program(sh, argv, inner))
    finally:
        for name, old in saved.items():
            if old is None:
                sh.env.pop(name, None)
            else:
                sh.env[name] = old


def apply_redirects_only(sh: Session, cmd: bash.Simple, io: IO) -> int:
    for r in cmd.redirects:
        if r.op in (">", ">>", "&>"):
            sh.write_file(expand_string(sh, r.target, io), "", append=r.op == ">>")
    return 0


def with_redirects(sh: Session, redirects: list[bash.Redirect], io: IO, body) -> int:
    """Run body(inner_io) with the redirections applied; stdin from a file starts a new feed."""
    inner = child_io(io)
    if redirects and any(r.op in ("<", "<<", "<<-", "<<<") for r in redirects) and hasattr(inner, "feed"):
        del inner.feed
    out_file: tuple[str, bool] | None = None
    err_file: tuple[str, bool] | None = None
    merge_err = False
    to_err = False
    both_file = False
    for r in redirects:
        if r.op == "<<<":
            inner.stdin = expand_string(sh, r.target, io) + "\n"
        elif r.op in ("<<", "<<-"):
            text = r.heredoc or ""
            if not r.heredoc_quoted:
                text = HEREDOC_CONTINUATION.sub(r"\1", text)  # bash drops an unescaped backslash-newline
                try:
                    text = "\n".join(
                        expand_string(sh, bash.Lexer(f'"{heredoc_dq(line)}"').read_word(), io)
                        for line in text.split("\n"))
                except bash.BashSyntaxError:
                    pass
            inner.stdin = text
        elif r.op == "<":
            path = expand_string(sh, r.target, io)
            content = sh.read_file(path)
            if content is None and sh.abspath(path) != "/dev/null":
                io.err(f"bash: {path}: No such file or directory")
                return 1
            inner.stdin = content or ""
        elif r.op in (">", ">>"):
            out_file = (expand_string(sh, r.target, io), r.op == ">>")
        elif r.op in ("2>", "2>>"):
            err_file = (expand_string(sh, r.target, io), r.op == "2>>")
        elif r.op == "2>&1":
            merge_err = True
        elif r.op in (">&2", "1>&2"):
            to_err = True
        elif r.op == "&>":
            out_file = (expand_string(sh, r.target, io), False)
            both_file = True
    try:
        return body(inner)
    finally:  # break/return/exit inside the body still deliver what it printed
        _deliver(sh, inner, io, out_file, err_file, merge_err or both_file, to_err)


def _deliver(sh: Session, inner: IO, io: IO, out_file, err_file, merge: bool, to_err: bool) -> None:
    """Hand a command's output on, in the order it was written, after `>`, `2>`, `2>&1`, `>&2` and `&>`."""
    if not (out_file or err_file or merge or to_err):  # no redirection: as it was written
        io.forward(inner)
        return
    routed = IO()
    routed.forward(inner, merge=merge, to_err=to_err)
    if out_file:
        sh.write_file(out_file[0], routed.stdout, append=out_file[1])
    if err_file:
        sh.write_file(err_file[0], routed.stderr, append=err_file[1])
    io.forward(routed, stdout=not out_file, stderr=not err_file)


def run_program(sh: Session, argv: list[str], io: IO) -> int:
    name = argv[0]
    functions = sh.state.get("functions")
    func = functions.get(name) if functions else None
    if func is not None:
        return call_function(sh, name, func, argv[1:], io)
    prog = programs().get(name)
    if prog is None:
        io.err(f"bash: {name}: command not found")
        return 127
    try:
        return prog(sh, argv[1:], io) & 0xFF  # a status is one byte: `return 300` is 44, -1 is 255
    except (ExitShell, LoopControl, ReturnFromFunction, LoopLimit):
        raise
    except Exception as e:  # a bug in a program must never reach the learner as a traceback
        import traceback

        sh.state.setdefault("internal_errors", []).append(traceback.format_exc())
        io.err(f"{name}: internal error in the simulator: {type(e).__name__}: {e}")
        return 1


def call_function(sh: Session, name: str, body: bash.Compound, args: list[str], io: IO) -> int:
    from .executor_compound import run_compound

    budget.checkpoint()
    frames = sh.state.setdefault("_frames", [])
    if len(frames) >= FUNC_NEST:
        io.err(f"bash: {name}: maximum function nesting level exceeded ({FUNC_NEST})")
        return 1
    saved_args = sh.state.get("_argv")
    sh.state["_argv"] = list(args)
    frames.append({})
    try:
        return run_compound(sh, body, io)
    except ReturnFromFunction as r:
        return r.code
    finally:
        for var, old in frames.pop().items():
            if old is None:
                sh.env.pop(var, None)
            else:
                sh.env[var] = old
        sh.state["_argv"] = saved_args
