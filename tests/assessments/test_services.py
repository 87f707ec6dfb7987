"""Starting, drafting, submitting, signing off and returning an assessment, through the services."""

from dataclasses import replace

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import AssessmentContent, CodedAnswer, Status
from sightline.assessments.models import Assessment, AssessmentVersion, Decision, Effect
from sightline.assessments.selectors import assessment_get, assessment_status
from sightline.assessments.services import (
    assessment_draft_open,
    assessment_return,
    assessment_save,
    assessment_sign_off,
    assessment_start,
    assessment_start_check,
    assessment_submit,
)
from sightline.audit.models import AuditEntry
from sightline.chronology.data import PurposeRequired
from sightline.chronology.services import chronology_open
from sightline.core.exceptions import Conflict, InvalidInput, InvalidTransition, NotFound
from sightline.records.selectors import event_get
from sightline.records.services import event_amend
from tests.assessments.factories import (
    complete_content,
    police_incident,
    reviewing,
    school_concern,
    submitted,
    with_purpose,
)
from tests.identity.factories import record_person
from tests.notifications.factories import relate
from tests.records.factories import domestic_abuse_raw


def viewed(viewer, assessment):
    return assessment_get(scope=scope_for_user(user_id=viewer.pk), assessment_id=assessment.id)


def started(family, actor=None, child=None):
    actor = actor or family.worker
    child = child or family.child
    with_purpose(actor, child)
    return assessment_start(
        actor=actor, recorded_person_id=child, assessment_type="single_assessment"
    )


def problem_fields(error: InvalidInput) -> set[str]:
    return {problem.field for problem in error.problems}


# ------------------------------------------------------------------------ starting


def test_starting_lists_every_chronology_entry_the_worker_sees_none_reviewed(family):
    concern = school_concern(family)
    incident = police_incident(family)
    assessment = started(family)

    draft = assessment_draft_open(actor=family.worker, assessment_id=assessment.id)

    assert {entry.event_id for entry in draft.entries} == {concern, incident}
    assert not any(entry.reviewed for entry in draft.entries)
    assert draft.assessment.status == Status.DRAFT
    assert draft.assessment.child_id == family.child  # the assessing agency's own record
    assert AuditEntry.objects.filter(action="assessment.started").count() == 1


def test_starting_from_another_agency_s_record_assesses_the_agency_s_own_record(family):
    assessment = started(family, child=family.school_child)
    assert assessment.child_id == family.child
    assert assessment.agency_id == family.care.id


def test_starting_twice_acts_once(family):
    first = started(family)
    assert started(family).id == first.id
    assert Assessment.objects.count() == 1


def test_starting_needs_the_purpose_stated_first(family):
    with pytest.raises(PurposeRequired):
        assessment_start(
            actor=family.worker, recorded_person_id=family.child, assessment_type="section_47"
        )


def test_a_school_dsl_who_may_open_the_chronology_may_start_only_early_help(family):
    relate(family.dsl, family.school, "school_enrolment", "SCH-1")
    with_purpose(family.dsl, family.school_child)
    for kind in ("single_assessment", "section_47"):
        with pytest.raises(InvalidInput, match="Only children's social care"):
            assessment_start(
                actor=family.dsl, recorded_person_id=family.school_child, assessment_type=kind
            )
    assessment = assessment_start(
        actor=family.dsl, recorded_person_id=family.child, assessment_type="early_help"
    )
    assert (assessment.agency_id, assessment.child_id) == (family.school.id, family.school_child)
    assert Assessment.objects.count() == 1


def test_only_children_s_social_care_may_start_a_section_47_enquiry(family):
    """A worker another agency allocated to the child may start a single assessment, but a
    section 47 enquiry is children's social care's."""
    relate(family.officer, family.police, "worker_allocation", "POL-1", worker="officer")
    with_purpose(family.officer, family.police_child)
    with pytest.raises(InvalidInput, match="section 47") as refused:
        assessment_start(
            actor=family.officer,
            recorded_person_id=family.police_child,
            assessment_type="section_47",
        )
    assert problem_fields(refused.value) == {"assessment_type"}
    offer = assessment_start_check(actor=family.officer, recorded_person_id=family.police_child)
    assert offer.kinds == ("single_assessment", "early_help")
    assert started(family, actor=family.officer, child=family.police_child).agency_id == (
        family.police.id
    )


def test_a_second_worker_starts_their_own_and_is_told_who_else_is_writing_one(family):
    relate(family.worker, family.care, "worker_allocation", "CSC-1", worker="colleague")
    first = started(family)
    with_purpose(family.colleague, family.child)

    offer = assessment_start_check(actor=family.colleague, recorded_person_id=family.child)
    second = started(family, actor=family.colleague)

    assert [(o.id, o.author_name, o.started_on) for o in offer.unfinished_by_others] == [
        (first.id, family.worker.display_name, first.started_on)
    ]
    assert second.id != first.id and second.author_id == family.colleague.pk
    assert started(family, actor=family.colleague).id == second.id  # their own, again
    draft = assessment_draft_open(actor=family.colleague, assessment_id=second.id)
    assert draft.assessment.author_id == family.colleague.pk


def test_someone_without_a_relationship_gets_not_found_as_for_a_missing_child(family):
    with pytest.raises(NotFound):
        assessment_start(
            actor=family.other_manager,
            recorded_person_id=family.child,
            assessment_type="single_assessment",
        )
    assert not Assessment.objects.exists()


def test_a_social_care_colleague_whose_agency_holds_no_record_is_told_to_record_the_child(
    family, make_practitioner
):
    other_worker = make_practitioner(family.other_care, role="practitioner")
    theirs = record_person(family.dsl, family.school, source_reference="SCH-9")
    relate(family.dsl, family.school, "worker_allocation", "SCH-9", worker=other_worker.username)
    with_purpose(other_worker, theirs)
    with pytest.raises(Conflict, match="holds no record of this child"):
        assessment_start(
            actor=other_worker, recorded_person_id=theirs, assessment_type="single_assessment"
        )


# ------------------------------------------------------------------------ drafting


def test_saving_a_draft_writes_a_new_version_and_keeps_the_earlier_one(family):
    assessment = started(family)
    assessment_save(
        actor=family.worker,
        assessment_id=assessment.id,
        content=AssessmentContent(summary="First thoughts", child_seen=CodedAnswer("yes")),
    )
    assessment_save(
        actor=family.worker,
        assessment_id=assessment.id,
        content=AssessmentContent(summary="Second thoughts"),
    )
    versions = AssessmentVersion.objects.filter(assessment=assessment).order_by("number")
    assert [(v.number, v.summary) for v in versions] == [
        (1, ""),
        (2, "First thoughts"),
        (3, "Second thoughts"),
    ]
    view = assessment_get(
        scope=scope_for_user(user_id=family.worker.pk), assessment_id=assessment.id
    )
    assert view.latest.content.summary == "Second thoughts"


def test_a_draft_may_be_incomplete_but_a_no_needs_its_reason(family):
    assessment = started(family)
    with pytest.raises(InvalidInput) as refused:
        assessment_save(
            actor=family.worker,
            assessment_id=assessment.id,
            content=AssessmentContent(child_seen=CodedAnswer("no")),
        )
    assert problem_fields(refused.value) == {"child_seen_reason"}


def test_only_the_author_may_edit_the_draft(family):
    assessment = started(family)
    for other in (family.colleague, family.manager, family.other_manager):
        with pytest.raises(NotFound):
            assessment_save(actor=other, assessment_id=assessment.id, content=AssessmentContent())


def test_submitting_needs_every_question_answered_and_every_entry_reviewed(family):
    school_concern(family)
    assessment = started(family)
    with pytest.raises(InvalidInput) as refused:
        assessment_submit(
            actor=family.worker, assessment_id=assessment.id, content=AssessmentContent()
        )
    assert problem_fields(refused.value) == {
        "summary", "child_seen", "child_seen_alone", "child_voice", "cin_factors", "outcome",
        "reviewed",
    }  # fmt: skip
    assert assessment_status(assessment_id=assessment.id) == Status.DRAFT
    assert AssessmentVersion.objects.filter(assessment=assessment).count() == 1


def test_submitting_keeps_the_version_submitted_with_its_reviewed_entries(family):
    school_concern(family)
    assessment = started(family)
    content = reviewing(family.worker, assessment.id, complete_content())
    submission = assessment_submit(
        actor=family.worker, assessment_id=assessment.id, content=content
    )
    view = assessment_get(
        scope=scope_for_user(user_id=family.manager.pk), assessment_id=assessment.id
    )
    assert view.status == Status.SUBMITTED
    assert view.submitted is not None and view.submitted.id == submission.version_id
    assert view.submitted.reviewed_count == len(view.submitted.entries) == 1
    assert view.submitted.content.child_words == "I like my new school."


def test_an_entry_amended_after_it_was_reviewed_must_be_reviewed_again(family):
    incident = police_incident(family)
    assessment = started(family)
    content = reviewing(family.worker, assessment.id, complete_content())
    raw = domestic_abuse_raw("POL-1", source_reference="DA-0001", summary="Amended account.")
    event_amend(
        actor=family.officer,
        scope=scope_for_user(user_id=family.officer.pk),
        event_id=incident,
        raw=raw,
        reason="Corrected the account",
    )
    with pytest.raises(InvalidInput) as refused:
        assessment_submit(actor=family.worker, assessment_id=assessment.id, content=content)
    assert problem_fields(refused.value) == {"reviewed"}


# ------------------------------------------------------------------------ deciding


def test_the_author_may_not_sign_off_their_own_assessment_even_as_a_manager(family):
    assessment = submitted(family, author=family.manager)
    with pytest.raises(InvalidTransition, match="someone else must sign it off"):
        assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    with pytest.raises(InvalidTransition):
        assessment_return(actor=family.manager, assessment_id=assessment.id, comments="Redo it")
    assert not Decision.objects.exists()


def test_a_practitioner_may_not_sign_off_and_another_agency_s_manager_cannot_see_it(family):
    assessment = submitted(family)
    for who in (family.colleague, family.other_manager, family.dsl):
        with pytest.raises(NotFound):
            assessment_sign_off(actor=who, assessment_id=assessment.id)
    assert not Decision.objects.exists()


def test_signing_off_records_the_assessment_event_for_the_child(family):
    assessment = submitted(family, cin_factors=("16A", "3B"))
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)

    effect = Effect.objects.get(assessment=assessment)
    event = event_get(scope=scope_for_user(user_id=family.worker.pk), event_id=effect.event_id)
    version = event.current
    assert event.kind == "assessment" and event.agency_id == family.care.id
    assert version.details["stage"] == "completed"
    assert version.details["outcome"] == "child_in_need_plan"
    assert version.details["assessment_type"] == "single_assessment"
    assert version.details["start_date"] == assessment.started_on.isoformat()
    assert version.details["authorisation_date"] == effect.took_effect_at.date().isoformat()
    assert sorted(version.cin_factors) == ["16A", "3B"]
    assert (version.child_seen, version.child_seen_alone, version.child_voice) == (
        "yes", "yes", "yes",
    )  # fmt: skip
    assert version.child_words == "I like my new school."
    assert [s.recorded_person_id for s in version.subjects] == [family.child]
    assert assessment_status(assessment_id=assessment.id) == Status.COMPLETED


def test_the_assessment_event_joins_the_child_s_chronology(family):
    assessment = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    chronology = chronology_open(actor=family.worker, recorded_person_id=family.school_child)
    assert "assessment" in {entry.kind for entry in chronology.entries}


def test_a_no_answer_goes_to_the_event_with_its_reason(family):
    content = {
        "child_seen_alone": CodedAnswer("no", "parent_refused"),
        "child_voice": CodedAnswer("no", "child_declined"),
        "child_words": "",
    }
    assessment = submitted(family, **content)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    effect = Effect.objects.get(assessment=assessment)
    version = event_get(
        scope=scope_for_user(user_id=family.worker.pk), event_id=effect.event_id
    ).current
    assert (version.child_seen_alone, version.child_seen_alone_code) == ("no", "parent_refused")
    assert (version.child_voice, version.child_voice_code) == ("no", "child_declined")


def test_returning_needs_comments_and_sends_it_back_to_the_author(family):
    assessment = submitted(family)
    with pytest.raises(InvalidInput) as refused:
        assessment_return(actor=family.manager, assessment_id=assessment.id, comments="  ")
    assert problem_fields(refused.value) == {"comments"}

    assessment_return(
        actor=family.manager, assessment_id=assessment.id, comments="Speak to the school."
    )
    view = assessment_get(
        scope=scope_for_user(user_id=family.worker.pk), assessment_id=assessment.id
    )
    assert view.status == Status.RETURNED and view.editable
    assert view.last_comments == "Speak to the school."
    assert not Effect.objects.exists()


def test_a_returned_assessment_is_revised_resubmitted_and_the_signed_version_kept(family):
    assessment = submitted(family)
    assessment_return(actor=family.manager, assessment_id=assessment.id, comments="More detail")
    revised = reviewing(
        family.worker, assessment.id, complete_content(summary="Revised after speaking to school")
    )
    assessment_submit(actor=family.worker, assessment_id=assessment.id, content=revised)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)

    view = assessment_get(
        scope=scope_for_user(user_id=family.manager.pk), assessment_id=assessment.id
    )
    assert [d.kind for d in view.decisions] == ["returned", "signed_off"]
    assert [s.number for s in view.submissions] == [1, 2]
    assert view.submitted is not None
    assert view.submitted.content.summary == "Revised after speaking to school"
    effect = Effect.objects.get(assessment=assessment)
    assert effect.decision.submission.version_id == view.submitted.id


def test_a_double_click_on_sign_off_acts_once(family):
    assessment = submitted(family)
    first = assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    again = assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    assert first.id == again.id
    assert Decision.objects.count() == 1 and Effect.objects.count() == 1


def test_a_second_manager_cannot_decide_once_it_is_signed_off(family):
    assessment = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    with pytest.raises(InvalidTransition):
        assessment_return(
            actor=family.second_manager, assessment_id=assessment.id, comments="Too late"
        )


def test_a_signed_off_assessment_can_no_longer_be_edited(family):
    assessment = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    with pytest.raises(InvalidTransition):
        assessment_save(
            actor=family.worker,
            assessment_id=assessment.id,
            content=replace(complete_content(), summary="Changed afterwards"),
        )
