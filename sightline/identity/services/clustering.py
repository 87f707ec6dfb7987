"""Union-find over recorded persons that never joins two groups a practitioner kept apart. Pure.

Links join groups transitively (A~B and B~C make one person of A, B and C), so a rejected
pair must be checked against whole groups, not only against the pair being linked: otherwise
two automatic links would quietly undo a human "these are different people".
"""

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Clusters(Generic[K]):
    def __init__(
        self, groups: Iterable[Iterable[K]] = (), apart: Iterable[tuple[K, K]] = ()
    ) -> None:
        self._parent: dict[K, K] = {}
        self._members: dict[K, set[K]] = {}
        self._apart: dict[K, set[K]] = {}
        for group in groups:
            first: K | None = None
            for key in group:
                self.add(key)
                if first is None:
                    first = key
                else:
                    self._union(self._root(first), self._root(key))
        for left, right in apart:
            self.keep_apart(left, right)

    def add(self, key: K) -> None:
        if key not in self._parent:
            self._parent[key] = key
            self._members[key] = {key}

    def keep_apart(self, left: K, right: K) -> None:
        self.add(left)
        self.add(right)
        self._apart.setdefault(left, set()).add(right)
        self._apart.setdefault(right, set()).add(left)

    def _root(self, key: K) -> K:
        parent = self._parent
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:  # path compression
            parent[key], key = root, parent[key]
        return root

    def together(self, left: K, right: K) -> bool:
        self.add(left)
        self.add(right)
        return self._root(left) == self._root(right)

    def apart_pairs(self, left: K, right: K) -> list[tuple[K, K]]:
        """Every kept-apart pair with one record in each one's group (none if already one)."""
        a, b = self._root(left), self._root(right)
        if a == b:
            return []
        small, other = sorted((a, b), key=lambda root: len(self._members[root]))
        return [
            (member, partner)
            for member in self._members[small]
            for partner in self._apart.get(member, ())
            if partner in self._members[other]
        ]

    def join(self, left: K, right: K) -> bool:
        """Put both groups together, unless a kept-apart pair spans them. True when they are
        together afterwards."""
        self.add(left)
        self.add(right)
        a, b = self._root(left), self._root(right)
        if a == b:
            return True
        if self.apart_pairs(left, right):
            return False
        self._union(a, b)
        return True

    def _union(self, a: K, b: K) -> None:
        if a == b:
            return
        if len(self._members[a]) < len(self._members[b]):
            a, b = b, a
        self._parent[b] = a
        self._members[a] |= self._members.pop(b)

    def group_of(self, key: K) -> frozenset[K]:
        self.add(key)
        return frozenset(self._members[self._root(key)])

    def groups(self) -> list[frozenset[K]]:
        return [frozenset(members) for members in self._members.values()]
