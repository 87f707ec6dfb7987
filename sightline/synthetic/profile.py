"""The population profile: every rate the generator uses, read from a TOML file.

Each rate is looked up by its dotted path ("recording.nickname_rate"), so a missing or mistyped
rate fails loudly with its name rather than silently defaulting.
"""

import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_PROFILE = Path(__file__).with_name("profile.toml")


class ProfileError(ValueError):
    """The profile file is missing a value or holds one of the wrong kind."""


@dataclass(frozen=True)
class Profile:
    data: dict[str, Any]
    digest: str  # sha256 of the file's bytes, recorded in the ground truth
    # Looked-up values by (accessor, path): a rate is read hundreds of thousands of times.
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    def _get(self, path: str) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ProfileError(f"profile has no value {path!r}")
            node = node[part]
        return node

    def rate(self, path: str) -> float:
        key = ("rate", path)
        if key in self._cache:
            return float(self._cache[key])
        value = self._cache[key] = self._rate(path)
        return value

    def _rate(self, path: str) -> float:
        value = self.number(path)
        if not 0 <= value <= 1:
            raise ProfileError(f"profile rate {path!r} must be between 0 and 1, not {value}")
        return value

    def number(self, path: str) -> float:
        key = ("number", path)
        if key not in self._cache:
            self._cache[key] = self._number(path)
        return float(self._cache[key])

    def _number(self, path: str) -> float:
        value = self._get(path)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(f"profile value {path!r} must be a number")
        return float(value)

    def text(self, path: str) -> str:
        value = self._get(path)
        if not isinstance(value, str):
            raise ProfileError(f"profile value {path!r} must be text")
        return value

    def day(self, path: str) -> date:
        try:
            return date.fromisoformat(self.text(path))
        except ValueError:
            raise ProfileError(f"profile value {path!r} must be a date (YYYY-MM-DD)") from None

    def table(self, path: str) -> dict[str, float]:
        """A table of numbers, e.g. a rate per agency kind (callers treat a missing key as 0)."""
        key = ("table", path)
        if key not in self._cache:
            self._cache[key] = self._table(path)
        table: dict[str, float] = self._cache[key]
        return table

    def _table(self, path: str) -> dict[str, float]:
        value = self._get(path)
        if not isinstance(value, dict):
            raise ProfileError(f"profile value {path!r} must be a table")
        for key in value:
            self.number(f"{path}.{key}")
        return {str(key): float(number) for key, number in value.items()}

    def weights(self, path: str) -> tuple[list[str], list[float]]:
        """Choices and their weights, in file order, for random.choices."""
        table = self.table(path)
        if not table or sum(table.values()) <= 0:
            raise ProfileError(f"profile weights {path!r} must have a positive total")
        return list(table), list(table.values())

    def with_value(self, path: str, value: float) -> "Profile":
        """A copy with one value replaced (command-line overrides such as --harm-share)."""
        self._get(path)
        data = _deep_copy(self.data)
        node = data
        *parents, last = path.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
        digest = hashlib.sha256(f"{self.digest}|{path}={value!r}".encode()).hexdigest()
        changed = Profile(data=data, digest=digest)
        changed.rate(path) if path.endswith(("rate", "share")) else changed.number(path)
        return changed


def _deep_copy(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _deep_copy(v) if isinstance(v, dict) else v for k, v in data.items()}


def profile_load(path: Path | None = None) -> Profile:
    raw = (path or DEFAULT_PROFILE).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: not a valid TOML profile ({error})") from None
    return Profile(data=data, digest=hashlib.sha256(raw).hexdigest())
