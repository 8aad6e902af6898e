"""The resource explorer: a lazily expanded Tree of the simulated tenant (data comes from a loader)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ..tenant import Node

Loader = Callable[[tuple | None], list[Node]]
"""`loader(None)` gives the roots; `loader(key)` the children of a node."""


class ResourceExplorer(Tree[Node]):
    """Expands nodes on demand, so 1,000 repositories cost nothing until opened."""

    class Selected(Message):
        def __init__(self, node: Node) -> None:
            super().__init__()
            self.node = node

    def __init__(self, loader: Loader, **kw) -> None:
        super().__init__("Tenant", **kw)
        self.loader = loader
        self.show_root = False
        self._expanded: set[tuple] = set()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Rebuild from the loader, keeping the nodes the learner had open."""
        self.clear()
        for node in self.loader(None):
            self._add(self.root, node)
        self.root.expand()

    def _add(self, parent: TreeNode[Node], node: Node) -> None:
        if node.expandable:
            child = parent.add(Text(node.label), data=node, allow_expand=True)
            if node.key in self._expanded or node.key == ("sub",):
                self._fill(child)
                child.expand()
        else:
            parent.add_leaf(Text(node.label), data=node)

    def _fill(self, tn: TreeNode[Node]) -> None:
        tn.remove_children()
        for node in self.loader(tn.data.key):
            self._add(tn, node)

    @on(Tree.NodeExpanded)
    def _expanded_node(self, event: Tree.NodeExpanded[Node]) -> None:
        event.stop()
        tn = event.node
        if tn.data is None:
            return
        self._expanded.add(tn.data.key)
        if not tn.children:
            self._fill(tn)

    @on(Tree.NodeCollapsed)
    def _collapsed_node(self, event: Tree.NodeCollapsed[Node]) -> None:
        event.stop()
        if event.node.data is not None:
            self._expanded.discard(event.node.data.key)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Selected(event.node.data))
