from tests.risk.factories import child as child  # noqa: F401 (a fixture)
