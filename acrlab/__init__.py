"""acrlab: an offline training lab and exam simulator for Azure Container Registry (AZ-104)."""

__version__ = "0.1.0"
__all__ = ["Lab", "Result"]


def __getattr__(name):
    # Lazy, so that `import acrlab.engine` loads neither the shell nor anything above it.
    if name in ("Lab", "Result"):
        from . import lab

        return getattr(lab, name)
    raise AttributeError(name)
