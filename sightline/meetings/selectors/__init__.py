"""Reads of meetings and actions, each scoped to who is asking (see each module)."""

from sightline.meetings.selectors.actions import action_escalated_list as action_escalated_list
from sightline.meetings.selectors.actions import action_get as action_get
from sightline.meetings.selectors.actions import action_list_for_owner as action_list_for_owner
from sightline.meetings.selectors.actions import action_overdue_list as action_overdue_list
from sightline.meetings.selectors.actions import evidence_event_list as evidence_event_list
from sightline.meetings.selectors.actions import local_today as local_today
from sightline.meetings.selectors.actions import may_own as may_own
from sightline.meetings.selectors.actions import owner_group_list as owner_group_list
from sightline.meetings.selectors.children import household_child_list as household_child_list
from sightline.meetings.selectors.children import may_record_about as may_record_about
from sightline.meetings.selectors.children import (
    recording_option_list as recording_option_list,
)
from sightline.meetings.selectors.meetings import child_meetings_get as child_meetings_get
from sightline.meetings.selectors.meetings import meeting_get as meeting_get
