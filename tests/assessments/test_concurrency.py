"""Two managers sign off closures with no further action for the same household at the same
moment: the second waits for the first to commit, sees it, and so waits for a senior review.

Each sign-off runs in its own thread, on its own database connection. A pause is put between
working out whether there was an earlier closure and writing the decision, the window in which
two sign-offs that did not take turns would each miss the other.
"""

import threading
import time
from typing import Any

import pytest
from django.db import connection, connections

from sightline.assessments.data import Status
from sightline.assessments.selectors import assessment_status, closures
from sightline.assessments.services import assessment_sign_off, deciding
from sightline.households.services import households_derive
from tests.assessments.factories import submitted

PAUSE_SECONDS = 1.5


def _sign_off(manager, assessment_id, failures: list[BaseException]) -> None:
    try:
        assessment_sign_off(actor=manager, assessment_id=assessment_id)
    except BaseException as failure:  # noqa: BLE001 - reported by the test, not lost in a thread
        failures.append(failure)
    finally:
        connections.close_all()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_sign_offs_for_one_household_at_once_take_turns(family, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time already (transactions begin IMMEDIATE)")
    households_derive(actor=None)
    child = submitted(family, outcome="no_further_action")
    brother = submitted(family, child=family.sibling, outcome="no_further_action")
    found = closures.earlier_closure_on

    def slowly(**kwargs: Any):
        earlier = found(**kwargs)
        time.sleep(PAUSE_SECONDS)
        return earlier

    monkeypatch.setattr(deciding, "earlier_closure_on", slowly)
    failures: list[BaseException] = []
    threads = [
        threading.Thread(target=_sign_off, args=(family.manager, child.id, failures)),
        threading.Thread(target=_sign_off, args=(family.second_manager, brother.id, failures)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures, failures
    statuses = sorted(assessment_status(assessment_id=a.id) for a in (child, brother))
    assert statuses == sorted([Status.COMPLETED, Status.AWAITING_REVIEW])
