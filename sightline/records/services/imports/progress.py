"""How an import reports its progress without printing anything itself.

The service announces each stage and how far it has got; an interface decides how to show it
(the command line draws a progress bar on stderr; tests and the demo pass nothing).
"""

from typing import Protocol


class ImportProgress(Protocol):
    def begin(self, stage: str, total: int) -> None:
        """A stage starts: `total` rows or records will be worked through."""

    def advance(self, count: int) -> None:
        """`count` more rows or records of the current stage are done."""

    def end(self) -> None:
        """The current stage is finished."""


class SilentProgress:
    """The progress of an import nobody is watching."""

    def begin(self, stage: str, total: int) -> None:
        return None

    def advance(self, count: int) -> None:
        return None

    def end(self) -> None:
        return None
