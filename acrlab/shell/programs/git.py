"""`git` against the lab's Git host (engine/tasks_git): clone, status, add, commit, push, checkout, pull, log.

What the ACR Tasks tutorials type: `git clone https://github.com/<you>/acr-build-helloworld-node`, then
`git add hello.txt`, `git commit -m ...`, `git push origin main` (which fires the task's commit trigger).
A clone is a directory of files plus what git remembers about it (remote URL, branch, the files of the last
commit, what is staged), kept in the session. Pushing to someone else's repository is refused as GitHub refuses
it (fork it first: `lab git fork URL`). Texts follow git 2.4x.
"""

from __future__ import annotations

import hashlib
import posixpath

from pydantic import BaseModel, Field

from ...engine import tasks_git
from ..session import IO, Session

PROGRAMS: dict = {}


class Clone(BaseModel):
    url: str
    branch: str
    base: dict[str, str]
    """The files of the last commit (what the working tree is compared with)."""
    staged: dict[str, str | None] = Field(default_factory=dict)
    """path -> content to commit (None: deleted)."""
    unpushed: list[tuple[str, str, dict[str, str]]] = Field(default_factory=list)
    """Local commits not pushed yet: (sha, message, files)."""


def _clones(sh: Session) -> dict[str, Clone]:
    return sh.state.setdefault("git_clones", {})


def _find(sh: Session) -> tuple[str, Clone] | None:
    cwd = sh.abspath(".")
    for root, clone in sorted(_clones(sh).items(), key=lambda kv: -len(kv[0])):
        if cwd == root or cwd.startswith(root.rstrip("/") + "/"):
            return root, clone
    return None


def _not_a_repo(io: IO) -> int:
    io.err("fatal: not a git repository (or any of the parent directories): .git")
    return 128


def in_clone(fn):
    """A verb that works inside a clone: gets (sh, argv, io, root, clone), or fails as git does outside one."""
    def verb(sh: Session, argv: list[str], io: IO) -> int:
        found = _find(sh)
        if found is None:
            return _not_a_repo(io)
        return fn(sh, argv, io, *found)
    return verb


def git(sh: Session, argv: list[str], io: IO) -> int:
    args = list(argv)
    if not args or args[0] in ("-h", "--help", "help"):
        io.out("usage: git <command> [<args>]\n\nThese are the commands this lab's git knows:\n   clone, status, add, "
               "commit, push, pull, checkout, switch, branch, log, remote, config")
        return 0 if args else 1
    verb, rest = args[0], args[1:]
    fn = VERBS.get(verb)
    if fn is None:
        io.err(f"git: '{verb}' is not a git command. See 'git --help'.")
        return 1
    return fn(sh, rest, io)


def _clone(sh: Session, argv: list[str], io: IO) -> int:
    pos = [a for a in argv if not a.startswith("-")]
    if not pos:
        io.err("fatal: You must specify a repository to clone.")
        return 129
    url = pos[0]
    name = url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    dest = sh.abspath(pos[1] if len(pos) > 1 else name)
    shown = pos[1] if len(pos) > 1 else name
    if sh.list_dir(dest):
        io.err(f"fatal: destination path '{shown}' already exists and is not an empty directory.")
        return 128
    io.err(f"Cloning into '{shown}'...")
    repo = tasks_git.get_repo(sh.cloud, url)
    branch = repo.default_branch if repo is not None else None
    head = tasks_git.head(sh.cloud, url, branch) if branch else None
    if repo is None or head is None:
        io.err(f"remote: Repository not found.\nfatal: repository '{url.split('#', 1)[0].removesuffix('.git')}/' "
               "not found")
        return 128
    for path, text in head.files.items():
        sh.write_file(posixpath.join(dest, path), text)
    _clones(sh)[dest] = Clone(url=repo.url, branch=branch or "main", base=dict(head.files))
    return 0


def _changes(sh: Session, root: str, clone: Clone) -> dict[str, str | None]:
    """Working-tree changes against the last commit: path -> new content (None: deleted)."""
    now = sh.dir_files(root)
    out: dict[str, str | None] = {p: c for p, c in now.items() if clone.base.get(p) != c}
    out.update({p: None for p in clone.base if p not in now})
    return out


@in_clone
def _status(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    io.out(f"On branch {clone.branch}")
    if clone.unpushed:
        io.out(f"Your branch is ahead of 'origin/{clone.branch}' by {len(clone.unpushed)} commit"
               f"{'s' if len(clone.unpushed) != 1 else ''}.\n  (use \"git push\" to publish your local commits)")
    else:
        io.out(f"Your branch is up to date with 'origin/{clone.branch}'.")
    changes = _changes(sh, root, clone)
    staged = {p: c for p, c in clone.staged.items() if clone.base.get(p) != c}
    unstaged = {p: c for p, c in changes.items() if p not in clone.staged or clone.staged[p] != c}
    if not staged and not unstaged:
        io.out("\nnothing to commit, working tree clean")
        return 0
    if staged:
        io.out("\nChanges to be committed:\n  (use \"git restore --staged <file>...\" to unstage)")
        for p, c in sorted(staged.items()):
            kind = "deleted" if c is None else "new file" if p not in clone.base else "modified"
            io.out(f"\t{kind}:   {p}")
    tracked = {p: c for p, c in unstaged.items() if p in clone.base}
    new = sorted(p for p in unstaged if p not in clone.base)
    if tracked:
        io.out("\nChanges not staged for commit:\n  (use \"git add <file>...\" to update what will be committed)")
        for p, c in sorted(tracked.items()):
            io.out(f"\t{'deleted' if c is None else 'modified'}:   {p}")
    if new:
        io.out("\nUntracked files:\n  (use \"git add <file>...\" to include in what will be committed)")
        io.out("\n".join(f"\t{p}" for p in new))
    return 0


@in_clone
def _add(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    paths = [a for a in argv if not a.startswith("-")]
    everything = "-A" in argv or "--all" in argv or "." in paths
    if not paths and not everything:
        io.err("Nothing specified, nothing added.\nhint: Maybe you wanted to say 'git add .'?")
        return 0
    changes = _changes(sh, root, clone)
    for spec in (["."] if everything else paths):
        rel = posixpath.relpath(sh.abspath(spec), root)
        hit = {p: c for p, c in changes.items() if rel == "." or p == rel or p.startswith(rel.rstrip("/") + "/")}
        if not hit and rel != "." and rel not in clone.base:
            io.err(f"fatal: pathspec '{spec}' did not match any files")
            return 128
        clone.staged.update(hit)
    return 0


@in_clone
def _commit(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    message, every, quiet = None, False, False
    for i, a in enumerate(argv):
        if a in ("--message", "--all", "--quiet") or a.startswith("--message="):
            message = argv[i + 1] if a == "--message" and i + 1 < len(argv) else a.partition("=")[2] or message
            every, quiet = every or a == "--all", quiet or a == "--quiet"
        elif a.startswith("-") and not a.startswith("--"):  # a cluster of short options: -qam "message"
            flags, _, rest = a[1:].partition("m")
            every, quiet = every or "a" in flags, quiet or "q" in flags
            if "m" in a[1:]:
                message = rest or (argv[i + 1] if i + 1 < len(argv) else None)
    if every:
        clone.staged.update({p: c for p, c in _changes(sh, root, clone).items() if p in clone.base})
    staged = {p: c for p, c in clone.staged.items() if clone.base.get(p) != c}
    if not staged:
        io.out(f"On branch {clone.branch}\nnothing to commit, working tree clean")
        return 1
    if not message:
        io.err("Aborting commit due to empty commit message.")
        return 1
    files = {p: c for p, c in {**clone.base, **staged}.items() if c is not None}
    sha = hashlib.sha1("\x1f".join([clone.url, clone.branch, message, str(len(clone.unpushed)),
                                    *(f"{k}\x1e{v}" for k, v in sorted(files.items()))]).encode()).hexdigest()
    clone.unpushed.append((sha, message, files))
    clone.base, clone.staged = files, {}
    n = len(staged)
    if not quiet:
        io.out(f"[{clone.branch} {sha[:7]}] {message}\n {n} file{'s' if n != 1 else ''} changed")
    return 0


@in_clone
def _push(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    pos = [a for a in argv if not a.startswith("-")]
    if pos and pos[0] != "origin":
        io.err(f"fatal: '{pos[0]}' does not appear to be a git repository\nfatal: Could not read from remote "
               "repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.")
        return 128
    branch = pos[1] if len(pos) > 1 else clone.branch
    if branch != clone.branch:
        io.err(f"error: src refspec {branch} does not match any\nerror: failed to push some refs to "
               f"'{clone.url}.git'")
        return 1
    if not clone.unpushed:
        io.err("Everything up-to-date")
        return 0
    repo = tasks_git.get_repo(sh.cloud, clone.url)
    owner = clone.url.rstrip("/").split("/")[-2]
    if repo is not None and not repo.owner_is_learner:
        user = sh.env.get("GIT_USER") or "learner"
        io.err(f"remote: Permission to {owner}/{clone.url.rsplit('/', 1)[-1]}.git denied to {user}.\n"
               f"fatal: unable to access '{clone.url}.git/': The requested URL returned error: 403\n"
               f"hint: fork it under your own account first: lab git fork {clone.url}")
        return 128
    previous = tasks_git.head(sh.cloud, clone.url, branch)
    principal = sh.host.az.principal
    for _sha, message, files in clone.unpushed:
        commit = tasks_git.push(sh.cloud, clone.url, branch, files, message,
                                principal.sign_in_name if principal else "learner")
    clone.unpushed = []
    io.err(f"To {clone.url}.git\n   {(previous.sha[:7] if previous else '0000000')}..{commit.sha[:7]}  "
           f"{branch} -> {branch}")
    return 0


@in_clone
def _pull(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    head = tasks_git.head(sh.cloud, clone.url, clone.branch)
    if head is None or head.files == clone.base:
        io.out("Already up to date.")
        return 0
    for path in clone.base:
        sh.host.files.pop(posixpath.join(root, path), None)
    for path, text in head.files.items():
        sh.write_file(posixpath.join(root, path), text)
    clone.base = dict(head.files)
    io.out(f"Updating to {head.sha[:7]}\nFast-forward")
    return 0


@in_clone
def _checkout(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    create = "-b" in argv or "-c" in argv or "-B" in argv
    names = [a for a in argv if not a.startswith("-")]
    if not names:
        io.err("fatal: you must specify a branch to switch to")
        return 128
    repo = tasks_git.get_repo(sh.cloud, clone.url)
    exists = repo is not None and names[0] in repo.branches
    if not create and not exists and names[0] != clone.branch:
        io.err(f"error: pathspec '{names[0]}' did not match any file(s) known to git")
        return 1
    clone.branch = names[0]
    io.err(f"Switched to {'a new ' if create else ''}branch '{names[0]}'")
    return 0


@in_clone
def _branch(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    io.out(f"* {clone.branch}")
    return 0


@in_clone
def _log(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    repo = tasks_git.get_repo(sh.cloud, clone.url)
    history = [(c.sha, c.message) for c in (repo.branches.get(clone.branch, []) if repo else [])]
    history += [(sha, msg) for sha, msg, _ in clone.unpushed]
    for sha, msg in reversed(history):
        io.out(f"{sha[:7]} {msg}" if "--oneline" in argv else f"commit {sha}\n\n    {msg}\n")
    return 0


@in_clone
def _remote(sh: Session, argv: list[str], io: IO, root: str, clone: Clone) -> int:
    url = clone.url
    io.out(f"origin\t{url} (fetch)\norigin\t{url} (push)" if "-v" in argv else "origin")
    return 0


def _config(sh: Session, argv: list[str], io: IO) -> int:
    settings = sh.state.setdefault("git_config", {})
    pos = [a for a in argv if not a.startswith("--")]
    if len(pos) >= 2:
        settings[pos[0]] = " ".join(pos[1:])
    elif len(pos) == 1:
        if pos[0] not in settings:
            return 1
        io.out(settings[pos[0]])
    return 0


VERBS = {"clone": _clone, "status": _status, "add": _add, "commit": _commit, "push": _push, "pull": _pull,
         "checkout": _checkout, "switch": _checkout, "branch": _branch, "log": _log, "remote": _remote,
         "config": _config}
PROGRAMS["git"] = git
