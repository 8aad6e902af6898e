"""Microsoft.Network's error codes the resource manager's network providers raise (private DNS zones), merged into
errors.CATALOGUE. Each entry: code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "PrivateDnsZoneExists": (
        412, "The Zone {name} exists already.", "Private DNS's answer to a create (If-None-Match: *) of a zone that "
                                                "exists (az network private-dns zone create, New-AzPrivateDnsZone)",
        "PreconditionFailed"),
    "CannotDeleteResource": (
        409, "Can not delete resource before nested resources are deleted.",
        "ARM's refusal to delete a private DNS zone that still has virtual network links"),
}
