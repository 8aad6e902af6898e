"""One module per resource type; importing this package registers every provider with the manager."""

from . import registries  # noqa: F401
