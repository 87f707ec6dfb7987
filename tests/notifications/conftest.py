from tests.notifications.fixtures import town

__all__ = ["town"]
