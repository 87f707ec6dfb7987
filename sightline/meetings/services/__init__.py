"""Every write of the meetings app: recording and opening meetings, setting, completing and
cancelling actions, and escalating overdue ones."""

from sightline.meetings.services.actions import action_cancel as action_cancel
from sightline.meetings.services.actions import action_complete as action_complete
from sightline.meetings.services.actions import action_set as action_set
from sightline.meetings.services.escalating import (
    actions_escalate_overdue as actions_escalate_overdue,
)
from sightline.meetings.services.meetings import child_meetings_open as child_meetings_open
from sightline.meetings.services.meetings import meeting_open as meeting_open
from sightline.meetings.services.meetings import meeting_record as meeting_record
