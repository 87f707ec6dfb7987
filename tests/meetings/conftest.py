from tests.meetings.fixtures import case
from tests.notifications.fixtures import town

__all__ = ["case", "town"]
