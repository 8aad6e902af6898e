"""The simulation: an in-memory Azure tenant with Container Registry. Imports only pydantic and stdlib."""

from .cloud import Cloud
from .errors import AuthorizationFailed, AzureError, CliError, RegistryError, UsageError

__all__ = ["Cloud", "AzureError", "CliError", "UsageError", "AuthorizationFailed", "RegistryError"]
