"""Union-find over string keys, for replay's linking and households: each group is named by its
smallest key, so the name does not depend on the order things were joined in. Pure Python."""


class KeyGroups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        """The name of the key's group (a key never joined is a group of its own)."""
        parent = self.parent
        top = parent.setdefault(key, key)
        while parent[top] != top:
            top = parent[top]
        while parent[key] != top:  # shorten the path for the next look
            parent[key], key = top, parent[key]
        return top

    def roots(self, keys: list[str]) -> list[str]:
        """root() of each key, in one call: linking asks for a whole block's at a time."""
        parent = self.parent
        found = []
        for key in keys:
            top = parent.get(key, key)
            if parent.get(top, top) != top:  # not a root or its child: the long way
                top = self.root(key)
            found.append(top)
        return found

    def join(self, a: str, b: str) -> None:
        first, second = sorted((self.root(a), self.root(b)))
        if first != second:
            self.parent[second] = first
