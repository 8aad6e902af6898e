"""`lab dockerhub`: what a learner does on hub.docker.com and app.docker.com (sign up for a Docker ID, generate a
personal access token, create a repository, set its privacy or the account's default privacy); `docker login`,
`docker push` and `docker pull` then work against it (engine/docker_hub.py)."""

from __future__ import annotations

from ...engine import docker_hub
from ..session import IO, Session

USAGE = ("usage: lab dockerhub signup DOCKER_ID [--password PW]\n"
         "       lab dockerhub token create [--user ID] [--description TEXT] [--permission "
         f"{'|'.join(docker_hub.PERMISSIONS)}]\n"
         "       lab dockerhub token activate|deactivate DESCRIPTION [--user ID]\n"
         "       lab dockerhub repo create NAME [--private|--public] [--user ID]\n"
         "       lab dockerhub repo privacy NAME private|public [--user ID]\n"
         "       lab dockerhub repo list [--user ID]\n"
         "       lab dockerhub privacy private|public [--user ID]   (the default privacy of new repositories)")
VALUED = {"--password", "--user", "--description", "--permission"}
FLAGS = {"--private", "--public"}


def _parse(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    pos, opts, i = [], {}, 0
    while i < len(argv):
        a = argv[i]
        if a in VALUED:
            if i + 1 >= len(argv):
                raise ValueError(f"option {a} needs a value")
            opts[a[2:]] = argv[i + 1]
            i += 2
            continue
        if a in FLAGS:
            opts[a[2:]] = "yes"
        elif a.startswith("-"):
            raise ValueError(f"unknown option {a}")
        else:
            pos.append(a)
        i += 1
    return pos, opts


def _user(sh: Session, opts: dict[str, str]) -> str:
    """--user, else the lab's only Docker ID."""
    if "user" in opts:
        return opts["user"]
    names = list(docker_hub.hub(sh.cloud).accounts)
    if len(names) == 1:
        return names[0]
    raise ValueError("no Docker ID yet (lab dockerhub signup NAME)" if not names else
                     f"several Docker IDs ({', '.join(names)}): name one with --user")


def _privacy(word: str) -> bool:
    if word not in ("private", "public"):
        raise ValueError(f"privacy is private or public, not '{word}'")
    return word == "private"


def dockerhub(sh: Session, argv: list[str], io: IO) -> int:
    try:
        pos, opts = _parse(argv)
        if not pos:
            raise LookupError
        return _run(sh, pos, opts, io)
    except LookupError:
        io.err(USAGE)
        return 2
    except ValueError as e:
        io.err(f"lab dockerhub: {e}")
        return 1


def _run(sh: Session, pos: list[str], opts: dict[str, str], io: IO) -> int:
    cloud, verb = sh.cloud, pos[0]
    if verb == "signup" and len(pos) == 2:
        password = opts.get("password") or cloud.ids.secret(16)
        acct = docker_hub.sign_up(cloud, pos[1], password)
        io.out(f"Docker ID {acct.username} created (https://hub.docker.com/u/{acct.username}).")
        if "password" not in opts:
            io.out(f"Password: {password}")
        return 0
    if verb == "token" and len(pos) == 2 and pos[1] == "create":
        token = docker_hub.create_token(cloud, _user(sh, opts), opts.get("description", "lab"),
                                        opts.get("permission", "public-read"))
        io.err(f"Personal access token '{token.description}' ({docker_hub.PERMISSIONS[token.permission]}): copy it "
               "now, Docker shows it once.")
        io.out(token.token)
        return 0
    if verb == "token" and len(pos) == 3 and pos[1] in ("activate", "deactivate"):
        docker_hub.set_token_active(cloud, _user(sh, opts), pos[2], pos[1] == "activate")
        io.out(f"Token '{pos[2]}' {pos[1]}d.")
        return 0
    if verb == "privacy" and len(pos) == 2:
        acct = docker_hub.account(cloud, _user(sh, opts))
        acct.default_private = _privacy(pos[1])
        io.out(f"New repositories of {acct.username} are {pos[1]}.")
        return 0
    if verb == "repo" and len(pos) >= 2:
        return _repo(sh, pos[1:], opts, io)
    raise LookupError


def _repo(sh: Session, pos: list[str], opts: dict[str, str], io: IO) -> int:
    cloud, verb = sh.cloud, pos[0]
    user = _user(sh, opts)
    if verb == "create" and len(pos) == 2:
        if "private" in opts and "public" in opts:
            raise ValueError("--private and --public are mutually exclusive")
        private = True if "private" in opts else False if "public" in opts else None
        repo = docker_hub.create_repository(cloud, user, pos[1], private)
        io.out(f"Created {'private' if repo.private else 'public'} repository {repo.path}.")
        return 0
    if verb == "privacy" and len(pos) == 3:
        repo = docker_hub.set_privacy(cloud, user, pos[1], _privacy(pos[2]))
        io.out(f"{repo.path} is now {pos[2]}.")
        return 0
    if verb == "list" and len(pos) == 1:
        acct = docker_hub.account(cloud, user)
        for repo in docker_hub.hub(cloud).repositories.values():
            if repo.namespace == acct.username:
                io.out(f"{repo.path}\t{'private' if repo.private else 'public'}\t{' '.join(sorted(repo.tags))}")
        return 0
    raise LookupError


COMMANDS = {
    "dockerhub": (dockerhub, "your Docker Hub account: lab dockerhub signup ID | token create | repo create|privacy|"
                             "list | privacy private|public"),
}
