"""'Build and push an image from an app using a Cloud Native Buildpack' (az acr pack build), in a fresh lab.

Source: MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-pack-build.md;
the command as azure-cli builds it: Azure/azure-cli src/azure-cli/azure/cli/command_modules/acr/pack.py. `myregistry`
(a name Azure keeps taken) is packreg01."""

from __future__ import annotations

from .docs import Page

SETUP = "az group create -n rg -l eastus -o none\naz acr create -n packreg01 -g rg --sku Standard -o none"


def test_tasks_pack_build(lab):
    assert lab.run(SETUP).exit_code == 0
    page = Page(lab, "container-registry-tasks-pack-build", {"myregistry": "packreg01"})
    r = page.run(0)
    for line in ("Status: Downloaded newer image for cloudfoundry/cnb:cflinuxfs3", "[detector] org.cloudfoundry.npm",
                 "Successfully built image 'packreg01.azurecr.io/node-app:1.0'",
                 "Successfully pushed image: packreg01.azurecr.io/node-app:1.0", "Run ID: ca1 was successful"):
        assert line in r.output, line
    page.run(1, contains="Login Succeeded")
    r = page.run(2)  # the app image starts the buildpacks' launcher with the Node.js start command
    assert "would start: /cnb/lifecycle/launcher npm start" in r.output
    # buildpack/sample-java-app is archived today: the app moved to buildpack/samples and the repository keeps only
    # a README, so no buildpack of the Heroku builder detects an app and the run fails at detection
    r = page.run(3, exit_code=1)
    for line in ("Status: Downloaded newer image for heroku/buildpacks:18", "ERROR: No buildpack groups passed detection.",
                 "Run ID: ca2 failed"):
        assert line in r.output, line
    assert lab.run("az acr repository list -n packreg01 -o tsv").stdout.split() == ["node-app"]
    page.run(4, contains="Login Succeeded")
    page.subs["java-app:runid"] = "java-app:ca2"
    page.run(5, exit_code=125, contains="packreg01.azurecr.io/java-app, repository does not exist")
    page.finish()


def test_pack_build_as_azure_cli_sends_it(lab):
    """The image name gets the registry; without --pull only a builder the agents cache can be used; a local
    directory is uploaded as the context; /dev/null and Windows are refused as azure-cli refuses them."""
    assert lab.run(SETUP).exit_code == 0
    assert lab.run("mkdir app && cd app && printf '{\"name\": \"a\", \"scripts\": {\"start\": \"node a.js\"}}' > "
                   "package.json && echo 'console.log(1)' > a.js && cd ..").exit_code == 0
    r = lab.run("az acr pack build -r packreg01 -t web:v1 --builder cloudfoundry/cnb:cflinuxfs3 app")
    assert r.exit_code == 1 and "Using a non-cached builder image; `--pull` is probably needed as well" in r.output
    assert "failed to fetch builder image 'cloudfoundry/cnb:cflinuxfs3'" in r.output
    r = lab.run("az acr pack build -r packreg01 -t web:v1 --builder cloudfoundry/cnb:bionic app")
    assert r.exit_code == 0 and "Packing source code into tar to upload..." in r.output
    assert "--no-pull" not in r.output and "non-cached" not in r.output
    assert lab.run("az acr repository show-tags -n packreg01 --repository web -o tsv").stdout.split() == ["v1"]
    r = lab.run("az acr pack build -r packreg01 -t web:v2 --builder cloudfoundry/cnb:bionic /dev/null")
    assert r.exit_code == 1 and "Building with Buildpacks requires a valid source location." in r.stderr
    r = lab.run("az acr pack build -r packreg01 -t web:v2 --builder cloudfoundry/cnb:bionic --platform windows app")
    assert r.exit_code == 1 and "Building with Buildpacks is only supported on Linux." in r.stderr
    r = lab.run("az acr pack build -r packreg01 -t web:v2 app")
    assert r.exit_code == 2 and "--builder" in r.stderr
