"""`acrlab shell` (a plain interactive lab terminal) and `acrlab run FILE` (a transcript of a script)."""

from __future__ import annotations

import argparse
import sys

from .lab import Lab
from .shell.continuation import PS2, needs_more

BANNER = """acrlab shell: a simulated Azure tenant. You are signed in as {upn}, Owner of '{sub}'.
Type az, docker, kubectl or bash commands; 'lab help' for lab commands; 'exit' or Ctrl-D to leave.
"""


def prompt_for(lab: Lab) -> str:
    sh = lab.session
    if sh.mode == "pwsh":
        return f"PS {sh.host.cwd}> "
    user = "learner" if sh.host.kind == "workstation" else "azureuser"
    cwd = sh.host.cwd.replace("/home/learner", "~")
    return f"{user}@{sh.host.name}:{cwd}$ "


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="acrlab shell", description="A plain interactive lab terminal.")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    lab = Lab(seed=args.seed)
    lab.session.interactive = sys.stdin.isatty()
    lab.session.state["ask"] = _ask
    install_readline(lab)
    print(BANNER.format(upn=lab.cloud.learner.user_principal_name, sub=lab.cloud.subscription.name))
    lines: list[str] = []
    while True:
        try:
            line = input(PS2.get(lab.session.mode, "> ") if lines else prompt_for(lab))
        except EOFError:
            print()
            if lines:  # bash: "unexpected end of file" for what was left open
                lines.clear()
                continue
            return 0
        except KeyboardInterrupt:
            print("^C")
            lines.clear()
            continue
        lines.append(line)
        if needs_more("\n".join(lines), lab.session.mode):
            continue
        text = "\n".join(lines)
        lines.clear()
        if not text.strip():
            continue
        before = len(lab.session.host_stack)
        r = lab.run(text)
        sys.stdout.write(r.output)  # both streams, in the order a terminal shows them
        sys.stdout.flush()
        if before == 1 and len(lab.session.host_stack) == 1 and text.strip() in ("exit", "logout") \
                and lab.session.mode == "bash":
            return r.exit_code


def run_file_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="acrlab run", description="Run a script in a fresh lab and print a transcript.")
    p.add_argument("file")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--shell", choices=["bash", "pwsh"], default=None)
    args = p.parse_args(argv)
    try:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        print(f"acrlab run: cannot read {args.file}: {e.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"acrlab run: {args.file} is not a UTF-8 text file", file=sys.stderr)
        return 2
    shell = args.shell or ("pwsh" if args.file.lower().endswith(".ps1") else "bash")
    lab = Lab(seed=args.seed)
    from .shell import bash

    if shell == "bash":
        try:
            chunks = [a.text for a in bash.parse(text)]
        except bash.BashSyntaxError as e:
            print(f"acrlab run: {args.file}: {e}", file=sys.stderr)
            return 2
    else:
        chunks = [text]
    code = 0
    for chunk in chunks:
        prompt = "PS> " if shell == "pwsh" else "$ "
        print(prompt + chunk.replace("\n", "\n> "))
        r = lab.run(chunk, shell=shell)
        sys.stdout.write(r.output)
        code = r.exit_code
    return code


def install_readline(lab: Lab) -> bool:
    """Line editing, history and Tab completion (a second Tab lists the candidates, as in bash)."""
    try:
        import readline
    except ImportError:
        return False
    from .completion import shell_programs, tenant_names, word_candidates

    found: list[str] = []

    def completer(text: str, state: int) -> str | None:
        if state == 0:
            line = readline.get_line_buffer()[: readline.get_endidx()]
            try:
                current, cands = word_candidates(line, shell_programs(), lab.session.list_dir(".") or [],
                                                 tenant_names(lab.cloud))
            except Exception:  # noqa: BLE001 - completion never breaks the terminal
                current, cands = "", []
            keep = len(current) - len(text)  # readline replaces only `text` (the part after the delimiters)
            found[:] = [c[keep:] for c in cands] if keep >= 0 else []
        return found[state] if state < len(found) else None

    readline.set_completer_delims(" \t\n;|&()<>'\"")
    readline.set_completer(completer)
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    return True


def _ask(question: str) -> str | None:
    """az's y/n prompt, asked on this terminal; None at end of input."""
    try:
        return input(question)
    except EOFError:
        return None
