"""The Docker daemon's local image store: images by id, with an index of their names and shared layers.

A CI host that builds all year keeps every dangling image (as Docker does until `docker image prune`), so
lookups by name and layer-sharing questions are answered from indexes, never by scanning every image.
Images' `repo_tags` and `repo_digests` are changed only through this store, which keeps the indexes true.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a terminal without images never imports the image model
    from ..engine.artifacts import ImageContent


@dataclass
class LocalImage:
    content: ImageContent
    repo_tags: list[str] = field(default_factory=list)
    repo_digests: list[str] = field(default_factory=list)
    created: object = None

    @property
    def image_id(self) -> str:
        return self.content.config_digest


class LocalImageStore:
    """Images by id (insertion order, as `docker images` lists them), names -> id, layer digest -> image count."""

    def __init__(self) -> None:
        self._by_id: dict[str, LocalImage] = {}
        self._names: dict[str, str] = {}
        self._layers: Counter[str] = Counter()

    # -- reading ----------------------------------------------------------------------------------------------
    def get(self, image_id: str) -> LocalImage | None:
        return self._by_id.get(image_id)

    def __contains__(self, image_id: object) -> bool:
        return image_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def values(self) -> list[LocalImage]:
        return list(self._by_id.values())

    def by_name(self, name: str) -> LocalImage | None:
        """The image a `repo:tag` or `repo@digest` names."""
        image_id = self._names.get(name)
        return None if image_id is None else self._by_id[image_id]

    def names_with_prefix(self, prefix: str) -> list[str]:
        return sorted(n for n in self._names if n.startswith(prefix) and "@" not in n[len(prefix):])

    def layer_shared(self, digest: str, besides: LocalImage) -> bool:
        """Whether an image other than `besides` has this layer."""
        own = sum(1 for layer in besides.content.layers if layer.digest == digest) if besides.image_id in self else 0
        return self._layers[digest] > own

    # -- changing ---------------------------------------------------------------------------------------------
    def add(self, content: ImageContent, created: object) -> tuple[LocalImage, bool]:
        """The image with this config, created if new; returns (image, is_new)."""
        img = self._by_id.get(content.config_digest)
        if img is not None:
            return img, False
        img = self._by_id[content.config_digest] = LocalImage(content=content, created=created)
        self._layers.update([layer.digest for layer in content.layers])
        return img, True

    def tag(self, img: LocalImage, name: str) -> None:
        """Point `repo:tag` at `img`, taking it from whichever image had it (that one may become dangling)."""
        previous = self._names.get(name)
        if previous == img.image_id:
            return
        if previous is not None:
            self._by_id[previous].repo_tags.remove(name)
        self._names[name] = img.image_id
        img.repo_tags.append(name)

    def untag(self, img: LocalImage, name: str) -> None:
        if name in img.repo_tags:
            img.repo_tags.remove(name)
            del self._names[name]

    def add_digest(self, img: LocalImage, reference: str) -> None:
        """Record `repo@sha256:...` for `img` (after a pull or a push)."""
        if reference in img.repo_digests:
            return
        previous = self._names.get(reference)
        if previous is not None and previous != img.image_id:
            self._by_id[previous].repo_digests.remove(reference)
        self._names[reference] = img.image_id
        img.repo_digests.append(reference)

    def remove(self, img: LocalImage) -> None:
        for name in img.repo_tags + img.repo_digests:
            self._names.pop(name, None)
        self._layers.subtract(layer.digest for layer in img.content.layers)
        for layer in img.content.layers:
            if self._layers[layer.digest] <= 0:
                del self._layers[layer.digest]
        del self._by_id[img.image_id]
