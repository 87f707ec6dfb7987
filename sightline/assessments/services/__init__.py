"""Every write of the assessments app: starting, saving and submitting an assessment, a manager's
sign-off or return, a senior manager's review; and the audited opening of one."""

from sightline.assessments.services.deciding import assessment_return as assessment_return
from sightline.assessments.services.deciding import assessment_review as assessment_review
from sightline.assessments.services.deciding import assessment_sign_off as assessment_sign_off
from sightline.assessments.services.drafting import assessment_save as assessment_save
from sightline.assessments.services.drafting import assessment_submit as assessment_submit
from sightline.assessments.services.opening import (
    assessment_draft_open as assessment_draft_open,
)
from sightline.assessments.services.opening import assessment_list_open as assessment_list_open
from sightline.assessments.services.opening import assessment_open as assessment_open
from sightline.assessments.services.starting import assessment_start as assessment_start
from sightline.assessments.services.starting import (
    assessment_start_check as assessment_start_check,
)
