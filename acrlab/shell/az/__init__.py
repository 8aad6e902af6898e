"""The simulated Azure CLI."""
