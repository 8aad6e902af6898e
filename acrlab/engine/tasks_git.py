"""A simulated Git host (github.com, dev.azure.com ...): repositories, branches, commits, pull requests.

`lab git push URL` commits the learner's working directory to a branch; `lab git pr URL` opens a pull
request. Both emit events ('git_commit', 'git_pull_request') that ACR Tasks source triggers follow.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import BaseModel, Field

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


def push(cloud: Cloud, url: str, branch: str, files: dict[str, str], message: str, author: str) -> Commit:
    repo = repos(cloud).setdefault(normalize(url), GitRepo(url=url.split("#", 1)[0]))
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
    repo = repos(cloud).get(normalize(url))
    if repo is None or head not in repo.branches:
        raise ValueError(f"no branch '{head}' in {url}: push it first with `lab git push {url} --branch {head}`")
    pr = PullRequest(number=len(repo.pull_requests) + 1, head=head, base=base, sha=repo.branches[head][-1].sha,
                     time=cloud.clock.now())
    repo.pull_requests.append(pr)
    cloud.emit("git_pull_request", url=normalize(url), pr=pr, files=repo.branches[head][-1].files)
    return pr


def head(cloud: Cloud, url: str, branch: str | None = None) -> Commit | None:
    repo = repos(cloud).get(normalize(url))
    if repo is None:
        return None
    if branch is None:
        branch = "main" if "main" in repo.branches else "master" if "master" in repo.branches else \
            next(iter(repo.branches), None)
    history = repo.branches.get(branch or "")
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
