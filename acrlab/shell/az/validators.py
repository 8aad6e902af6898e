"""azure-cli's client-side validators shared by several command modules: az refuses these arguments itself, before
any request, in its own words (the engine never sees them)."""

from __future__ import annotations

from ...engine.errors import CliError

SUBNET_USAGE = "Usage error: [--subnet ID | --subnet NAME --vnet-name NAME]"


def check_subnet_usage(subnet: str | None, vnet_name: str | None) -> None:
    """network/_validators.py get_subnet_validator: a subnet is its resource id alone, or its name with --vnet-name."""
    by_id = bool(subnet) and subnet.startswith("/subscriptions/") and not vnet_name
    if not by_id and not (subnet and vnet_name):
        raise CliError(SUBNET_USAGE)
