"""JupyterHub for an acrlab class: every student signs in to the hub and gets their own Jupyter server, with
JupyterLab, the acrlab walkthrough notebooks in ~/acrlab-notebooks, and the acrlab app one click away in the
launcher (jupyter-server-proxy runs `acrlab serve` for that student only, at /user/NAME/acrlab/).

Use: `jupyterhub -f deploy/jupyterhub/jupyterhub_config.py` on the class machine (see README.md here), or copy
this file into The Littlest JupyterHub's /opt/tljh/config/jupyterhub_config.d/. Everything below is standard
JupyterHub configuration; adjust the marked lines for your school."""

import sys
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub's config loader provides get_config

HERE = Path(__file__).resolve().parent

# Where students open the hub. Put HTTPS in front (or set ssl_cert/ssl_key) before using it beyond one room.
c.JupyterHub.bind_url = "http://:8000"  # school: your address

# Who may sign in. The default (PAM) lets every account of this machine in; limit it to the class:
c.Authenticator.allowed_users = set()  # school: {"alice", "bob", ...}; empty with PAM means any system user
c.Authenticator.admin_users = set()  # school: {"teacher"}

# Each student's server: JupyterLab first, their home folder as the root, and the acrlab set-up (notebooks
# placed on first start, the proxy entry for the app) from jupyter_server_config.py beside this file.
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
SERVER_CONFIG = HERE / "jupyter_server_config.py"
if SERVER_CONFIG.exists():  # else it was installed in the users' environment (etc/jupyter/), see README.md
    c.Spawner.args = [f"--config={SERVER_CONFIG}"]
# acrlab's app takes about 128 MB per student (benchmarks/serve_capacity.py), its server ~45 MB, the Jupyter
# server ~80 MB and a notebook kernel ~100 MB each: 512 MB is enough for one app and two kernels. These limits
# are enforced by the container and systemd spawners (TLJH, DockerSpawner, KubeSpawner), not by the default one.
c.Spawner.mem_guarantee = "256M"
c.Spawner.mem_limit = "768M"
c.Spawner.cpu_limit = 1.0
# An app left open costs little (under 1% of a core), but stop servers nobody has used for an hour.
c.Spawner.http_timeout = 60
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
