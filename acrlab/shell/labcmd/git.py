"""`lab git fork|token|push|pr`: the simulated Git host that ACR Tasks source triggers watch (the `git` program
clones, commits and pushes; these are what a learner does on github.com)."""

from __future__ import annotations

from ...engine import tasks_git
from ..session import IO, Session


def _opts(argv: list[str], names: dict[str, str]) -> tuple[list[str], dict[str, str]] | str:
    pos, opts, i = [], {}, 0
    while i < len(argv):
        a = argv[i]
        if a in names:
            if i + 1 >= len(argv):
                return f"option {a} needs a value"
            opts[names[a]] = argv[i + 1]
            i += 2
            continue
        if a.startswith("-"):
            return f"unknown option {a}"
        pos.append(a)
        i += 1
    return pos, opts


def git_push(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _opts(argv, {"--branch": "branch", "-b": "branch", "--message": "message", "-m": "message",
                          "--dir": "dir"})
    if isinstance(parsed, str) or len(parsed[0]) != 1:
        io.err(parsed if isinstance(parsed, str) else
               "usage: lab git push URL [--branch main] [--message TEXT] [--dir DIR]")
        return 2
    (url,), opts = parsed
    base, ref_branch, _ = tasks_git.parse_context(url)
    branch = opts.get("branch") or ref_branch or "main"
    files = sh.dir_files(opts.get("dir", "."))
    if not files:
        io.err(f"lab git push: nothing to commit in {sh.abspath(opts.get('dir', '.'))} (write some files first)")
        return 1
    principal = sh.host.az.principal
    runs_before = {r for reg in sh.cloud.registries.values() for r in reg.runs}
    commit = tasks_git.push(sh.cloud, base, branch, files, opts.get("message", "Update"),
                            principal.sign_in_name if principal else "learner")
    io.out(f"[{branch} {commit.sha[:7]}] {commit.message}")
    io.out(f" {len(files)} file{'s' if len(files) != 1 else ''} committed")
    io.out(f"To {base}\n   {branch} -> {branch}")
    _report_runs(sh, runs_before, io)
    return 0


def git_pr(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _opts(argv, {"--branch": "head", "--head": "head", "--base": "base"})
    if isinstance(parsed, str) or len(parsed[0]) != 1:
        io.err(parsed if isinstance(parsed, str) else "usage: lab git pr URL [--head BRANCH] [--base main]")
        return 2
    (url,), opts = parsed
    base_url = tasks_git.parse_context(url)[0]
    runs_before = {r for reg in sh.cloud.registries.values() for r in reg.runs}
    try:
        pr = tasks_git.open_pull_request(sh.cloud, base_url, opts.get("head", "feature"), opts.get("base", "main"))
    except ValueError as e:
        io.err(f"lab git pr: {e}")
        return 1
    io.out(f"Opened pull request #{pr.number}: {pr.head} -> {pr.base} ({base_url})")
    _report_runs(sh, runs_before, io)
    return 0


def _report_runs(sh: Session, before: set, io: IO) -> None:
    for reg in sh.cloud.registries.values():
        for run_id, run in reg.runs.items():
            if run_id not in before:
                io.out(f"ACR Tasks: {reg.name} queued run {run_id} (task {run.task}): {run.status}")


def github_user(sh: Session, given: str | None = None) -> str:
    """The learner's GitHub account: --user, else $GIT_USER (the tutorials set it), else 'learner'."""
    return given or sh.env.get("GIT_USER") or "learner"


def git_fork(sh: Session, argv: list[str], io: IO) -> int:
    parsed = _opts(argv, {"--user": "user", "-u": "user"})
    if isinstance(parsed, str) or len(parsed[0]) != 1:
        io.err(parsed if isinstance(parsed, str) else "usage: lab git fork URL [--user GITHUB_USER]")
        return 2
    (url,), opts = parsed
    user = github_user(sh, opts.get("user"))
    if user.startswith("<") or not user.replace("-", "").isalnum():
        io.err(f"lab git fork: '{user}' is not a GitHub user name (set GIT_USER to yours, e.g. GIT_USER=jane-doe)")
        return 2
    try:
        repo = tasks_git.fork(sh.cloud, url, user)
    except ValueError as e:
        io.err(f"lab git fork: {e}")
        return 1
    io.out(f"Forked {repo.forked_from or url} to {repo.url}")
    return 0


def git_token(sh: Session, argv: list[str], io: IO) -> int:
    """A GitHub personal access token for the learner's account (what ACR Tasks' --git-access-token takes)."""
    token = "ghp_" + sh.cloud.ids.secret(36)
    sh.cloud.state.setdefault("github_tokens", []).append(token)
    io.out(token)
    return 0


COMMANDS = {
    "git": (lambda sh, argv, io: {"push": git_push, "pr": git_pr, "fork": git_fork, "token": git_token}.get(
        argv[0] if argv else "", _usage)(sh, argv[1:], io),
        "a simulated Git host: lab git fork URL [--user u] | lab git token | lab git push URL [--branch b] "
        "[--message m] | lab git pr URL"),
}


def _usage(sh: Session, argv: list[str], io: IO) -> int:
    io.err("usage: lab git fork URL [--user GITHUB_USER] | lab git token | lab git push URL [--branch main] "
           "[--message TEXT] | lab git pr URL [--head BRANCH] [--base main]")
    return 2
