"""Runs parsed bash: expansion, assignments, redirections, pipelines and programs."""

from __future__ import annotations

from . import bash
from .session import IO, MAX_OUTPUT, Session, programs

MAX_DEPTH = 8


def expand_word(sh: Session, word: list[bash.Segment], io: IO, split: bool = True) -> list[str]:
    """Expand one word into zero or more fields (unquoted expansions split on whitespace)."""
    fields: list[str] = []
    cur: list[str] = []
    started = False
    for kind, val, quoted in word:
        if kind == "lit":
            cur.append(val)
            started = True
            continue
        text = lookup_var(sh, val) if kind == "var" else command_substitution(sh, val, io)
        if quoted or not split:
            cur.append(text)
            started = True
            continue
        pieces = text.split()
        if not pieces:
            continue
        if text[:1].isspace() and started:
            fields.append("".join(cur))
            cur = []
        cur.append(pieces[0])
        started = True
        for p in pieces[1:]:
            fields.append("".join(cur))
            cur = [p]
        if text[-1:].isspace():
            fields.append("".join(cur))
            cur = []
            started = False
    if started:
        fields.append("".join(cur))
    return fields


def expand_string(sh: Session, word: list[bash.Segment], io: IO) -> str:
    return "".join(expand_word(sh, word, io, split=False))


def lookup_var(sh: Session, name: str) -> str:
    if name == "?":
        return str(sh.last_exit)
    if ":-" in name:
        n, default = name.split(":-", 1)
        return sh.env.get(n) or default
    if name == "PWD":
        return sh.host.cwd
    return sh.env.get(name, "")


def command_substitution(sh: Session, script: str, io: IO) -> str:
    depth = sh.state.get("_depth", 0)
    if depth >= MAX_DEPTH:
        io.err("bash: maximum nesting of $(...) reached")
        return ""
    sub = IO()
    sh.state["_depth"] = depth + 1
    try:
        saved = sh.last_exit
        code, out, err = sh.run(script, sub)
        sh.last_exit = code if code else saved
    finally:
        sh.state["_depth"] = depth
    if err:
        io.err(err, end="")
    return out.rstrip("\n")


def run_andor(sh: Session, andor: bash.AndOr, io: IO) -> int:
    code = 0
    for joiner, pipeline in andor.parts:
        if joiner == "&&" and code != 0:
            continue
        if joiner == "||" and code == 0:
            continue
        code = run_pipeline(sh, pipeline, io)
        sh.last_exit = code
    return code


def run_pipeline(sh: Session, pipeline: bash.Pipeline, io: IO) -> int:
    stdin = io.stdin
    code = 0
    n = len(pipeline.commands)
    for i, cmd in enumerate(pipeline.commands):
        last = i == n - 1
        step = IO(stdin=stdin)
        code = run_simple(sh, cmd, step)
        if step.stderr:
            io.err(step.stderr, end="")
        if last:
            io.out(step.stdout[:MAX_OUTPUT], end="")
        else:
            stdin = step.stdout
    return code


def run_simple(sh: Session, cmd: bash.Simple, io: IO) -> int:
    words = list(cmd.words)
    assigns: list[tuple[str, str]] = []
    while words:
        a = bash.is_assignment(words[0])
        if a is None:
            break
        assigns.append((a[0], expand_string(sh, a[1], io)))
        words.pop(0)
    argv: list[str] = []
    for w in words:
        argv.extend(expand_word(sh, w, io))
    if not argv:
        for name, value in assigns:
            sh.env[name] = value
        return apply_redirects_only(sh, cmd, io)
    saved = {name: sh.env.get(name) for name, _ in assigns}
    for name, value in assigns:
        sh.env[name] = value
    try:
        return run_with_redirects(sh, argv, cmd.redirects, io)
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


def run_with_redirects(sh: Session, argv: list[str], redirects: list[bash.Redirect], io: IO) -> int:
    inner = IO(stdin=io.stdin)
    out_file: tuple[str, bool] | None = None
    err_file: tuple[str, bool] | None = None
    merge_err = False
    both_file = False
    for r in redirects:
        if r.op == "<<<":
            inner.stdin = expand_string(sh, r.target, io) + "\n"
        elif r.op == "<<":
            body = r.heredoc or ""
            if not r.heredoc_quoted:
                try:
                    body = "\n".join(
                        expand_string(sh, bash.Lexer(f'"{_escape_dq(line)}"').read_word(), io)
                        for line in body.split("\n"))
                except bash.BashSyntaxError:
                    pass
            inner.stdin = body
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
        elif r.op == "&>":
            out_file = (expand_string(sh, r.target, io), False)
            both_file = True
    code = run_program(sh, argv, inner)
    out, err = inner.stdout, inner.stderr
    if merge_err or both_file:
        out, err = out + err, ""
    if out_file:
        sh.write_file(out_file[0], out, append=out_file[1])
        out = ""
    if err_file:
        sh.write_file(err_file[0], err, append=err_file[1])
        err = ""
    if out:
        io.out(out, end="")
    if err:
        io.err(err, end="")
    return code


def _escape_dq(line: str) -> str:
    return line.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\$", "\\$")


def run_program(sh: Session, argv: list[str], io: IO) -> int:
    name = argv[0]
    prog = programs().get(name)
    if prog is None:
        io.err(f"bash: {name}: command not found")
        return 127
    try:
        return prog(sh, argv[1:], io)
    except Exception as e:  # a bug in a program must never reach the learner as a traceback
        if type(e).__name__ == "ExitShell":
            raise
        import traceback

        sh.state.setdefault("internal_errors", []).append(traceback.format_exc())
        io.err(f"{name}: internal error in the simulator: {type(e).__name__}: {e}")
        return 1
