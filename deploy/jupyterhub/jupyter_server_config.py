"""Each student's Jupyter server (started by JupyterHub with --config=this file, or copied to
{sys.prefix}/etc/jupyter/jupyter_server_config.py): the acrlab notebooks in ~/acrlab-notebooks on first start,
and the acrlab app behind jupyter-server-proxy at <base_url>acrlab/ (its entry point does this when acrlab is
installed with pip; this file adds it when the entry point is not registered, e.g. a source checkout)."""

from importlib.metadata import entry_points

from acrlab.tui.serve_proxy import NAME, place_notebooks, setup_acrlab

c = get_config()  # noqa: F821 - Jupyter's config loader provides get_config

place_notebooks()

if not any(ep.name == NAME for ep in entry_points(group="jupyter_serverproxy_servers")):
    c.ServerProxy.servers = {NAME: setup_acrlab()}
