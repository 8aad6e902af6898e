"""The resource-manager core: every control-plane request from every front end (az, PowerShell, Bicep/ARM
deployments, the portal form, lab set-up) is one `ArmRequest` answered by the provider of its resource type.

Front ends call `send(cloud, caller, method, resource_id, body)` and shape the `ArmResponse`; they never decide
authorization, validation or defaults themselves. See docs/architecture.md, "The resource manager"."""

from ..errors import ArmError
from .manager import Plan, Provider, ResourceManager, register, send
from .request import API_VERSION, ArmRequest, ArmResponse, ResourceId, parse_resource_id

__all__ = ["API_VERSION", "ArmError", "ArmRequest", "ArmResponse", "Plan", "Provider", "ResourceId",
           "ResourceManager", "parse_resource_id", "register", "send"]
