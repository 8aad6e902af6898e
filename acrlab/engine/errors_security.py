"""Microsoft.Security's error codes (Defender plans: pricings), merged into errors.CATALOGUE. Each entry:
code -> (HTTP status, message template, source[, code on the wire])."""

from __future__ import annotations

CODES: dict[str, tuple] = {
    "PricingNameInvalid": (
        400, "The name '{name}' is not a valid name. Possible pricing bundle names: {names}.",
        "Microsoft.Security's answer to a pricing that does not exist (Azure/azure-powershell issue 10842, "
        "Azure/ResourceModules issue 453: code InvalidResourceName)", "InvalidResourceName"),
}
