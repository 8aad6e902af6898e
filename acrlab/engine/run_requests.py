"""The four run requests of ACR Tasks (REST API containerregistry_build.json RunRequest, discriminator `type`):
DockerBuildRequest (az acr build), FileTaskRunRequest and EncodedTaskRunRequest (az acr run) and TaskRunRequest
(az acr task run), as POST registries/{name}/scheduleRun reads them. Unknown properties are ignored, as the service
ignores them; a missing required property or a bad enum is InvalidRequestContent, worded as the service's JSON reader
words it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from .arm.providers.registry_body import _canonical
from .errors import ArmError


class _Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class Platform(_Body):
    os: Annotated[Literal["Linux", "Windows"], _canonical("Linux", "Windows")]
    architecture: Annotated[Literal["amd64", "x86", "386", "arm", "arm64"] | None,
                            _canonical("amd64", "x86", "386", "arm", "arm64")] = None
    variant: Annotated[Literal["v6", "v7", "v8"] | None, _canonical("v6", "v7", "v8")] = None

    def as_run(self) -> dict:
        """The run's platform as the lab's runs keep it (lower case, amd64 by default)."""
        return {"architecture": self.architecture or "amd64", "os": self.os.lower(), "variant": self.variant}


class Argument(_Body):
    name: str
    value: str | None = None
    is_secret: bool = False


class SetValue(_Body):
    name: str
    value: str = ""
    is_secret: bool = False


class AgentConfiguration(_Body):
    cpu: int | None = None


class SourceRegistryCredentials(_Body):
    login_mode: Annotated[Literal["None", "Default"] | None, _canonical("None", "Default")] = None
    identity: str | None = None


class Credentials(_Body):
    source_registry: SourceRegistryCredentials | None = None
    custom_registries: dict[str, Any] | None = None


class _RunRequest(_Body):
    is_archive_enabled: bool = False
    agent_pool_name: str | None = None
    log_template: str | None = None


class _QuickRun(_RunRequest):
    platform: Platform
    source_location: str | None = None
    timeout: Annotated[int, Field(ge=300, le=28800)] | None = None
    agent_configuration: AgentConfiguration | None = None
    credentials: Credentials | None = None


class DockerBuildRequest(_QuickRun):
    type: Literal["DockerBuildRequest"]
    docker_file_path: str
    image_names: list[str] = Field(default_factory=list)
    is_push_enabled: bool = True
    no_cache: bool = False
    target: str | None = None
    arguments: list[Argument] = Field(default_factory=list)


class FileTaskRunRequest(_QuickRun):
    type: Literal["FileTaskRunRequest"]
    task_file_path: str
    values_file_path: str | None = None
    values: list[SetValue] = Field(default_factory=list)


class EncodedTaskRunRequest(_QuickRun):
    type: Literal["EncodedTaskRunRequest"]
    encoded_task_content: str
    encoded_values_content: str | None = None
    values: list[SetValue] = Field(default_factory=list)


class OverrideTaskStepProperties(_Body):
    context_path: str | None = None
    file: str | None = None
    arguments: list[Argument] = Field(default_factory=list)
    target: str | None = None
    values: list[SetValue] = Field(default_factory=list)
    update_trigger_token: str | None = None


class TaskRunRequest(_RunRequest):
    type: Literal["TaskRunRequest"]
    task_id: str
    override_task_step_properties: OverrideTaskStepProperties | None = None


RunRequest = DockerBuildRequest | FileTaskRunRequest | EncodedTaskRunRequest | TaskRunRequest
KINDS = {m.__name__.lower(): m.__name__ for m in (DockerBuildRequest, FileTaskRunRequest, EncodedTaskRunRequest,
                                                  TaskRunRequest)}
_ADAPTER: TypeAdapter = TypeAdapter(Annotated[RunRequest, Field(discriminator="type")])
ENUMS = {"os": "OS", "architecture": "Architecture", "variant": "Variant", "loginMode": "SourceRegistryLoginMode"}


def parse(body: Any, where: str = "") -> RunRequest:
    """The run request of a scheduleRun body (or of a task run's `where` = 'properties.runRequest'), or
    InvalidRequestContent naming the path of what is wrong."""
    def at(*parts: str) -> str:
        return ".".join(p for p in (where, *parts) if p)
    if not isinstance(body, dict) or "type" not in body:
        raise ArmError("InvalidRequestContent", detail=f"Required property 'type' not found in JSON. Path '{at()}'.")
    kind = KINDS.get(str(body["type"]).lower())
    if kind is None:
        raise ArmError("InvalidRequestContent", detail=f"Could not find member '{body['type']}' on object of type "
                                                       f"'RunRequest'. Expected one of: {', '.join(KINDS.values())}. "
                                                       f"Path '{at('type')}'.")
    try:
        return _ADAPTER.validate_python({**body, "type": kind})
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(p) for p in err["loc"][1:]]  # the first is the request type
        fields = [p for p in loc if not p.isdigit()]
        path = at(*loc)
        if err["type"] == "missing":
            detail = f"Required property '{fields[-1]}' not found in JSON. Path '{at(*loc[:-1])}'."
        elif err["type"] in ("literal_error", "enum"):
            name = ENUMS.get(fields[-1], fields[-1]) if fields else path
            detail = f"Error converting value \"{err['input']}\" to type '{name}'. Path '{path}'."
        else:
            detail = f"{err['msg']}. Path '{path}'."
        raise ArmError("InvalidRequestContent", detail=detail) from None
