"""Errors the simulated Azure raises, one class per Azure error code, message built in __init__."""

from __future__ import annotations


class AzureError(Exception):
    """A failure as Azure reports it: an error code, a message and an HTTP status.

    `arm=True` errors come from Resource Manager and az prints them as `(Code) Message`;
    `arm=False` ones are az's own client-side validation and print as the bare message.
    """

    code = "BadRequest"
    status = 400
    arm = True

    def __init__(self, message: str, code: str | None = None, status: int | None = None, arm: bool | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        if arm is not None:
            self.arm = arm


class CliError(AzureError):
    """az's own validation (InvalidArgumentValueError, RequiredArgumentMissingError, ...)."""

    code = "InvalidArgumentValue"
    arm = False


class UsageError(CliError):
    """A usage error: az exits with 2 for these."""

    code = "UsageError"


class ResourceNotFound(AzureError):
    code = "ResourceNotFound"
    status = 404

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message, code=code)


def arm_not_found_message(resource: str, resource_group: str) -> str:
    """ARM's 404 for a resource in a group: `resource` is `Provider/type/name[/childType/childName...]`."""
    return (f"The Resource '{resource}' under resource group '{resource_group}' was not found. For more details "
            "please go to https://aka.ms/ARMResourceNotFoundFix")


class ArmResourceNotFound(ResourceNotFound):
    def __init__(self, resource: str, resource_group: str):
        super().__init__(arm_not_found_message(resource, resource_group))


class ResourceGroupNotFound(ResourceNotFound):
    code = "ResourceGroupNotFound"

    def __init__(self, name: str):
        super().__init__(f"Resource group '{name}' could not be found.")


class CliResourceNotFound(CliError):
    """az's ResourceNotFoundError raised by the CLI itself (printed without a code)."""

    code = "ResourceNotFound"
    status = 404


class AlreadyInUse(AzureError):
    code = "AlreadyInUse"
    status = 409


class Conflict(AzureError):
    code = "Conflict"
    status = 409


class AuthorizationFailed(AzureError):
    code = "AuthorizationFailed"
    status = 403

    def __init__(self, client: str, object_id: str, action: str, scope: str, decision=None):
        super().__init__(
            f"The client '{client}' with object id '{object_id}' does not have authorization to perform "
            f"action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, "
            "please refresh your credentials."
        )
        self.decision = decision


class RegistryError(Exception):
    """A data-plane (Docker Registry HTTP API v2) error: `{"errors":[{"code","message"}]}` with a status."""

    def __init__(self, code: str, message: str, status: int = 400, detail=None, decision=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.detail = detail
        self.decision = decision


ACR_UNAUTHORIZED = "authentication required, visit https://aka.ms/acr/authorization for more information."
"""ACR's 401 text (Azure/acr issues #506, #841): Docker prints it after `unauthorized: `."""


def unauthorized(message: str = ACR_UNAUTHORIZED) -> RegistryError:
    return RegistryError("UNAUTHORIZED", message, 401)


def denied(message: str = "requested access to the resource is denied", decision=None) -> RegistryError:
    return RegistryError("DENIED", message, 403, decision=decision)
