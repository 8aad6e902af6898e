"""A simulated Git host (github.com, dev.azure.com ...): repositories, branches, commits, pull requests.

The public sample repositories the docs use (`git_public`) appear the first time they are asked for; a learner
forks one under their own GitHub account (`fork`), clones it, commits and pushes (`git` in the shell, or
`lab git push URL` for a whole directory); `lab git pr URL` opens a pull request. Pushes and pull requests emit
'git_commit' / 'git_pull_request', which ACR Tasks source triggers follow.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import BaseModel, Field

from . import git_public
from .cloud import Cloud


class Commit(BaseModel):
    sha: str
    message: str
    files: dict[str, str]
    time: datetime
    author: str


class PullRequest(BaseModel):
    number: int
    head: str
    base: str
    sha: str
    time: datetime


class GitRepo(BaseModel):
    url: str
    branches: dict[str, list[Commit]] = Field(default_factory=dict)
    pull_requests: list[PullRequest] = Field(default_factory=list)
    owner_is_learner: bool = True
    """False for the public upstream repositories: the learner cannot push to them (fork them first)."""
    forked_from: str | None = None

    @property
    def default_branch(self) -> str | None:
        for name in ("main", "master"):
            if name in self.branches:
                return name
        return next(iter(self.branches), None)


def normalize(url: str) -> str:
    """`https://github.com/Org/Repo.git#refs/heads/main:src` -> `https://github.com/org/repo`."""
    base = url.split("#", 1)[0].rstrip("/")
    base = base.removesuffix(".git")
    return base.lower()


def parse_context(url: str) -> tuple[str, str | None, str]:
    """(repository URL, branch or None, folder) from a context like `https://...git#refs/heads/main:docker`."""
    base, _, frag = url.partition("#")
    ref, _, folder = frag.partition(":")
    branch = ref.removeprefix("refs/heads/") if ref else None
    return base, branch or None, folder


def repos(cloud: Cloud) -> dict[str, GitRepo]:
    return cloud.state.setdefault("git_repos", {})


def get_repo(cloud: Cloud, url: str) -> GitRepo | None:
    """A repository by URL (any case, with or without .git or #ref), public samples included."""
    key = normalize(url)
    repo = repos(cloud).get(key)
    if repo is None:
        public = git_public.lookup(key)
        if public is None:
            return None
        shown, branches = public
        repo = repos(cloud)[key] = GitRepo(url=shown, owner_is_learner=False)
        for branch, files in branches.items():
            body = "\x1f".join(["upstream", branch, *(f"{k}\x1e{v}" for k, v in sorted(files.items()))])
            repo.branches[branch] = [Commit(sha=hashlib.sha1(body.encode()).hexdigest(), message="Initial commit",
                                            files=dict(files), time=git_public.UPSTREAM_TIME, author=shown.split("/")[3])]
    return repo


def fork(cloud: Cloud, source: str, owner: str) -> GitRepo:
    """Fork `source` under `owner` (the learner's GitHub account): same branches and history, learner-owned."""
    upstream = get_repo(cloud, source)
    if upstream is None:
        raise ValueError(f"repository not found: {source.split('#', 1)[0]}")
    name = upstream.url.rstrip("/").rsplit("/", 1)[-1]
    url = f"https://github.com/{owner}/{name}"
    existing = repos(cloud).get(normalize(url))
    if existing is not None:
        return existing
    copy = GitRepo(url=url, branches={b: list(h) for b, h in upstream.branches.items()}, forked_from=upstream.url)
    repos(cloud)[normalize(url)] = copy
    return copy


def push(cloud: Cloud, url: str, branch: str, files: dict[str, str], message: str, author: str) -> Commit:
    repo = get_repo(cloud, url) or repos(cloud).setdefault(normalize(url), GitRepo(url=url.split("#", 1)[0]))
    history = repo.branches.setdefault(branch, [])
    parent = history[-1].sha if history else ""
    body = "\x1f".join([parent, branch, message, *(f"{k}\x1e{v}" for k, v in sorted(files.items())),
                        cloud.clock.now().isoformat()])
    commit = Commit(sha=hashlib.sha1(body.encode()).hexdigest(), message=message, files=dict(files),
                    time=cloud.clock.now(), author=author)
    history.append(commit)
    cloud.emit("git_commit", url=normalize(url), branch=branch, commit=commit)
    return commit


def open_pull_request(cloud: Cloud, url: str, head: str, base: str) -> PullRequest:
    repo = get_repo(cloud, url)
    if repo is None or head not in repo.branches:
        raise ValueError(f"no branch '{head}' in {url}: push it first with `lab git push {url} --branch {head}`")
    pr = PullRequest(number=len(repo.pull_requests) + 1, head=head, base=base, sha=repo.branches[head][-1].sha,
                     time=cloud.clock.now())
    repo.pull_requests.append(pr)
    cloud.emit("git_pull_request", url=normalize(url), pr=pr, files=repo.branches[head][-1].files)
    return pr


def head(cloud: Cloud, url: str, branch: str | None = None) -> Commit | None:
    repo = get_repo(cloud, url)
    if repo is None:
        return None
    history = repo.branches.get(branch or repo.default_branch or "")
    return history[-1] if history else None


def checkout(cloud: Cloud, context: str, commit: Commit | None = None) -> dict[str, str] | None:
    """The files of a context URL at its branch head (or `commit`), narrowed to the context folder."""
    base, branch, folder = parse_context(context)
    commit = commit or head(cloud, base, branch)
    if commit is None:
        return None
    if not folder:
        return dict(commit.files)
    prefix = folder.strip("/") + "/"
    return {p[len(prefix):]: c for p, c in commit.files.items() if p.startswith(prefix)}
