"""The JupyterHub deployment (deploy/jupyterhub/), checked as far as it can be offline without a hub: the hub's
config loads and points each student's server at the acrlab server config; the jupyter-server-proxy entry point
is registered and valid; and a student's Jupyter server under a hub-style prefix (/user/alice/) starts
`acrlab serve` on the port the proxy gives it with that prefix, serves a page whose websocket URL is relative,
runs the app through the proxy, puts the notebooks in the student's home, and refuses anyone who bypasses the
proxy on the loopback port."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import aiohttp
import pytest

from acrlab.tui import serve_proxy

from .cdp import free_port, wait_for_port
from .serve_client import Session, stop_server

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"


def load_config(path: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(path.name, str(path.parent)).load_config()


def test_hub_config_loads_and_gives_students_lab_and_the_acrlab_server_config():
    c = load_config(DEPLOY / "jupyterhub_config.py")
    assert c.Spawner.default_url == "/lab"
    config_arg = next(a for a in c.Spawner.args if a.startswith("--config="))
    assert Path(config_arg.split("=", 1)[1]) == DEPLOY / "jupyter_server_config.py"
    assert c.Spawner.mem_limit and c.JupyterHub.services[0]["name"] == "idle-culler"
    assert "delete:servers" in c.JupyterHub.load_roles[0]["scopes"]


# Anything that imports jupyter-server-proxy runs in a process of its own, as Jupyter Server loads it: the test
# process's imports (and its sys.path) cannot hide a missing dependency of the entry point.
needs_proxy = pytest.mark.skipif(importlib.util.find_spec("jupyter_server_proxy") is None,
                                 reason="jupyter-server-proxy is not installed (pip install 'acrlab[hub]')")

VALIDATE = """
import json, sys
from pathlib import Path
from jupyter_server_proxy.config import ServerProcess
from acrlab.tui.serve_proxy import setup_acrlab
process = ServerProcess(name="acrlab", **setup_acrlab())
print(json.dumps([process.absolute_url, Path(process.launcher_entry.icon_path).exists(), process.timeout]))
"""


@needs_proxy
def test_proxy_entry_point_is_registered_and_valid():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = project["project"]["entry-points"]["jupyter_serverproxy_servers"]["acrlab"]
    assert target == "acrlab.tui.serve_proxy:setup_acrlab"
    built = subprocess.run([sys.executable, "-c", VALIDATE], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert built.returncode == 0, built.stderr  # jupyter-server-proxy builds its ServerProcess from it
    assert json.loads(built.stdout) == [False, True, 60]
    settings = serve_proxy.setup_acrlab()
    assert settings["command"][-8:] == ["--port", "{port}", "--base-url", "{base_url}acrlab/", "--learners",
                                        "single", "--max-sessions", "1"]
    token = settings["environment"]["ACRLAB_SERVE_TOKEN"]
    assert settings["request_headers_override"] == {"X-Acrlab-Token": token} and len(token) >= 24
    assert serve_proxy.setup_acrlab()["environment"]["ACRLAB_SERVE_TOKEN"] != token  # fresh per server


def serve_processes(parent: int) -> list[list[str]]:
    """The `acrlab serve` processes the process `parent` started."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().decode().split("\0")
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, UnicodeDecodeError, ValueError, IndexError):
            continue
        if argv[1:4] == ["-m", "acrlab", "serve"] and ppid == parent:
            found.append(argv)
    return found


async def through_the_proxy(base: str, token: str, jupyter: int) -> list[str]:
    auth = {"Authorization": f"token {token}"}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/user/alice/acrlab/", headers=auth) as page:  # starts acrlab serve
            text = await page.text()
            assert page.status == 200, text[:500]
        assert 'data-session-websocket-url="ws"' in text and 'href="static/' in text
        async with http.get(f"{base}/user/alice/acrlab/static/js/textual.js", headers=auth) as js:
            assert js.status == 200
        ws = await http.ws_connect(f"{base}/user/alice/acrlab/ws?width=100&height=30", max_msg_size=0,
                                   headers={**auth, "Origin": base})
        session = Session(ws, "alice")
        await session.until("Home", 90)
        await ws.close()
    [argv] = serve_processes(jupyter)
    return argv


@needs_proxy
def test_a_students_jupyter_server_runs_acrlab_behind_the_proxy(tmp_path):
    port, token = free_port(), "hub-token-for-alice"
    home = tmp_path / "alice"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), ACRLAB_HOME=str(home / ".acrlab"), JUPYTER_CONFIG_DIR=str(home / ".jc"),
               JUPYTER_DATA_DIR=str(home / ".jd"), JUPYTER_RUNTIME_DIR=str(home / ".jr"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--config={DEPLOY / 'jupyter_server_config.py'}", "--no-browser",
         f"--port={port}", "--ip=127.0.0.1", "--ServerApp.base_url=/user/alice/", f"--ServerApp.root_dir={home}",
         f"--IdentityProvider.token={token}", "--allow-root"], env=env, cwd=home, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for_port(port, 60), "the Jupyter server did not listen"
        argv = asyncio.run(asyncio.wait_for(through_the_proxy(f"http://127.0.0.1:{port}", token, server.pid), 150))
        # launched on the proxy's port, with the student's prefix, as one learner
        app_port = int(argv[argv.index("--port") + 1])
        assert argv[argv.index("--base-url") + 1] == "/user/alice/acrlab/"
        assert argv[argv.index("--learners") + 1] == "single"
        assert sorted(p.name for p in (home / "acrlab-notebooks").glob("*.ipynb"))  # notebooks beside it
        # another user of the machine going straight to the loopback port is refused
        import urllib.error
        import urllib.request

        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{app_port}/", timeout=30)
        assert refused.value.code == 401
    finally:
        stop_server(server)
