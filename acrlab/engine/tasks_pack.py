"""`pack build` in an ACR Tasks run: the step `az acr pack build` queues (a Cloud Native Buildpacks build).

az acr pack build sends a task file whose first step is `cmd: mcr.microsoft.com/oryx/pack:<tag> build <image>
--builder <builder> [--no-pull] --env REGISTRY_NAME=$Registry -p .` and whose second pushes the image (Azure/azure-cli
src/azure-cli/azure/cli/command_modules/acr/pack.py). The pack runner pulls the builder (unless `--no-pull`, which
needs a builder the agents cache: `cloudfoundry/cnb:bionic`, acr/_constants.py ACR_CACHED_BUILDER_IMAGES), detects
the app's language from its files, and exports an image: the builder's run image with the app as a layer, started
by the buildpacks' launcher. A builder without a buildpack for the app fails detection, as pack does.

Builders (MicrosoftDocs/azure-management-docs articles/container-registry/container-registry-tasks-pack-build.md):
their stack, run image and the buildpacks each language gets.
"""

from __future__ import annotations

from .build import BuildError, build_image
from .tasks_cmd import StepFailed, _pull

CACHED_BUILDERS = ("cloudfoundry/cnb:bionic",)

_CF_NODE = ("org.cloudfoundry.node-engine", "org.cloudfoundry.npm")
_CF_JAVA = ("org.cloudfoundry.openjdk", "org.cloudfoundry.buildsystem", "org.cloudfoundry.jvmapplication",
            "org.cloudfoundry.springboot")
_CF_PYTHON = ("org.cloudfoundry.python-runtime", "org.cloudfoundry.pip")
_CF_DOTNET = ("org.cloudfoundry.dotnet-core-runtime", "org.cloudfoundry.dotnet-core-sdk",
              "org.cloudfoundry.dotnet-core-build")
_LANGUAGES = (  # (the file that marks the app's language, language, start command)
    ("package.json", "nodejs", "npm start"),
    ("pom.xml", "java", "java -jar target/app.jar"),
    ("requirements.txt", "python", "python app.py"),
    (".csproj", "dotnet", "dotnet app.dll"),
)
BUILDERS: dict[str, dict] = {
    "cloudfoundry/cnb:cflinuxfs3": {"stack": "org.cloudfoundry.stacks.cflinuxfs3",
                                    "run": "cloudfoundry/run:full-cnb-cflinuxfs3",
                                    "buildpacks": {"nodejs": _CF_NODE, "java": _CF_JAVA, "python": _CF_PYTHON,
                                                   "dotnet": _CF_DOTNET}},
    "cloudfoundry/cnb:bionic": {"stack": "io.buildpacks.stacks.bionic", "run": "cloudfoundry/run:base-cnb",
                                "buildpacks": {"nodejs": _CF_NODE, "java": _CF_JAVA, "python": _CF_PYTHON,
                                               "dotnet": _CF_DOTNET}},
    "heroku/buildpacks:18": {"stack": "heroku-18", "run": "heroku/pack:18",
                             "buildpacks": {"nodejs": ("heroku/nodejs-engine", "heroku/nodejs-npm"),
                                            "java": ("heroku/jvm", "heroku/maven"),
                                            "python": ("heroku/python",)}},
}
_DOCKERFILE = "acrlab-pack.Dockerfile"  # the exported image as a Dockerfile, kept out of the app layer


def _options(argv: list[str]) -> tuple[str, str, bool, dict[str, str], str]:
    if argv[:1] != ["build"]:
        raise StepFailed(f'ERROR: unknown command "{argv[0] if argv else ""}" for "pack"')
    image, builder, pull, env, path = "", "", True, {}, "."
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--builder", "-B", "--env", "-e", "--path", "-p"):
            if i + 1 >= len(argv):
                raise StepFailed(f"ERROR: flag needs an argument: {a}")
            value, i = argv[i + 1], i + 1
            if a in ("--builder", "-B"):
                builder = value
            elif a in ("--env", "-e"):
                k, _, v = value.partition("=")
                env[k] = v
            else:
                path = value
        elif a == "--no-pull":
            pull = False
        elif a.startswith("-"):
            raise StepFailed(f"ERROR: unknown flag: {a}")
        elif not image:
            image = a
        else:
            raise StepFailed('ERROR: accepts 1 arg(s), received 2')
        i += 1
    if not image:
        raise StepFailed("ERROR: accepts 1 arg(s), received 0")
    if not builder:
        raise StepFailed("ERROR: Please select a default builder with:\n\n\tpack set-default-builder <builder-image>")
    return image, builder, pull, env, path


def pack_build(agent, argv: list[str]) -> list[str]:
    """Run `pack build` on the agent; the image it exports is then on the agent for the push step."""
    image, builder, pull, _env, path = _options(argv)
    name = builder.removeprefix("docker.io/").removeprefix("index.docker.io/")
    out: list[str] = []
    if pull:
        content = _pull(agent, builder)
        out += [f"{name.rpartition(':')[2]}: Pulling from {name.rpartition(':')[0]}",
                f"Digest: {content.digest}", f"Status: Downloaded newer image for {name}"]
    elif name not in CACHED_BUILDERS:
        raise StepFailed(f"ERROR: failed to build: failed to fetch builder image '{name}': image '{name}' does not "
                         "exist on the daemon: not found")
    spec = BUILDERS.get(name)
    if spec is None:
        raise StepFailed(f"ERROR: failed to build: invalid builder '{name}': builder metadata label "
                         "'io.buildpacks.builder.metadata' missing or empty")
    prefix = "" if path in (".", "./", "") else path.strip("/") + "/"
    files = {p[len(prefix):]: c for p, c in agent.spec.files.items() if p.startswith(prefix)}
    found = next(((lang, start) for marker, lang, start in _LANGUAGES
                  if any(p == marker or (marker.startswith(".") and p.endswith(marker)) for p in files)), None)
    language, start = found or ("", "")
    buildpacks = spec["buildpacks"].get(language)
    total = sum(len(b) for b in spec["buildpacks"].values())
    out += [f"Using build cache volume pack-cache-{agent.run.run_id}.build", "===> DETECTING"]
    if not buildpacks:
        out += ["ERROR: No buildpack groups passed detection.",
                "ERROR: Please check that you are running against the correct path."]
        agent.lines += out
        raise StepFailed("ERROR: failed to build: executing lifecycle: failed with status code: 20")
    out.append(f"[detector] {len(buildpacks)} of {total} buildpacks participating")
    out += [f"[detector] {bp}" for bp in buildpacks]
    run_image = spec["run"]
    # `--env` values are the build's environment (buildpacks read them), not the image's
    dockerfile = (f"FROM {run_image}\nCOPY . /workspace\nWORKDIR /workspace\n"
                  + f'ENV CNB_STACK_ID={spec["stack"]}\nENTRYPOINT ["/cnb/lifecycle/launcher"]\n'
                  + f'CMD ["{start}"]\n')
    try:
        result = build_image({**files, ".dockerignore": _DOCKERFILE, _DOCKERFILE: dockerfile}, _DOCKERFILE, {},
                             "linux/amd64", agent._resolve_base, created=agent.t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    except BuildError as e:
        raise StepFailed(f"ERROR: failed to build: {e.message}") from None
    full = agent._full(image)
    agent.built[full] = result.content
    out += ["===> ANALYZING", f'[analyzer] Image with name "{image}" not found', "===> RESTORING", "===> BUILDING",
            *[f"[builder] ---> {bp}" for bp in buildpacks], "===> EXPORTING",
            "[exporter] Adding layer 'launcher'", "[exporter] Adding 1/1 app layer(s)",
            f"[exporter] Reusing layers from run image '{run_image}'", "[exporter] *** Images "
            f"({result.content.digest[7:19]}):", f"[exporter]       {image}",
            f"Successfully built image '{image}'"]
    agent.wait(max(20.0, result.seconds))
    return out
