from django.urls import path, register_converter

from sightline.records.schema.catalogue import EventKind
from sightline.web.views import (
    actions,
    assessments,
    chronology,
    events,
    home,
    households,
    joined,
    links,
    meetings,
    notifications,
    oversight,
    pages,
    persons,
    signals,
)


class EventKindConverter:
    """Only the 23 event kinds match, so any other kind in a URL is a 404."""

    regex = "|".join(kind.value for kind in EventKind)

    def to_python(self, value: str) -> EventKind:
        return EventKind(value)

    def to_url(self, value: EventKind | str) -> str:
        return EventKind(value).value


register_converter(EventKindConverter, "event_kind")

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", home.sign_in, name="sign-in"),
    path("sign-out/", home.sign_out, name="sign-out"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("people/", persons.person_find, name="person-find"),
    path("people/new/", persons.person_create, name="person-create"),
    path("people/<uuid:person_id>/", persons.person_detail, name="person-detail"),
    path(
        "people/<uuid:person_id>/household/",
        households.person_household,
        name="person-household",
    ),
    path(
        "people/<uuid:person_id>/chronology/",
        chronology.child_chronology,
        name="child-chronology",
    ),
    path(
        "people/<uuid:person_id>/chronology/purpose/",
        chronology.chronology_purpose,
        name="chronology-purpose",
    ),
    path("people/<uuid:person_id>/break-glass/", chronology.break_glass, name="break-glass"),
    path("people/<uuid:person_id>/sharing/", chronology.sharing_record, name="sharing-record"),
    path("break-glass/", chronology.break_glass_review, name="break-glass-review"),
    path("signals/<uuid:signal_id>/", signals.signal_detail, name="signal-detail"),
    path("people/<uuid:person_id>/unlink/", joined.person_unlink, name="person-unlink"),
    path("people/<uuid:person_id>/split/", joined.person_split, name="person-split"),
    path("people/<uuid:person_id>/events/new/", events.event_choose, name="event-choose"),
    path(
        "people/<uuid:person_id>/events/new/<event_kind:kind>/",
        events.event_create,
        name="event-create",
    ),
    path("events/<uuid:event_id>/", events.event_detail, name="event-detail"),
    path(
        "events/<uuid:event_id>/versions/<int:number>/",
        events.event_version,
        name="event-version",
    ),
    path("events/<uuid:event_id>/amend/", events.event_amend, name="event-amend"),
    path("links/", links.link_queue, name="link-queue"),
    path("links/<uuid:evidence_id>/", links.link_pair, name="link-pair"),
    # Notifications: the practitioner's inbox and a manager's overdue board.
    path("inbox/", notifications.inbox, name="inbox"),
    path(
        "inbox/<uuid:notification_id>/acknowledge/",
        notifications.notification_acknowledge,
        name="notification-acknowledge",
    ),
    path(
        "notifications/overdue/", notifications.notifications_overdue, name="notifications-overdue"
    ),
    # Meetings about a child, and the actions they set: a practitioner's own, a manager's
    # overdue ones.
    path("people/<uuid:person_id>/meetings/", meetings.child_meetings, name="child-meetings"),
    path("people/<uuid:person_id>/meetings/new/", meetings.meeting_choose, name="meeting-choose"),
    path(
        "people/<uuid:person_id>/meetings/new/<slug:kind>/",
        meetings.meeting_record,
        name="meeting-record",
    ),
    path("people/<uuid:person_id>/actions/new/", actions.child_action_add, name="child-action-add"),
    path("meetings/<uuid:meeting_id>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<uuid:meeting_id>/actions/new/", actions.action_add, name="action-add"),
    path("actions/", actions.my_actions, name="my-actions"),
    path("actions/overdue/", actions.actions_overdue, name="actions-overdue"),
    path("actions/<uuid:action_id>/complete/", actions.action_complete, name="action-complete"),
    path("actions/<uuid:action_id>/cancel/", actions.action_cancel, name="action-cancel"),
    # Assessments, from a child's record to a manager's sign-off, and the oversight board.
    path(
        "people/<uuid:person_id>/assessments/new/",
        assessments.assessment_start,
        name="assessment-start",
    ),
    path(
        "people/<uuid:person_id>/assessments/",
        assessments.child_assessments,
        name="child-assessments",
    ),
    path("assessments/", assessments.my_assessments, name="my-assessments"),
    path(
        "assessments/<uuid:assessment_id>/", assessments.assessment_detail, name="assessment-detail"
    ),
    path(
        "assessments/<uuid:assessment_id>/edit/",
        assessments.assessment_edit,
        name="assessment-edit",
    ),
    path(
        "assessments/<uuid:assessment_id>/sign-off/",
        assessments.assessment_sign_off,
        name="assessment-sign-off",
    ),
    path(
        "assessments/<uuid:assessment_id>/review/",
        assessments.assessment_review,
        name="assessment-review",
    ),
    path("oversight/", oversight.oversight, name="oversight"),
]
