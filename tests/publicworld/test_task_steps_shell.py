"""Task steps that go past one container: host commands chained after a cmd step (the agent runs its docker run
through a shell), docker login on the agent, scripts of images built in the run, Key Vault secret references, and
the shell programs the tasks docs use (watch, chmod).

Sources: MicrosoftDocs/azure-management-docs articles/container-registry/
container-registry-tasks-authentication-key-vault.md (`bash echo '{{.Secrets.password}}' | docker login ...
--password-stdin`), tasks-consume-public-content.md (a validation image runs its test.sh; `watch -n1 ...`,
`chmod +x ./test.sh`), container-registry-tasks-reference-yaml.md (secrets); Azure/acr-builder
pkg/secretmgmt/secret.go and pkg/azurekeyvault/azurekeyvault.go (secret validation and URL checks)."""

from __future__ import annotations

SETUP = """az group create -n rg -l eastus -o none
az acr create -n stepsreg01 -g rg --sku Standard -o none
az acr create -n otherreg01 -g rg --sku Basic --admin-enabled true -o none"""


def _run(lab, yaml: str, expect: int):
    lab.write_file("t.yaml", yaml)
    r = lab.run("az acr run -r stepsreg01 -f t.yaml /dev/null")
    assert r.exit_code == expect, r.output
    return r.output


def test_chained_host_commands_and_docker_login_to_another_registry(lab):
    assert lab.run(SETUP).exit_code == 0
    password = lab.run("az acr credential show -n otherreg01 --query passwords[0].value -o tsv").stdout.strip()
    # without a login or a task credential the other registry refuses the push
    out = _run(lab, "version: v1.1.0\nsteps:\n  - build: -t otherreg01.azurecr.io/app:v1 -f hello-world.dockerfile "
               "https://github.com/Azure-Samples/acr-tasks.git\n  - push: [otherreg01.azurecr.io/app:v1]\n", 1)
    assert "failed to push otherreg01.azurecr.io/app:v1" in out
    login = f"  - cmd: bash echo {password} | docker login otherreg01.azurecr.io -u otherreg01 --password-stdin\n"
    out = _run(lab, "version: v1.1.0\nsteps:\n" + login + "  - build: -t otherreg01.azurecr.io/app:v1 -f "
               "hello-world.dockerfile https://github.com/Azure-Samples/acr-tasks.git\n"
               "  - push: [otherreg01.azurecr.io/app:v1]\n", 0)
    assert "Login Succeeded" in out and password not in out  # the piped output feeds docker login, unlogged
    assert "Successfully pushed image: otherreg01.azurecr.io/app:v1" in out
    out = _run(lab, "version: v1.1.0\nsteps:\n  - cmd: bash echo wrong | docker login otherreg01.azurecr.io -u "
               "otherreg01 --password-stdin\n", 1)
    assert 'Get "https://otherreg01.azurecr.io/v2/": unauthorized' in out
    # `||` runs its command only after a failure; `;` goes on regardless; other host programs are refused clearly
    out = _run(lab, "version: v1.1.0\nsteps:\n  - cmd: bash echo one || docker stop nothing\n"
               "  - cmd: bash echo two ; docker stop nothing\n", 1)
    assert "one" in out.split("\n") and "No such container: nothing" in out
    out = _run(lab, "version: v1.1.0\nsteps:\n  - cmd: bash echo hi | grep hi\n", 1)
    assert "runs only docker commands after a step's container" in out


def test_an_image_built_in_the_run_runs_its_script_with_its_environment(lab):
    assert lab.run(SETUP + "\nmkdir app").exit_code == 0
    lab.write_file("app/Dockerfile", "FROM node:15-alpine\nARG COLOR=green\nENV COLOR=$COLOR\nWORKDIR /t\n"
                                     "COPY check.sh .\nCMD ./check.sh\n")
    lab.write_file("app/check.sh", '#!/bin/sh\necho "color is $COLOR"\nif [ "$COLOR" = red ]; then exit 3; fi\n')
    lab.write_file("app/t.yaml", "version: v1.1.0\nsteps:\n  - build: -t check --build-arg COLOR={{.Values.c}} .\n"
                                 "  - cmd: check\n")
    r = lab.run("az acr run -r stepsreg01 -f t.yaml --set c=green app")
    assert r.exit_code == 0 and "\ncolor is green\n" in r.output
    r = lab.run("az acr run -r stepsreg01 -f t.yaml --set c=red app")
    assert r.exit_code == 1 and "\ncolor is red\n" in r.output and "exit status 3" in r.output


def test_secret_declarations_are_checked_as_acb_checks_them(lab):
    assert lab.run(SETUP).exit_code == 0
    cases = {"  - id: a\n": "secret should contain either keyvault property",
             "  - id: a\n    keyvault: http://v.vault.azure.net/secrets/s\n    clientID: not-a-guid\n":
                 "msi client ID is not a valid guid",
             "  - keyvault: https://v.vault.azure.net/secrets/s\n": "secret is missing an ID"}
    for decl, error in cases.items():
        out = _run(lab, "version: v1.1.0\nsecrets:\n" + decl + "steps:\n  - cmd: bash echo hi\n", 1)
        assert error in out, out
    lab.write_file("t.yaml", "version: v1.1.0\nsecrets:\n  - id: a\n    keyvault: http://v.vault.azure.net/secrets/s\n"
                   "steps:\n  - cmd: bash echo {{.Secrets.a}}\n")
    assert lab.run("az acr task create -r stepsreg01 -n sec --context /dev/null -f t.yaml --assign-identity "
                   "-o none").exit_code == 0
    r = lab.run("az acr task run -r stepsreg01 -n sec")
    assert r.exit_code == 1 and "invalid azure keyvault secret URL scheme. Expected Https" in r.output


def test_watch_and_chmod(lab):
    r = lab.run("watch -n1 echo hello")
    assert r.exit_code == 0 and r.stdout.startswith("Every 1.0s: echo hello") and "\nhello\n" in r.stdout
    assert "one refresh" in r.stderr
    assert lab.run("watch -n soon echo hi").exit_code == 1
    assert lab.run("echo x > t.sh && chmod +x ./t.sh && chmod 0644 t.sh && chmod u=rwx,go-w t.sh").exit_code == 0
    r = lab.run("chmod +q t.sh")
    assert r.exit_code == 1 and "chmod: invalid mode: '+q'" in r.stderr
    r = lab.run("chmod +x missing.sh")
    assert r.exit_code == 1 and "cannot access 'missing.sh': No such file or directory" in r.stderr
