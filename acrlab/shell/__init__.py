"""The simulated terminal: bash subset, az, docker, kubectl, pwsh."""
