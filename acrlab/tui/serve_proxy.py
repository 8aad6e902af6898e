"""acrlab behind jupyter-server-proxy (JupyterHub, or any Jupyter server): each student's own Jupyter server starts
`acrlab serve` for them on a free loopback port and proxies `<base_url>acrlab/` to it, beside their notebooks.

`setup_acrlab()` is the `jupyter_serverproxy_servers` entry point (pyproject.toml), so a Jupyter server in an
environment where acrlab is installed shows an "acrlab" launcher with no configuration at all; the same dictionary
can be given as `c.ServerProxy.servers = {"acrlab": setup_acrlab()}` (deploy/jupyterhub/jupyter_server_config.py).

The hub signs students in and the proxy checks the Jupyter session, so the app runs as one learner (the student's
own ACRLAB_HOME). Another user of the same machine could still reach the loopback port directly, so the proxy
adds a random token header to every request it forwards (`request_headers_override`) and `acrlab serve` refuses
requests without it. The page's URLs are all relative, so the prefix needs no rewriting (`absolute_url: False`).
No textual import here: Jupyter loads this in its own process."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from .serve import TOKEN_ENV

NAME = "acrlab"
ICON = Path(__file__).parent / "serve_static" / "favicon.svg"
TOKEN_HEADER = "X-Acrlab-Token"
NOTEBOOKS = "acrlab-notebooks"


def command(python: str = sys.executable) -> list[str]:
    """`acrlab serve` for one student: jupyter-server-proxy fills in {port} and {base_url}."""
    return [python, "-m", "acrlab", "serve", "--port", "{port}", "--base-url", "{base_url}" + NAME + "/",
            "--learners", "single", "--max-sessions", "1"]


def setup_acrlab() -> dict:
    """The server-process settings jupyter-server-proxy reads (its ServerProcess traits)."""
    token = secrets.token_urlsafe(24)
    return {
        "command": command(),
        "environment": {TOKEN_ENV: token},
        "request_headers_override": {TOKEN_HEADER: token},
        "absolute_url": False,
        "timeout": 60,
        "new_browser_tab": False,
        "launcher_entry": {"enabled": True, "title": "acrlab", "icon_path": str(ICON), "category": "Notebook"},
    }


def place_notebooks(home: str | os.PathLike | None = None) -> Path | None:
    """The walkthrough notebooks, solutions removed, in `~/acrlab-notebooks` the first time a student's server
    starts (never over their own work); returns the folder, or None when it was already there."""
    from ..notebook_tools import default_dir, student_copies

    folder = Path(home if home is not None else Path.home()) / NOTEBOOKS
    if folder.exists():
        return None
    student_copies(default_dir(), folder)
    return folder
