"""Docker Hub accounts of the lab's public world: a Docker ID, personal access tokens, `docker login|push|pull` of
the account's repositories (public or private), and ACR's import from them, as Docker Hub and ACR answer.

Sources: docker/docs content/manuals/security/access-tokens/reference.md (PAT permissions; Repo Public Read-only is
the default), content/manuals/docker-hub/repos/settings.md (a push creates a missing repository with the account's
default privacy; private repositories are only accessible to their owner), content/manuals/accounts/
create-account.md (Docker ID rules); docker/cli issue 4977 (the default privacy is public); the daemon's texts
("incorrect username or password", "pull access denied ... may require 'docker login'", spinalcordtoolbox/
spinalcordtoolbox issue 5286 "access token has insufficient scopes"); ACR's import refusal from Azure/acr issues 181
and 457; MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-import-images.md."""

from __future__ import annotations

import pytest

from acrlab import Lab

PASSWORD = "Hub-Passw0rd!"


@pytest.fixture(scope="module")
def hub():
    """A Docker ID `learner`, read-write and read-only tokens, a public and a private repository pushed."""
    lab = Lab(seed=3)
    r = lab.run(f"lab dockerhub signup learner --password '{PASSWORD}'\n"
                "RW=$(lab dockerhub token create --description ci --permission read-write)\n"
                "RO=$(lab dockerhub token create --description pull --permission read)\n"
                "PUB=$(lab dockerhub token create --description default)\n"
                "docker pull -q alpine && docker tag alpine learner/open:v1 && docker tag alpine learner/secret:v1\n"
                'echo "$RW" | docker login -u learner --password-stdin\n'
                "docker push -q learner/open:v1\n"
                "lab dockerhub privacy private\n"
                "docker push -q learner/secret:v1\n"
                "docker logout\n"
                "az group create -n rg -l eastus -o none && az acr create -n hubimport01 -g rg --sku Basic -o none")
    assert r.exit_code == 0, r.output
    return lab


def run(lab, line, code=0):
    r = lab.run(line)
    assert r.exit_code == code, r.output
    return r


def test_push_creates_repositories_with_the_default_privacy(hub):
    # a new account's repositories are public (the default); after `privacy private` a push makes a private one
    assert run(hub, "lab dockerhub repo list").stdout.splitlines() == ["learner/open\tpublic\tv1",
                                                                       "learner/secret\tprivate\tv1"]


def test_pull_of_a_private_repository_needs_a_login_that_may_read_it():
    fork = Lab(seed=3)
    r = fork.run(f"lab dockerhub signup learner --password '{PASSWORD}'\n"
                 "lab dockerhub privacy private\n"
                 "docker pull -q alpine && docker tag alpine learner/secret:v1\n"
                 f"docker login -u learner -p '{PASSWORD}' && docker push -q learner/secret:v1 && docker logout\n"
                 "docker rmi -f learner/secret:v1")
    assert r.exit_code == 0, r.output
    r = run(fork, "docker pull learner/secret:v1", 1)
    assert r.stderr.strip() == ("Error response from daemon: pull access denied for learner/secret, repository does not "
                                "exist or may require 'docker login': denied: requested access to the resource is "
                                "denied")
    assert run(fork, "docker pull learner/nothing", 1).stderr == r.stderr.replace("secret", "nothing")
    pub = run(fork, "lab dockerhub token create --description public").stdout.strip()
    run(fork, f"docker login -u learner -p {pub}")  # Repo Public Read-only signs in but reads public repos only
    assert "pull access denied for learner/secret" in run(fork, "docker pull learner/secret:v1", 1).stderr
    ro = run(fork, "lab dockerhub token create --description ro --permission read").stdout.strip()
    run(fork, f"docker login -u learner -p {ro}")
    assert "Status: Downloaded newer image for learner/secret:v1" in run(fork, "docker pull learner/secret:v1").stdout
    assert "manifest for learner/secret:v2 not found: manifest unknown" in run(
        fork, "docker pull learner/secret:v2", 1).stderr
    # a read-only token may not push (nothing is created); a deactivated token no longer signs in
    assert run(fork, "docker push learner/secret:v1", 1).stderr.strip() == \
        "unauthorized: access token has insufficient scopes"
    run(fork, "docker tag learner/secret:v1 learner/newrepo:v1")
    assert "insufficient scopes" in run(fork, "docker push learner/newrepo:v1", 1).stderr
    assert run(fork, "lab dockerhub repo list").stdout == "learner/secret\tprivate\tv1\n"
    run(fork, "lab dockerhub token deactivate ro")
    assert "unauthorized: incorrect username or password" in run(fork, "docker pull learner/secret:v1", 1).stderr


def test_login_checks_the_account(hub):
    r = run(hub, "docker login -u learner -p nope", 1)
    assert 'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or ' \
           "password" in r.stderr
    assert "incorrect username or password" in run(hub, "docker login -u nobody1 -p whatever", 1).stderr
    assert "docker.io" not in run(hub, "lab whoami").stdout
    run(hub, f"docker login index.docker.io -u learner -p '{PASSWORD}'")
    assert "docker logged in to docker.io as learner" in run(hub, "lab whoami").stdout
    # a push outside the account's namespace is refused, as Docker Hub refuses it
    run(hub, "docker tag alpine someoneelse/app:v1")
    assert run(hub, "docker push someoneelse/app:v1", 1).stderr.strip() == \
        "denied: requested access to the resource is denied"
    run(hub, "docker logout")


@pytest.mark.parametrize("line,why", [
    ("lab dockerhub signup Learner", "4 to 30 characters long, and can only contain numbers and lowercase letters"),
    ("lab dockerhub signup learner --password xxxxxxxxxx", "already taken"),
    ("lab dockerhub signup library --password xxxxxxxxxx", "already taken"),
    ("lab dockerhub token create --permission admin", "unknown permission 'admin'"),
    ("lab dockerhub repo create Bad/Name", "not a valid repository name"),
    ("lab dockerhub repo privacy nothing private", "is not a repository of learner"),
    ("lab dockerhub token create --user ghost", "there is no Docker ID 'ghost'"),
])
def test_bad_input_gets_a_clear_error(hub, line, why):
    r = run(hub, line, 1)
    assert why in r.stderr and "Traceback" not in r.output


def test_acr_import_from_a_private_repository(hub):
    rw = run(hub, "lab dockerhub token create --description import --permission read").stdout.strip()
    base = "az acr import -n hubimport01 --source docker.io/learner/secret:v1 -t secret:v1"
    for creds in ("", " --username learner --password wrong-pass", f" --username other1 --password {rw}"):
        r = run(hub, base + creds, 1)
        assert ('Invalid message Unauthorized Unauthorized {"errors":[{"code":"UNAUTHORIZED","message":"authentication '
                'required","detail":[{"Type":"repository","Class":"","Name":"learner/secret","Action":"pull"}]}]}'
                ) in r.stderr
    assert run(hub, "az acr repository list -n hubimport01 -o tsv").stdout == ""  # nothing left behind
    run(hub, base + f" --username learner --password {rw}")
    run(hub, "az acr import -n hubimport01 --source docker.io/learner/open:v1 -t open:v1")  # public: no credentials
    digests = run(hub, "az acr repository show -n hubimport01 --image secret:v1 --query digest -o tsv").stdout
    assert digests == run(hub, "az acr repository show -n hubimport01 --image open:v1 --query digest -o tsv").stdout
    r = hub.run("Import-AzContainerRegistryImage -RegistryName hubimport01 -ResourceGroupName rg -SourceRegistryUri "
                "docker.io -SourceImage learner/secret:v1 -TargetTag ps:v1 -Username learner -Password nope",
                shell="pwsh")
    assert r.exit_code == 1 and "authentication required" in r.output
    r = hub.run("Import-AzContainerRegistryImage -RegistryName hubimport01 -ResourceGroupName rg -SourceRegistryUri "
                f"docker.io -SourceImage learner/secret:v1 -TargetTag ps:v1 -Username learner -Password '{PASSWORD}'",
                shell="pwsh")
    assert r.exit_code == 0, r.output
    assert run(hub, "az acr repository show-tags -n hubimport01 --repository ps -o tsv").stdout.split() == ["v1"]
    assert "Image learner/secret:v9 not found in source registry docker.io." in run(
        hub, base.replace(":v1 ", ":v9 ") + f" --username learner --password {rw}", 1).stderr


def test_artifact_cache_reads_a_private_repository_with_the_credential_set(hub):
    """A cache rule for the account's private repository pulls through a credential set whose Key Vault secrets hold
    the Docker ID and a Repo Read-only token (MicrosoftDocs/azure-management-docs articles/container-registry/
    artifact-cache-cli.md); a token deactivated on Docker Hub makes the next pull-through fail, as upstream refuses."""
    r = hub.run("az keyvault create -n hubcachekv1 -g rg -o none\n"
                "KV=$(az keyvault show -n hubcachekv1 --query id -o tsv)\n"
                'az role assignment create --role "Key Vault Secrets Officer" --scope $KV -o none '
                "--assignee $(az ad signed-in-user show --query id -o tsv)\n"
                "az keyvault secret set --vault-name hubcachekv1 -n user --value learner -o none\n"
                "az keyvault secret set --vault-name hubcachekv1 -n token -o none "
                "--value $(lab dockerhub token create --description cache --permission read)\n"
                "az acr credential-set create -r hubimport01 -n hubcreds -l docker.io -o none "
                "-u https://hubcachekv1.vault.azure.net/secrets/user -p https://hubcachekv1.vault.azure.net/secrets/token\n"
                'az role assignment create --role "Key Vault Secrets User" --scope $KV -o none --assignee '
                "$(az acr credential-set show -r hubimport01 -n hubcreds --query identity.principalId -o tsv)\n"
                "az acr cache create -r hubimport01 -n mine -s docker.io/learner/secret -t cached/secret -c hubcreds "
                "-o none\naz acr login -n hubimport01 -o none")
    assert r.exit_code == 0, r.output
    pulled = run(hub, "docker pull hubimport01.azurecr.io/cached/secret:v1").stdout
    assert "Status: Downloaded newer image for hubimport01.azurecr.io/cached/secret:v1" in pulled
    run(hub, "lab dockerhub token deactivate cache")
    r = run(hub, "docker pull hubimport01.azurecr.io/cached/secret:v2", 1)
    assert "authentication required with source registry for cache rule 'mine'" in r.stderr


BUILDKIT_DENIED = ("learner/secret:v1: failed to resolve source metadata for docker.io/learner/secret:v1: pull access "
                   "denied, repository does not exist or may require authorization: server message: insufficient_scope: "
                   "authorization failed")
"""BuildKit's resolver refusing a base image (the text docker/docs and kubelet events quote)."""
TASK = """version: v1.1.0
steps:
  - cmd: bash echo '{{.Values.pw}}' | docker login --username learner --password-stdin
  - build: -t {{.Run.Registry}}/fromsecret:v1 .
  - push: ['{{.Run.Registry}}/fromsecret:v1']
"""


def test_builds_from_a_private_base_image_need_the_docker_hub_login(hub):
    hub.write_file("Dockerfile", "FROM learner/secret:v1\nRUN echo built\n")
    hub.write_file("task.yaml", TASK)
    run(hub, "docker rmi learner/secret:v1")  # not on this host any more: the build resolves it on Docker Hub
    assert run(hub, "docker build -t fromsecret:v1 .", 1).stderr.strip() == f"ERROR: failed to solve: {BUILDKIT_DENIED}"
    assert BUILDKIT_DENIED in run(hub, "az acr build -r hubimport01 -t fromsecret:v1 .", 1).output
    # the run's own docker login (a task step) signs the agent in: a wrong password stops the run at that step
    r = run(hub, "az acr run -r hubimport01 -f task.yaml --set pw=wrong-pass .", 1)
    assert 'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password' in r.output
    r = run(hub, f"az acr run -r hubimport01 -f task.yaml --set pw='{PASSWORD}' .")
    assert "Successfully pushed image: hubimport01.azurecr.io/fromsecret:v1" in r.output
    run(hub, f"docker login -u learner -p '{PASSWORD}' && docker build -q -t fromsecret:v1 . && docker logout")


def test_container_instances_pull_a_private_repository_with_its_credentials(hub):
    """`az container create` with a private Docker Hub image: ACI pulls it with --registry-username/--password for
    index.docker.io, else answers InaccessibleImage (the text tests/arm/test_locks_cache_aci.py checks for ACR)."""
    base = "az container create -g rg -n {n} --image learner/secret:v1"
    creds = " --registry-login-server index.docker.io --registry-username learner --registry-password {pw}"
    for name, extra in (("anon", ""), ("wrong", creds.format(pw="wrong-pass"))):
        r = run(hub, base.format(n=name) + extra, 1)
        assert f"(InaccessibleImage) The image 'learner/secret:v1' in container group '{name}' is not accessible." \
            in r.stderr
    assert run(hub, "az container list -g rg -o tsv").stdout == ""  # refused groups are not created
    r = run(hub, base.format(n="good") + creds.format(pw=f"'{PASSWORD}'") + " --query provisioningState -o tsv")
    assert r.stdout.strip() == "Succeeded"


POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: learner/secret:v1
{secrets}"""


def test_aks_pulls_a_private_repository_with_an_image_pull_secret(hub):
    """A pod's image pull secret for Docker Hub (kubectl create secret docker-registry: its default server is
    https://index.docker.io/v1/) lets the kubelet pull the private image; without it containerd's refusal
    (the kubelet event text of MicrosoftDocs/SupportArticles-docs cannot-pull-image-from-acr-to-aks-cluster)."""
    run(hub, "az aks create -n hubaks -g rg --generate-ssh-keys -o none 2>/dev/null\n"
             "az aks get-credentials -n hubaks -g rg -o none 2>/dev/null\n"
             f"kubectl create secret docker-registry hubcred --docker-username=learner --docker-password='{PASSWORD}'")
    hub.write_file("with.yaml", POD.format(name="with-secret", secrets="  imagePullSecrets:\n    - name: hubcred\n"))
    hub.write_file("bare.yaml", POD.format(name="no-secret", secrets=""))
    run(hub, "kubectl apply -f with.yaml && kubectl apply -f bare.yaml")
    assert "Running" in run(hub, "kubectl get pod with-secret").stdout
    described = run(hub, "kubectl describe pod no-secret").stdout
    assert 'failed to resolve reference "docker.io/learner/secret:v1": pull access denied, repository does not exist ' \
           "or may require authorization: server message: insufficient_scope: authorization failed" in described
