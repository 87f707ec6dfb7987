"""Reads of assessments, of what a closure with no further action must face, and of a manager's
oversight board."""

from sightline.assessments.selectors.assessments import assessment_as_seen as assessment_as_seen
from sightline.assessments.selectors.assessments import assessment_get as assessment_get
from sightline.assessments.selectors.assessments import assessment_row as assessment_row
from sightline.assessments.selectors.assessments import assessment_status as assessment_status
from sightline.assessments.selectors.assessments import latest_map as latest_map
from sightline.assessments.selectors.closures import closure_circle_ids as closure_circle_ids
from sightline.assessments.selectors.closures import closure_obligations as closure_obligations
from sightline.assessments.selectors.closures import earlier_closure_on as earlier_closure_on
from sightline.assessments.selectors.lists import (
    assessment_list_for_child as assessment_list_for_child,
)
from sightline.assessments.selectors.lists import assessment_list_mine as assessment_list_mine
from sightline.assessments.selectors.lists import (
    assessment_unfinished_list as assessment_unfinished_list,
)
from sightline.assessments.selectors.oversight import oversight_board as oversight_board
from sightline.assessments.selectors.oversight import seen_within_days as seen_within_days
from sightline.assessments.selectors.oversight import unseen_child_list as unseen_child_list
from sightline.assessments.selectors.starting import (
    assessment_start_offered as assessment_start_offered,
)
