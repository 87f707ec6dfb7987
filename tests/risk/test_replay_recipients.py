"""Whom a signal reaches (risk.recipients): the choice replay and live routing share."""

from sightline.notifications import rules as notification_rules
from sightline.risk.recipients import Allocation, Basis, FrontDoor, addressees

CSC = FrontDoor("csc", "Eastbridge Children's Social Care")


def test_an_allocated_child_reaches_the_worker_then_their_manager():
    found = addressees([Allocation("csc", "Eastbridge CSC", "s.okafor", "Sam Okafor")], CSC)
    assert [(a.basis, a.description, a.agency, a.worker) for a in found] == [
        (
            Basis.ALLOCATED_WORKER,
            "Sam Okafor (allocated worker, Eastbridge CSC)",
            "csc",
            "s.okafor",
        ),
        (Basis.ALLOCATING_MANAGER, "manager of Eastbridge CSC", "csc", ""),
    ]


def test_two_workers_of_one_service_share_one_manager():
    found = addressees(
        [
            Allocation("csc", "Eastbridge CSC", worker_name="Sam Okafor"),
            Allocation("csc", "Eastbridge CSC", worker="r.hale"),
            Allocation("early-help", "Early Help"),
        ],
        CSC,
    )
    assert [a.description for a in found] == [
        "Sam Okafor (allocated worker, Eastbridge CSC)",
        "r.hale (allocated worker, Eastbridge CSC)",
        "the allocated worker (allocated worker, Early Help)",
        "manager of Eastbridge CSC",
        "manager of Early Help",
    ]


def test_a_child_nobody_holds_reaches_the_front_door_and_its_manager():
    assert [(a.basis, a.description, a.agency) for a in addressees([], CSC)] == [
        (Basis.FRONT_DOOR, "MASH / front door of Eastbridge Children's Social Care", "csc"),
        (
            Basis.FRONT_DOOR_MANAGER,
            "manager of the front door of Eastbridge Children's Social Care",
            "csc",
        ),
    ]


def test_without_a_front_door_nobody_is_reached():
    assert addressees([], None) == []


def test_every_basis_is_one_notifications_can_explain():
    """Live routing passes the basis on to the notification, which tells its recipient why."""
    assert {b.value for b in Basis} <= {b.value for b in notification_rules.Basis}
