"""The docker client's Docker Content Trust keys are files under ~/.docker/trust/private, as notary keeps them.

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-content-trust.md ("Key
management": the root and repository keys of the first signed push live in ~/.docker/trust/private; back them up
with `umask 077; tar -zcvf ...`); notaryproject/notary trustmanager/keys.go (a key file is a PEM block whose `role`
header names its role and `gun` header the repository it signs; files named by key id); docker/cli
cli/command/trust/key_generate.go (`docker trust key generate NAME [--dir]`: key name rule, NAME.pub, messages);
notary's ErrNoKeys text ("could not find necessary signing keys, at least one of these keys must be available")."""

from __future__ import annotations

import pytest

from acrlab.engine import trust

PRIVATE = "~/.docker/trust/private"


@pytest.fixture()
def signer(lab):
    assert lab.run("az group create -n dct-rg -l eastus -o none\n"
                   "az acr create -n legacydct01 -g dct-rg --sku Premium -o none").exit_code == 0
    trust.enable_legacy(lab.cloud, lab.cloud.find_registry("legacydct01"))
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/hello-world\n")
    assert lab.run("az acr login -n legacydct01 && docker build -t legacydct01.azurecr.io/web:v1 "
                   "-t legacydct01.azurecr.io/api:v1 .").exit_code == 0
    return lab


def _roles(lab) -> list[tuple[str, str]]:
    out = []
    for name in lab.run(f"ls {PRIVATE}").stdout.split():
        text = lab.run(f"cat {PRIVATE}/{name}").stdout
        assert text.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n") and text.rstrip().endswith("-----")
        headers = dict(line.split(": ", 1) for line in text.splitlines()[1:3] if ": " in line)
        out.append((headers["role"], headers.get("gun", "")))
    return sorted(out)


def test_first_signed_push_makes_root_and_repository_keys_one_root_per_client(signer):
    lab = signer
    r = lab.run("DOCKER_CONTENT_TRUST=1 docker push legacydct01.azurecr.io/web:v1")
    assert r.exit_code == 0, r.output
    names = lab.run(f"ls {PRIVATE}").stdout.split()
    assert "Enter passphrase for new root key with ID " in r.stdout
    assert 'Finished initializing "legacydct01.azurecr.io/web"' in r.stdout
    assert _roles(lab) == [("root", ""), ("targets", "legacydct01.azurecr.io/web")]
    # the short ids docker prompts with are the first seven characters of the file names
    shown = {line.rsplit(" ", 1)[1].rstrip(":") for line in r.stdout.splitlines() if "passphrase for new" in line}
    assert shown == {n[:7] for n in names}
    # a second repository: a new repository key, the same root key; passphrases from the environment: no prompt
    r = lab.run("export DOCKER_CONTENT_TRUST=1 DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE=x "
                "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE=y\ndocker push legacydct01.azurecr.io/api:v1")
    assert r.exit_code == 0 and "passphrase" not in r.stdout
    assert _roles(lab) == [("root", ""), ("targets", "legacydct01.azurecr.io/api"),
                           ("targets", "legacydct01.azurecr.io/web")]
    # signing again reuses the keys
    assert lab.run("docker push legacydct01.azurecr.io/web:v1").exit_code == 0
    assert len(_roles(lab)) == 3


def test_a_lost_repository_key_cannot_sign_until_restored_from_the_backup(signer):
    lab = signer
    assert lab.run("DOCKER_CONTENT_TRUST=1 docker push legacydct01.azurecr.io/web:v1").exit_code == 0
    assert lab.run(f"umask 077; tar -zcf keys.tar.gz {PRIVATE}; umask 022").exit_code == 0
    repo_key = lab.run(f"grep -l 'role: targets' {PRIVATE}/*.key").stdout.strip()
    assert lab.run(f"rm -rf {PRIVATE}").exit_code == 0
    r = lab.run("docker trust sign legacydct01.azurecr.io/web:v1")
    assert r.exit_code == 1
    assert ("could not find necessary signing keys, at least one of these keys must be available: "
            + repo_key.rsplit("/", 1)[1][:-4]) in r.stderr
    assert lab.run("tar -xzf keys.tar.gz -C /").exit_code == 0
    listing = lab.run("tar -tvzf keys.tar.gz").stdout.splitlines()
    assert [line.split()[0] for line in listing] == ["drwx------", "-rw-------", "-rw-------"]
    r = lab.run("docker trust sign legacydct01.azurecr.io/web:v1")
    assert r.exit_code == 0 and "Successfully signed legacydct01.azurecr.io/web:v1" in r.stdout
    assert "passphrase for new" not in r.stdout  # the restored keys sign; nothing new is made


def test_trust_key_generate_loads_the_private_key_and_writes_the_public_one(lab):
    r = lab.run("docker trust key generate alice")
    assert r.exit_code == 0
    assert r.stdout.startswith("Generating key for alice...\n")
    assert "Corresponding public key available: /home/learner/alice.pub" in r.stdout
    assert _roles(lab) == [("alice", "")]
    assert lab.run("head -2 alice.pub").stdout == "-----BEGIN PUBLIC KEY-----\nrole: alice\n"
    assert lab.run("mkdir keys && docker trust key generate bob --dir keys").stdout.endswith(
        "Corresponding public key available: keys/bob.pub\n")
    r = lab.run("docker trust key generate alice")
    assert r.exit_code == 1 and 'public key file already exists: "/home/learner/alice.pub"' in r.stderr
    r = lab.run("docker trust key generate Alice")
    assert r.exit_code == 1 and 'key name "Alice" must start with lowercase alphanumeric characters' in r.stderr
    r = lab.run("docker trust key generate carol --dir nowhere")
    assert r.exit_code == 1 and 'public key path does not exist: "nowhere"' in r.stderr
    assert len(_roles(lab)) == 2


def test_no_keys_are_made_where_the_registry_refuses_trust(lab):
    """Today's registries never had DCT (dated rule DCT_NO_NEW_ENABLEMENT): a trusted push fails, no key is made."""
    assert lab.run("az group create -n g -l eastus -o none\naz acr create -n newdct01 -g g --sku Premium -o none\n"
                   "az acr login -n newdct01").exit_code == 0
    lab.write_file("Dockerfile", "FROM mcr.microsoft.com/hello-world\n")
    lab.run("docker build -t newdct01.azurecr.io/web:v1 .")
    r = lab.run("DOCKER_CONTENT_TRUST=1 docker push newdct01.azurecr.io/web:v1")
    assert r.exit_code == 1 and "content trust is not enabled" in r.stderr
    assert lab.run(f"ls {PRIVATE}").exit_code == 2


def test_umask_and_chmod_bits_reach_tar(lab):
    assert lab.run("umask").stdout == "0022\n" and lab.run("umask -S").stdout == "u=rwx,g=rx,o=rx\n"
    r = lab.run("umask 8")
    assert r.exit_code == 1 and "bash: umask: 8: octal number out of range" in r.stderr
    lab.write_file("a.txt", "a\n")
    lab.write_file("b.sh", "echo b\n")
    assert lab.run("chmod 600 a.txt && chmod +x b.sh && umask 027 && tar -cf t.tar a.txt b.sh && "
                   "tar -tvf t.tar").stdout.split("\n")[0].startswith("-rw------- ")
    assert lab.run("tar -tvf t.tar").stdout.splitlines()[1].startswith("-rwxr-xr-x ")
    assert lab.run("umask").stdout == "0027\n"


def test_prompts_follow_docker_for_new_and_existing_keys(signer):
    """The page's block 7 transcript (a first trusted push: new root and repository keys, then Finished
    initializing) and docker/cli cli/command/trust/sign.go (a new repository signed with `docker trust sign`: Created
    signer, Finished initializing signed repository for ...; later signings ask the repository key's passphrase)."""
    lab = signer
    out = lab.run("DOCKER_CONTENT_TRUST=1 docker push legacydct01.azurecr.io/web:v1").stdout.splitlines()
    start = out.index("Signing and pushing trust metadata")
    assert [line.split(" with ID")[0] for line in out[start + 1:start + 5]] == [
        "Enter passphrase for new root key", "Repeat passphrase for new root key",
        "Enter passphrase for new repository key", "Repeat passphrase for new repository key"]
    assert out[start + 5:] == ['Finished initializing "legacydct01.azurecr.io/web"',
                               "Successfully signed legacydct01.azurecr.io/web:v1"]
    out = lab.run("DOCKER_CONTENT_TRUST=1 docker push legacydct01.azurecr.io/web:v1").stdout.splitlines()
    assert out[-2].startswith("Enter passphrase for repository key with ID ")
    assert out[-2].endswith(" (legacydct01.azurecr.io/web):")
    assert lab.run("docker push legacydct01.azurecr.io/api:v1").exit_code == 0
    out = lab.run("docker trust sign legacydct01.azurecr.io/api:v1").stdout.splitlines()
    assert out[0].startswith("Enter passphrase for root key with ID ")  # the client's root key already exists
    assert "Created signer: 00000000-0000-0000-0000-000000000000" in out  # az acr login's user name
    assert out[-3:] == ["Finished initializing signed repository for legacydct01.azurecr.io/api:v1",
                        "Signing and pushing trust metadata for legacydct01.azurecr.io/api:v1",
                        "Successfully signed legacydct01.azurecr.io/api:v1"]
    assert ("00000000-0000-0000-0000-000000000000", "") in _roles(lab)
    out = lab.run("docker trust sign legacydct01.azurecr.io/api:v1").stdout.splitlines()
    assert out[0] == "Signing and pushing trust metadata for legacydct01.azurecr.io/api:v1"
    assert out[1].startswith("Enter passphrase for repository key with ID ")
