from dataclasses import dataclass

import pytest
from django.db import transaction

from sightline.core import clock
from sightline.core.messages import DomainMessage, publish, subscribe, subscribers


@dataclass(frozen=True)
class Pinged(DomainMessage):
    number: int


received: list[int] = []


def _on_ping(message: Pinged) -> None:
    received.append(message.number)


subscribe(Pinged, _on_ping)


@pytest.fixture(autouse=True)
def _clear():
    received.clear()


def test_the_clock_is_timezone_aware_utc():
    offset = clock.now().utcoffset()
    assert offset is not None and offset.total_seconds() == 0


def test_subscribers_run_after_the_transaction_commits(django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=True):
        publish(Pinged(1))
        assert received == []
    assert received == [1]


@pytest.mark.django_db(transaction=True)
def test_subscribers_never_run_for_a_rolled_back_write():
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(Pinged(2))
        raise RuntimeError("the write failed")
    assert received == []


@dataclass(frozen=True)
class Counted(DomainMessage):
    number: int


def _count_in_transaction(message: Counted) -> None:
    received.append(message.number)
    if message.number < 0:
        raise ValueError("cannot count a negative number")


subscribe(Counted, _count_in_transaction, in_transaction=True)


@pytest.mark.django_db(transaction=True)
def test_an_in_transaction_subscriber_runs_at_once_and_is_undone_with_the_write():
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(Counted(3))
        assert received == [3]
        raise RuntimeError("the write failed")
    with transaction.atomic():
        publish(Counted(4))
    assert received == [3, 4]


def test_an_in_transaction_subscriber_that_fails_fails_the_publisher(db):
    with pytest.raises(ValueError, match="negative"):
        publish(Counted(-1))


def test_the_wiring_table_lists_each_subscription_once():
    subscribe(Pinged, _on_ping)
    assert subscribers()[Pinged] == [_on_ping]
