"""`docker login` inside an ACR Tasks run: the agent's Docker CLI signs in to a registry for the later steps.

A cmd step such as `bash echo '{{.Secrets.password}}' | docker login --username '{{.Secrets.username}}'
--password-stdin` (MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tasks-authentication-key-vault.md) leaves the credential in the agent's Docker configuration:
later pulls and pushes to that registry use it before the task's own credentials (tasks_access.credential_for).
An Azure container registry checks the username and password as `docker login` does, and Docker Hub checks them
against the lab's Docker Hub accounts (engine/docker_hub.py), whose repositories a later push step writes to.
"""

from __future__ import annotations

from .errors import RegistryError
from .tasks_cmd import StepFailed

DOCKER_HUB = ("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com")


def _options(argv: list[str]) -> tuple[str, str | None, str | None, bool]:
    server, username, password, from_stdin = "docker.io", None, None, False
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, value = a.partition("=")
        if name in ("-u", "--username", "-p", "--password"):
            if not eq:
                if i + 1 >= len(argv):
                    raise StepFailed(f"flag needs an argument: {name}")
                value, i = argv[i + 1], i + 1
            if name in ("-u", "--username"):
                username = value
            else:
                password = value
        elif a == "--password-stdin":
            from_stdin = True
        elif a.startswith("-"):
            raise StepFailed(f"unknown flag: {a}\nSee 'docker login --help'.")
        else:
            server = a
        i += 1
    return server, username, password, from_stdin


def docker_login(agent, argv: list[str], stdin: list[str] | None) -> list[str]:
    """The agent's `docker login [SERVER] -u NAME (-p PW | --password-stdin)`; its output lines."""
    server, username, password, from_stdin = _options(argv)
    out: list[str] = []
    if from_stdin:
        if password is not None:
            raise StepFailed("--password and --password-stdin are mutually exclusive")
        if not username:
            raise StepFailed("Must provide --username with --password-stdin")
        password = "\n".join(stdin or []).rstrip("\n")
    elif password is not None:
        out.append("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    if not username or not password:
        raise StepFailed("Error: Cannot perform an interactive login from a non TTY device")
    host = server.lower().removeprefix("https://").rstrip("/").split("/", 1)[0]
    if host in DOCKER_HUB:
        from .docker_hub import sign_in
        try:
            sign_in(agent.cloud, username, password)
        except RegistryError as e:
            raise StepFailed('Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: '
                             f"{e.message}") from None
    else:
        target = agent.cloud.registry_by_login_server(host)
        if target is None:
            raise StepFailed(f'Error response from daemon: Get "https://{host}/v2/": dial tcp: lookup {host}: no '
                             "such host")
        from .dataplane import authenticate
        try:
            authenticate(agent.cloud, target, username, password)
        except RegistryError:
            raise StepFailed(f'Error response from daemon: Get "https://{host}/v2/": unauthorized: authentication '
                             "required") from None
    agent.logins["docker.io" if host in DOCKER_HUB else host] = (username, password)
    return out + ["WARNING! Your password will be stored unencrypted in /root/.docker/config.json.",
                  "Configure a credential helper to remove this warning. See",
                  "https://docs.docker.com/engine/reference/commandline/login/#credentials-store", "",
                  "Login Succeeded"]


def push_to_docker_hub(agent, repo: str, tag: str, content) -> None:
    """A push step to docker.io/<id>/<repo>: with the agent's Docker Hub login, into that account's namespace."""
    from .docker_hub import HubLogin, push, sign_in
    login: HubLogin | None = None
    try:
        if "docker.io" in agent.logins:
            login = sign_in(agent.cloud, *agent.logins["docker.io"])
        push(agent.cloud, login, repo, tag, content)
    except RegistryError as e:
        raise StepFailed(f"The push refers to repository [docker.io/{repo}]\n{e.code.lower()}: {e.message}") from None
    agent.lines.append(f"The push refers to repository [docker.io/{repo}]")
    agent.lines += [f"{layer.digest[7:19]}: Pushed" for layer in reversed(content.layers)]
    agent.lines.append(f"{tag}: digest: {content.digest} size: {content.manifest_size}")
    agent.log(f"Successfully pushed image: docker.io/{repo}:{tag}")
    agent.run.output_images.append({"digest": content.digest, "registry": "docker.io", "repository": repo,
                                    "tag": tag})


def hub_base(agent, ref: str):
    """`FROM <id>/<repo>` in a run's build: a lab Docker Hub account's image, read with the agent's docker.io login
    (None: the catalogue answers)."""
    from .build import BuildError
    from .docker_hub import base_image, sign_in
    login = None
    if "docker.io" in agent.logins:
        try:
            login = sign_in(agent.cloud, *agent.logins["docker.io"])
        except RegistryError:
            login = None
    try:
        return base_image(agent.cloud, login, ref)
    except LookupError as e:
        raise BuildError(str(e)) from None
