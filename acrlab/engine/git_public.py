"""The public Git repositories the ACR docs and Tasks tutorials build from, as the lab's Git host serves them.

Only the files a build or a task reads are kept (Dockerfiles, task YAML, the small app files they copy); their
contents are those of the upstream repositories (read from GitHub: Azure-Samples/acr-build-helloworld-node,
Azure-Samples/acr-tasks, SteveLasker/node-helloworld, wabbit-networks/net-monitor,
importing-public-content/{base-image-node,import-baseimage-node,hello-world}, Azure-Samples/nodejs-docs-hello-world,
buildpacks/sample-java-app, Azure-Samples/azure-event-grid-viewer), because the files decide what
the build makes. A repository appears on the lab's Git host the first time it is asked for (`tasks_git`).
"""

from __future__ import annotations

from datetime import UTC, datetime

UPSTREAM_TIME = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
"""When the lab's copy of an upstream repository was last committed to (any time before the lab starts)."""

_NODE_SERVER = """const http = require('http')

const port = 80

const server = http.createServer((request, response) => {
  response.writeHead(200, {'Content-Type': 'text/plain'})
  response.write('Hello World\\n')
  response.end('Version: ' + process.env.NODE_VERSION + '\\n')
})

server.listen(port)

console.log(`Server running at http://localhost: ${port}`)
"""
_PACKAGE_JSON = """{
  "name": "helloworld",
  "version": "1.0.0",
  "description": "Sample app for ACR Build",
  "main": "server.js",
  "scripts": {
    "test": "echo \\"Error: no test specified\\" && exit 1",
    "start": "node server.js"
  },
  "license": "MIT"
}
"""
_TASKMULTI = """version: v1.0.0
steps:
# Build target image
- build: -t {{.Run.Registry}}/hello-world:{{.Run.ID}} -f Dockerfile .
# Run image
- cmd: -t {{.Run.Registry}}/hello-world:{{.Run.ID}}
  id: test
  detach: true
  ports: ["8080:80"]
- cmd: docker stop test
# Push image
- push:
  - {{.Run.Registry}}/hello-world:{{.Run.ID}}"""
_TASKMULTI_MULTIREGISTRY = (_TASKMULTI.replace("# Build target image\n", "# Build target images\n")
                            .replace(" -f Dockerfile .\n", " -f Dockerfile .\n- build: -t {{.Values.regDate}}/"
                                     "hello-world:{{.Run.Date}} -f Dockerfile .\n", 1)
                            .replace("# Push image\n", "# Push images\n")
                            + "\n  - {{.Values.regDate}}/hello-world:{{.Run.Date}}")
HELLOWORLD_NODE = {
    "Dockerfile": 'FROM node:15-alpine\n\nCOPY . /src\nRUN cd /src && npm install\nEXPOSE 80\n'
                  'CMD ["node", "/src/server.js"]\n',
    "Dockerfile-app": 'ARG REGISTRY_NAME\nFROM ${REGISTRY_NAME}/baseimages/node:15-alpine\n\nCOPY . /src\n'
                      'RUN cd /src && npm install\nEXPOSE 80\nCMD ["node", "/src/server.js"]\n',
    "Dockerfile-base": "FROM node:15-alpine\nENV NODE_VERSION 15.2.1\n",
    "package.json": _PACKAGE_JSON,
    "server.js": _NODE_SERVER,
    "taskmulti.yaml": _TASKMULTI,
    "taskmulti-multiregistry.yaml": _TASKMULTI_MULTIREGISTRY,
}

_HELLO_DOCKERFILE = "FROM mcr.microsoft.com/hello-world\n"
_WHEN = ("version: v1.1.0\nsteps:\n  # build website and func-test images, concurrently\n  - id: build-hello-world\n"
         "    build: -t $Registry/hello-world:$ID -f hello-world.dockerfile .\n    when: [\"-\"]\n"
         "  - id: build-hello-world-test\n    build: -t hello-world-test -f hello-world.dockerfile .\n"
         "    when: [\"-\"]\n")
_WHEN_DEPENDENT = _WHEN + ("  # run built images to be tested\n  - id: hello-world\n    cmd: $Registry/hello-world:$ID\n"
                           "    when: [\"build-hello-world\"]\n  - id: func-tests\n    cmd: hello-world-test\n"
                           "    env:\n      - TEST_TARGET_URL=hello-world\n    when: [\"hello-world\"]\n")
ACR_TASKS = {
    "bash-echo.yaml": "version: v1.1.0\nsteps:\n  - cmd: bash echo hello world\n",
    "bash-echo-3.yaml": "version: v1.1.0\nsteps:\n  - cmd: bash:3.0 echo hello world\n",
    "build-hello-world.yaml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world -f hello-world.dockerfile .\n",
    "build-push-hello-world.yaml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world:$ID -f "
                                   "hello-world.dockerfile .\n  - push: \n    - $Registry/hello-world:$ID\n",
    "build-push-hello-world-multi.yaml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world:$ID -t "
                                         "$Registry/hello-world:latest -f hello-world.dockerfile .\n  - push:\n"
                                         "    - $Registry/hello-world:$ID\n    - $Registry/hello-world:latest\n",
    "build-run-hello-world.yaml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world:$ID -f "
                                  "hello-world.dockerfile .\n  - push:\n    - $Registry/hello-world:$ID\n"
                                  "  - cmd: $Registry/hello-world:$ID\n",
    "build-test-hello-world.yaml": _WHEN_DEPENDENT.replace("steps:\n", "steps:\n", 1),
    "when-parallel.yaml": _WHEN,
    "when-parallel-dependent.yaml": _WHEN_DEPENDENT + ("  # push hello-world if func-tests are successful  \n"
                                                      "  - push: [\"$Registry/hello-world:$ID\"]\n"
                                                      "    when: [\"func-tests\"]\n"),
    "when-sequential-default.yaml": "version: v1.1.0\nsteps:\n    - cmd: bash echo one\n    - cmd: bash echo two\n"
                                    "    - cmd: bash echo three\n",
    "when-sequential-id.yaml": "version: v1.1.0\nsteps:\n    - id: step1\n      cmd: bash echo one\n"
                               "    - id: step2\n      cmd: bash echo two\n      when: [\"step1\"]\n"
                               "    - id: step3\n      cmd: bash echo three\n      when: [\"step2\"]\n",
    "hello-world.yaml": "version: v1.1.0\nsteps:\n  - cmd: mcr.microsoft.com/hello-world\n",
    "mounts-secrets.yaml": "# This template demonstrates mounting a custom volume into a container at a CMD step\n"
                           "secrets:\n  - id: sampleSecret\n    keyvault: https://myacbvault2.vault.azure.net/secrets/"
                           "SampleSecret\n\nvolumes:\n  - name: mysecrets\n    secret:\n      mysecret1: "
                           "{{.Secrets.sampleSecret | b64enc}}\n      mysecret2: {{\"this is a non encoded string\" | "
                           "b64enc}}\n\nsteps:\n  - cmd: bash cat /run/test/mysecret1 /run/test/mysecret2\n"
                           "    volumeMounts:\n      - name: mysecrets\n        mountPath: /run/test",
    "hello-world.dockerfile": _HELLO_DOCKERFILE,
    "curl.dockerfile": 'FROM alpine:latest\nRUN apk add curl\nENTRYPOINT ["/usr/bin/curl"]\n',
    "network-curl.yaml": "version: v1.1.0\nsteps:\n  - id: nginx\n    cmd: mcr.microsoft.com/oss/nginx/nginx:1.15.5-alpine\n"
                         "    detach: true\n  - cmd: curl --url http://nginx\n",
    "simpletask.yaml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world:$ID . -f hello-world.dockerfile\n"
                       "  - push: [\"$Registry/hello-world:$ID\"]\n",
    "buildx.yml": "version: v1.1.0\nsteps:\n  - build: -t $Registry/hello-world:$ID -f hello-world.dockerfile .\n"
                  "    cache: enabled\n  - push: \n    - \"$Registry/hello-world:$ID\"\n",
    "files-working-directory.yaml": "version: v1.1.0\nsteps: \n  - id: write-file\n    cmd: bash -c 'echo $(date) >> "
                                    "hello.txt'\n  - id: read-file\n    cmd: bash cat hello.txt\n"
                                    "  - id: list-workspace-files\n    cmd: bash ls -l \n",
    "multipleRegistries/hello-world.dockerfile": _HELLO_DOCKERFILE,
    "multipleRegistries/testtask.yaml": "version: v1.1.0\nsteps:\n  - build: -t {{.Values.REGISTRY1}}/hello-world:$ID . "
                                        "-f hello-world.dockerfile\n  - push: [\"{{.Values.REGISTRY1}}/hello-world:$ID\"]\n"
                                        "  - build: -t {{.Values.REGISTRY2}}/hello-world:$ID . -f hello-world.dockerfile\n"
                                        "  - push: [\"{{.Values.REGISTRY2}}/hello-world:$ID\"]\n",
}

_FROM_URL = "ARG REGISTRY_FROM_URL=\nFROM ${REGISTRY_FROM_URL}node:15-alpine\n"
IMPORTING_BASE_IMAGE_NODE = {
    "Dockerfile": _FROM_URL + "ENV NODE_VERSION 15-alpine\nENV BACKGROUND_COLOR DeepSkyBlue\n#DeepSkyBlue\n",
    "acr-task.yaml": "version: v1.1.0\nsteps:\n  - build: >\n      -f ./Dockerfile\n      --build-arg "
                     "REGISTRY_FROM_URL={{.Values.REGISTRY_FROM_URL}} \n      -t {{.Run.Registry}}/node:15-alpine-{{.Run.ID}}\n"
                     "      -t {{.Run.Registry}}/node:15-alpine\n      .\n  - push: \n"
                     "    - \"{{.Run.Registry}}/node:15-alpine-{{.Run.ID}}\"\n    - \"{{.Run.Registry}}/node:15-alpine\"\n",
}
IMPORTING_IMPORT_BASEIMAGE_NODE = {
    "Dockerfile": _FROM_URL + "WORKDIR /test\nCOPY ./test.sh .\nCMD ./test.sh\n",
    "test.sh": "#!/bin/sh\necho -e \"\\e[32mValidating Image\\e[0m\"\n\necho NODE_VERSION: ${NODE_VERSION}\n"
               "echo BACKGROUND_COLOR: ${BACKGROUND_COLOR}\n\nif [ \"\"$(echo $BACKGROUND_COLOR | tr '[:lower:]' "
               "'[:upper:]') = 'RED' ]; then\n    echo -e \"\\e[31mERROR: Invalid Color:\\e[0m\" ${BACKGROUND_COLOR}\n"
               "    EXIT_CODE=1\nelse\n  echo -e \"\\e[32mValidation Complete - No Known Errors\\e[0m\"\nfi\n\n"
               "exit ${EXIT_CODE}\n",
    "acr-task.yaml": "version: v1.1.0\nsteps:\n  - id: build-test-base-image\n    build: >\n      --build-arg "
                     "REGISTRY_FROM_URL={{.Values.REGISTRY_FROM_URL}} \n      -f ./Dockerfile\n"
                     "      -t {{.Run.Registry}}/node-import:test\n      .\n  - id: validate-base-image\n"
                     "    when: ['build-test-base-image']\n    cmd: \"{{.Run.Registry}}/node-import:test\"\n"
                     "  - id: retag-base-image\n    when: ['validate-base-image']\n"
                     "    cmd: docker tag {{.Values.REGISTRY_FROM_URL}}node:15-alpine {{.Run.Registry}}/node:15-alpine\n"
                     "  - id: retag-base-image-unique-tag\n    when: ['retag-base-image']\n"
                     "    cmd: docker tag {{.Values.REGISTRY_FROM_URL}}node:15-alpine "
                     "{{.Run.Registry}}/node:15-alpine-{{.Run.ID}}\n  - id: push-base-image\n"
                     "    when: ['retag-base-image', 'retag-base-image-unique-tag']\n    push: \n"
                     "    - \"{{.Run.Registry}}/node:15-alpine\"\n    - \"{{.Run.Registry}}/node:15-alpine-{{.Run.ID}}\"\n",
}
IMPORTING_HELLO_WORLD = {
    "Dockerfile": _FROM_URL.replace("FROM", "FROM", 1) + 'EXPOSE 80\nCOPY . /src\nRUN cd /src && npm install\n'
                                                          'CMD ["node", "/src/server.js"]\n',
    "server.js": _NODE_SERVER,
    "acr-task.yaml": "version: v1.1.0\nsecrets:\n  - id: registry-user\n    keyvault: https://{{.Values.KEYVAULT}}."
                     "vault.azure.net/secrets/registry-{{.Run.RegistryName}}-user\n  - id: registry-password\n"
                     "    keyvault: https://{{.Values.KEYVAULT}}.vault.azure.net/secrets/registry-{{.Run.RegistryName}}"
                     "-password\nsteps:\n  - id: build-hello-world\n    build: >\n      --build-arg "
                     "REGISTRY_FROM_URL={{.Values.REGISTRY_FROM_URL}} \n      -t {{.Run.Registry}}/hello-world:"
                     "{{.Run.ID}} \n      -f Dockerfile \n      .\n  - id: push-images\n    when: ['build-hello-world']\n"
                     "    push: \n    - \"{{.Run.Registry}}/hello-world:{{.Run.ID}}\"\n  - id: az-login\n"
                     "    when: ['-']\n    cmd: az login --identity > /dev/null\n  - id: deploy-aci\n"
                     "    when: ['az-login', 'push-images']\n    cmd: >\n      az container create \n"
                     "      --resource-group \"{{.Values.ACI_RG}}\" \n      --name \"{{.Values.ACI}}\" \n"
                     "      --image \"{{.Run.Registry}}/hello-world:{{.Run.ID}}\" \n"
                     "      --registry-username \"{{index .Secrets \"registry-user\"}}\" \n"
                     "      --registry-password \"{{index .Secrets \"registry-password\"}}\" \n"
                     "      --ip-address public \n      --ports 80\n",
}
NET_MONITOR = {
    "Dockerfile": "FROM alpine\nARG SLEEP=\"30m\"\nARG TEXT=\"Local net-monitor docker image text no arguments\"\n"
                  "RUN echo $TEXT 'now sleeping for' $SLEEP 'at:' >message.txt\nRUN echo $SLEEP >sleep.txt\n"
                  "CMD cat message.txt && date && sleep $(cat sleep.txt)",
}
STEVELASKER_NODE_HELLOWORLD = {
    "Dockerfile": 'FROM node:9\nCOPY . /src\nRUN cd /src && npm install\nEXPOSE 80\nCMD ["node", "/src/server.js"]\n',
    "package.json": _PACKAGE_JSON,
    "server.js": "var http = require('http')\n\nvar port = 80\n\nvar server = http.createServer(function (request, "
                 "response) {\n  response.writeHead(200, {'Content-Type': 'text/plain'})\n  response.end('Hello World\\n')"
                 "\n})\n\nserver.listen(port)\n\nconsole.log('Server running at http://localhost:' + port)\n",
}

NODEJS_DOCS_HELLO_WORLD = {
    "index.js": "const http = require('http');\n\nconst server = http.createServer((request, response) => {\n"
                "    response.writeHead(200, {\"Content-Type\": \"text/plain\"});\n    response.end(\"Hello World!\");\n"
                "});\n\nconst port = process.env.PORT || 1337;\nserver.listen(port);\n\n"
                "console.log(\"Server running at http://localhost:%d\", port);\n",
    "package.json": "{\n    \"name\": \"app-service-hello-world\",\n    \"description\": \"Simple Hello World Node.js "
                    "sample for Azure App Service\",\n    \"version\": \"0.0.1\",\n    \"private\": true,\n"
                    "    \"license\": \"MIT\",\n    \"author\": \"Microsoft\",\n    \"scripts\": {\n"
                    "        \"start\": \"node index.js\"\n    }\n}\n",
}
SAMPLE_JAVA_APP = {  # archived: the app moved to buildpack/samples, the repository keeps only its README and config
    "README.md": "> **ARCHIVED**: This repository has been relocated to the [samples](https://github.com/buildpack/"
                 "samples/) repo.\n\n## sample-java-app\n",
}

EVENT_GRID_VIEWER = {  # an ASP.NET Core 6 app (the lab's App Service runs it: engine/web_sites.py)
    "viewer/viewer.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n\n  <PropertyGroup>\n    <TargetFramework>"
                            "net6.0</TargetFramework>\n  </PropertyGroup>\n\n  <ItemGroup>\n    <PackageReference "
                            "Include=\"Newtonsoft.Json\" Version=\"13.0.1\" />\n  </ItemGroup>\n\n</Project>\n",
}

REPOSITORIES: dict[str, dict[str, dict[str, str]]] = {
    "Azure-Samples/acr-build-helloworld-node": {"main": HELLOWORLD_NODE, "master": HELLOWORLD_NODE},
    "Azure-Samples/acr-tasks": {"master": ACR_TASKS},
    "SteveLasker/node-helloworld": {"master": STEVELASKER_NODE_HELLOWORLD},
    "wabbit-networks/net-monitor": {"main": NET_MONITOR},
    "importing-public-content/base-image-node": {"main": IMPORTING_BASE_IMAGE_NODE},
    "importing-public-content/import-baseimage-node": {"main": IMPORTING_IMPORT_BASEIMAGE_NODE},
    "importing-public-content/hello-world": {"main": IMPORTING_HELLO_WORLD},
    "Azure-Samples/nodejs-docs-hello-world": {"master": NODEJS_DOCS_HELLO_WORLD},
    "buildpack/sample-java-app": {"master": SAMPLE_JAVA_APP},  # the docs' URL (GitHub serves it from buildpacks/)
    "buildpacks/sample-java-app": {"master": SAMPLE_JAVA_APP},
    "Azure-Samples/azure-event-grid-viewer": {"main": EVENT_GRID_VIEWER, "master": EVENT_GRID_VIEWER},
}
"""owner/name on github.com -> branch -> files (path -> text). The first branch is the default one."""

_BY_URL = {f"https://github.com/{name}".lower(): name for name in REPOSITORIES}


def lookup(normalized_url: str) -> tuple[str, dict[str, dict[str, str]]] | None:
    """(display URL, branches) of a public repository by its normalized (lower-case, no .git) URL, or None."""
    name = _BY_URL.get(normalized_url)
    return (f"https://github.com/{name}", REPOSITORIES[name]) if name else None
