"""The dependency report an ACR Tasks run ends with: "The following dependencies were found:".

For each image a build step tagged: the image (registry, repository, tag, digest), its runtime dependency (the
base image of the final stage), any build-time dependencies (other stages' base images) and the Git commit the
context came from. Docker Hub images are reported under registry.hub.docker.com; a multi-arch base is reported by
its index digest, as the registry serves it. Shape: MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-tutorial-quick-task.md and container-registry-tutorial-build-task.md
(run output).
"""

from __future__ import annotations

from . import catalog


def _split(ref: str) -> tuple[str, str, str]:
    registry, repo, tag = catalog.normalize_reference(ref)
    return ("registry.hub.docker.com" if registry == "docker.io" else registry), repo, tag


def _block(ref: str, digest: str, indent: str) -> list[str]:
    registry, repo, tag = _split(ref)
    lines = [f"{indent}registry: {registry}", f"{indent}repository: {repo}"]
    if not tag.startswith("sha256:"):
        lines.append(f"{indent}tag: {tag}")
    return lines + [f"{indent}digest: {digest}"]


def render(deps: list[dict], base_digest, commit: str = "") -> list[str]:
    """The report's lines. `base_digest(ref)` gives the digest a base image reference resolved to."""
    if not deps:
        return []
    out = ["The following dependencies were found:"]
    for dep in deps:
        out += ["- image:", *_block(dep["image"], dep["digest"], "    ")]
        if dep.get("runtime"):
            out += ["  runtime-dependency:", *_block(dep["runtime"], base_digest(dep["runtime"]), "    ")]
        if dep.get("buildtime"):
            out.append("  buildtime-dependency:")
            for ref in dep["buildtime"]:
                block = _block(ref, base_digest(ref), "    ")
                out += ["  - " + block[0].strip(), *block[1:]]
        out += ["  git:", f"    git-head-revision: {commit}"] if commit else ["  git: {}"]
    return out
