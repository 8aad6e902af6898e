"""Template and deployment errors as Azure Resource Manager reports them."""

from __future__ import annotations

from ..engine.errors import AzureError


class TemplateError(Exception):
    """A problem inside an expression or a template section; the caller wraps it into InvalidTemplate
    with the location ARM names ("The template resource 'x' at line 'l' and column 'c' is not valid: ...")."""


class InvalidTemplate(AzureError):
    """Preflight validation failure (az prints `InvalidTemplate - Deployment template validation failed: ...`)."""

    code = "InvalidTemplate"

    def __init__(self, message: str, line: int = 0, column: int = 0, path: str = ""):
        super().__init__(message)
        self.line, self.column, self.path = line, column, path


class DeploymentFailed(AzureError):
    """The deployment ran and at least one resource failed; `details` are the resource-level errors."""

    code = "DeploymentFailed"

    def __init__(self, target: str, details: list[dict]):
        super().__init__("At least one resource deployment operation failed. Please list deployment operations "
                         "for details. Please see https://aka.ms/arm-deployment-operations for usage details.")
        self.target = target
        self.details = details

    def to_json(self) -> dict:
        return {"code": self.code, "target": self.target, "message": self.message, "details": self.details}
