"""The words practitioners see for the shared schema's field names and codes.

Forms and pages both use these, so a question is asked and its answer shown in the same words.
"""

from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    CIN_CATEGORY_OF_ABUSE,
    CIN_PRIMARY_NEED,
    CIN_REASONS_FOR_CLOSURE,
    CIN_REFERRAL_SOURCES,
)

# Details fields whose values are codes from a published list, not a Literal in the schema.
CODE_LISTS: dict[str, dict[str, str]] = {
    "referral_source": CIN_REFERRAL_SOURCES,
    "primary_need_code": CIN_PRIMARY_NEED,
    "reason_for_closure": CIN_REASONS_FOR_CLOSURE,
    "category_of_abuse": CIN_CATEGORY_OF_ABUSE,
}

# Field name (or "kind.field" where one name means different things) → (question, the thing
# to name in an error message: "Select …" or "Enter …").
FIELDS: dict[str, tuple[str, str]] = {
    "categories": ("What kind of concern is it?", "at least one kind of concern"),
    "action_taken": ("What action was taken?", "the action taken"),
    "risk_level": ("DASH risk level", "the DASH risk level"),
    "children_present": ("Were children present?", "whether children were present"),
    "children_in_household": ("How many children live in the household?", "a number"),
    "incident_types": ("What happened?", "what happened"),
    "injuries_to_adults": ("Were any adults injured?", "whether any adults were injured"),
    "weapon_used": ("Was a weapon used?", "whether a weapon was used"),
    "arrest_made": ("Was anyone arrested?", "whether anyone was arrested"),
    "alcohol_involved": ("Was alcohol involved?", "whether alcohol was involved"),
    "drugs_involved": ("Were drugs involved?", "whether drugs were involved"),
    "police_reference": ("Police reference", "the police reference"),
    "marks": ("Where are the marks?", "at least one place on the body map"),
    "explanation_given": ("Was an explanation given?", "whether an explanation was given"),
    "explanation": ("What explanation was given?", "the explanation given"),
    "explanation_by": ("Who gave the explanation?", "who gave the explanation"),
    "explanation_fits": (
        "Does the explanation fit the injury?",
        "whether the explanation fits the injury",
    ),
    "child_mobile": ("Is the child mobile (crawling or walking)?", "whether the child is mobile"),
    "medical_attention_sought": (
        "Was medical attention sought?",
        "whether medical attention was sought",
    ),
    "setting": ("Where was the child seen?", "where the child was seen"),
    "presenting_complaint": ("Presenting complaint", "the presenting complaint"),
    "diagnosis": ("Diagnosis", "the diagnosis"),
    "delay_in_presentation": ("Was there a delay in bringing the child?", "yes or no"),
    "accompanied_by": ("Who came with the child?", "who came with the child"),
    "discharge_outcome": ("What happened next?", "what happened next"),
    "contact_type": ("Type of contact", "the type of contact"),
    "concerns_noted": ("Were concerns noted?", "whether concerns were noted"),
    "outcome": ("Outcome", "the outcome"),
    "weight_kg": ("Weight in kilograms", "the weight"),
    "height_cm": ("Height in centimetres", "the height"),
    "head_circumference_cm": ("Head circumference in centimetres", "the head circumference"),
    "weight_centile": ("Weight centile", "the weight centile"),
    "height_centile": ("Height centile", "the height centile"),
    "service": ("Which service was the appointment with?", "the service"),
    "was_not_brought": ("Was the child not brought?", "whether the child was not brought"),
    "reason_given": ("Reason given", "the reason given"),
    "rebooked": ("Was the appointment rebooked?", "whether it was rebooked"),
    "start_date": ("Start date", "the start date"),
    "end_date": ("End date", "the end date"),
    "sessions_missed": ("Sessions missed", "the number of sessions missed"),
    "authorised": ("Was the absence authorised?", "whether it was authorised"),
    "reason": ("Reason", "the reason"),
    "child_missing_education": ("Is the child missing education?", "yes or no"),
    "behaviours": ("What was observed?", "at least one behaviour"),
    "disclosed_to_role": ("Who did the child tell?", "the role of who the child told"),
    "disclosure.categories": ("What was disclosed?", "at least one kind of harm"),
    "spontaneous": ("Was the disclosure spontaneous?", "whether it was spontaneous"),
    "referred_to": ("Referred to", "who the referral went to"),
    "referral_source": ("Referral source (DfE code)", "the referral source"),
    "urgency": ("Urgency", "the urgency"),
    "referral.reason": ("Reason for the referral", "the reason for the referral"),
    "decision": ("Decision", "the decision"),
    "rag": ("RAG rating", "a RAG rating"),
    "primary_need_code": ("Primary need (DfE code)", "the primary need"),
    "rationale": ("Rationale", "the rationale"),
    "agencies_present": ("Agencies present", "the agencies present"),
    "stage": ("Stage", "the stage"),
    "section_47_enquiry.start_date": ("Date the enquiry started", "the date it started"),
    "icpc_required": ("Is an initial child protection conference needed?", "yes or no"),
    "icpc_target_date": ("Target date for the conference", "the target date"),
    "assessment_type": ("Type of assessment", "the type of assessment"),
    "assessment.start_date": ("Date the assessment started", "the date it started"),
    "authorisation_date": ("Date a manager authorised it", "the date it was authorised"),
    "reason_for_closure": ("Reason for closure (DfE code)", "the reason for closure"),
    "conference_type": ("Type of conference", "the type of conference"),
    "category_of_abuse": ("Category of abuse", "the category of abuse"),
    "plan_type": ("Type of plan", "the type of plan"),
    "number_of_previous_cpp": ("Number of previous child protection plans", "a number"),
    "plan_end.reason": ("Why did the plan end?", "why the plan ended"),
    "visit_type": ("Type of visit", "the type of visit"),
    "home_conditions": ("Home conditions", "the home conditions"),
    "others_present": ("Who else was present?", "who else was present"),
    "meeting_type": ("Type of meeting", "the type of meeting"),
    "decisions": ("Decisions", "the decisions"),
    "description": ("What needs to happen?", "what needs to happen"),
    "owner": ("Who will do it?", "who will do it"),
    "due_date": ("When is it due?", "the due date"),
    "what_will_be_different_for_the_child": (
        "What will be different for the child?",
        "what will be different for the child",
    ),
    "status": ("Status", "the status"),
    "change": ("What changed?", "what changed"),
    "relationship_to_child": ("Their relationship to the child", "their relationship"),
    "known_history_of_violence": ("Is there a known history of violence?", "an answer"),
}

# Field hints: what a practitioner needs to answer well.
HINTS: dict[str, str] = {
    "was_not_brought": "Choose yes if an adult did not bring the child: a child cannot take "
    "themselves to an appointment.",
    "agencies_present": "One agency on each line.",
    "disclosed_to_role": "Their role, for example class teacher.",
    "risk_level": "From the DASH risk assessment.",
    "explanation_fits": "Think about the child's age and development.",
}

_WORDS: dict[str, str] = {
    "gp": "GP",
    "camhs": "CAMHS",
    "section_47": "Section 47",
    "concerns_substantiated_icpc": "Concerns substantiated, conference needed",
    "concerns_substantiated_no_icpc": "Concerns substantiated, no conference needed",
    "not_applicable": "Not applicable",
    "none": "No one",
    "parent_or_carer": "Parent or carer",
    "child_subject": "Child the event is about",
    "alleged_perpetrator": "Alleged perpetrator",
    "new_birth_visit": "New birth visit",
    "transfer_in": "Transfer in",
    "M": "Male",
    "F": "Female",
    "U": "Not known",
}


def field_wording(kind: str, name: str) -> tuple[str, str]:
    """(question, error noun) for a details field of an event kind."""
    humane = name.replace("_", " ").capitalize()
    return FIELDS.get(f"{kind}.{name}") or FIELDS.get(name) or (humane, f"the {humane.lower()}")


def words(code: str) -> str:
    """A schema value in words: "left_before_seen" → "Left before seen"."""
    if code in _WORDS:
        return _WORDS[code]
    return code.replace("_", " ").capitalize()


def code_label(code: str, codes: dict[str, str]) -> str:
    return f"{codes[code]} ({code})" if code in codes else code


def cin_factor_label(code: str) -> str:
    return code_label(code, CIN_ASSESSMENT_FACTORS)
