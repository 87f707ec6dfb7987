"""Code lists: DfE Children in Need census codes and Sightline's own coded reasons.

CIN codes transcribe CIN_schema_2026.xsd (DfE wording) and the 2025-26 validation rules.
"""

# FactorsIdentifiedAtAssessment / AssessmentFactors.
CIN_ASSESSMENT_FACTORS: dict[str, str] = {
    "1A": "Alcohol misuse: child",
    "1B": "Alcohol misuse: parent or carer",
    "1C": "Alcohol misuse: other person in the household",
    "2A": "Drug misuse: child",
    "2B": "Drug misuse: parent or carer",
    "2C": "Drug misuse: other person in the household",
    "3A": "Domestic abuse: child is the subject",
    "3B": "Domestic abuse: parent or carer",
    "3C": "Domestic abuse: other person in the household",
    "4A": "Mental health: child",
    "4B": "Mental health: parent or carer",
    "4C": "Mental health: other person in the household",
    "5A": "Learning disability: child",
    "5B": "Learning disability: parent or carer",
    "5C": "Learning disability: other person in the household",
    "6A": "Physical disability or illness: child",
    "6B": "Physical disability or illness: parent or carer",
    "6C": "Physical disability or illness: other person in the household",
    "7A": "Young carer",
    "8B": "Privately fostered: overseas, intends to return",
    "8C": "Privately fostered: overseas, intends to stay",
    "8D": "Privately fostered: UK, educational placement",
    "8E": "Privately fostered: UK, alternative family arrangement",
    "8F": "Privately fostered: other",
    "9A": "Unaccompanied asylum-seeking child",
    "10A": "Going or being missing",
    "11A": "Child sexual exploitation",
    "12A": "Trafficking",
    "13A": "Gangs",
    "14A": "Socially unacceptable behaviour",
    "15A": "Self-harm",
    "16A": "Neglect",
    "17A": "Emotional abuse",
    "18B": "Physical abuse: child on child",
    "18C": "Physical abuse: adult on child",
    "19B": "Sexual abuse: child on child",
    "19C": "Sexual abuse: adult on child",
    "20": "Other",
    "21": "No factors identified",
    "22A": "Female genital mutilation",
    "23A": "Abuse linked to faith or belief",
    "24A": "Child criminal exploitation",
}
# Withdrawn by DfE from 2024-25 (queries 8945Q, 8950Q); still in the LIIA XSD, refused here.
CIN_WITHDRAWN_FACTORS = {"18A": "use 18B or 18C", "19A": "use 19B or 19C"}
CIN_NO_FACTORS = "21"

CIN_REFERRAL_SOURCES: dict[str, str] = {
    "1A": "Individual: family member, relative or carer",
    "1B": "Individual: acquaintance",
    "1C": "Individual: self",
    "1D": "Individual: other",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health: GP",
    "3B": "Health: health visitor",
    "3C": "Health: school nurse",
    "3D": "Health: other primary health",
    "3E": "Health: A&E",
    "3F": "Health: other",
    "4": "Housing",
    "5A": "LA: social care",
    "5B": "LA: other internal",
    "5C": "LA: external",
    "5D": "LA: early help",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}

CIN_REASONS_FOR_CLOSURE: dict[str, str] = {
    "RC1": "Adopted",
    "RC2": "Died",
    "RC3": "Child arrangements order",
    "RC4": "Special guardianship order",
    "RC5": "Transferred to another local authority",
    "RC6": "Transferred to adult social care",
    "RC7": "Services ceased for any other reason",
    "RC8": "Case closed after assessment, no further action",
    "RC9": "Case closed after assessment, referred to early help",
}

CIN_PRIMARY_NEED: dict[str, str] = {
    "N0": "Not stated",
    "N1": "Abuse, neglect and exploitation",
    "N2": "Child's disability",
    "N3": "Parental disability or illness",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
    "N9": "Cases other than children in need",
}

CIN_CATEGORY_OF_ABUSE: dict[str, str] = {
    "NEG": "Neglect",
    "PHY": "Physical abuse",
    "SAB": "Sexual abuse",
    "EMO": "Emotional abuse",
    "MUL": "Multiple",
}

CIN_ETHNICITY = frozenset(
    {
        "WBRI",
        "WIRI",
        "WIRT",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    }
)
CIN_DISABILITY = frozenset(
    {
        "NONE",
        "MOB",
        "HAND",
        "PC",
        "INC",
        "COMM",
        "LD",
        "HEAR",
        "VIS",
        "BEH",
        "CON",
        "AUT",
        "DDA",
    }
)
# UN1 and UN7 are confirmed by rule text; UN2-UN6 follow CBDS as transcribed in our notes.
CIN_UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"})
CIN_SEX = {"M": "Male", "F": "Female", "U": "Unknown or not recorded"}

# Why a child-centred question was answered "no". Coded so that gaps can be counted.
NOT_SEEN_REASONS: dict[str, str] = {
    "not_at_home": "Child not at home",
    "access_refused": "Access refused",
    "child_asleep": "Child asleep",
    "child_unwell": "Child unwell",
    "seen_elsewhere": "Seen by another professional",
    "remote_contact": "Contact by phone or video",
    "not_planned": "Visit not planned to include the child",
    "child_declined": "Child declined",
    "other": "Other reason",
}
NOT_SEEN_ALONE_REASONS: dict[str, str] = {
    "not_seen": "Child not seen",
    "parent_refused": "Parent or carer refused",
    "child_declined": "Child declined",
    "too_young": "Child too young to be seen alone",
    "no_private_space": "No private space",
    "not_planned": "Not planned",
    "other": "Other reason",
}
NO_VOICE_REASONS: dict[str, str] = {
    "not_seen": "Child not seen",
    "pre_verbal": "Child pre-verbal",
    "child_declined": "Child declined to talk",
    "not_asked": "Child not asked",
    "language_barrier": "No interpreter for the child's language",
    "communication_needs": "Communication needs not met",
    "other": "Other reason",
}
INTERPRETER_USED: dict[str, str] = {
    "professional": "Professional interpreter (in person)",
    "telephone": "Professional interpreter (telephone or video)",
    "family_member": "Family member",
    "other_adult": "Other adult (not a professional)",
    "child": "The child interpreted",
}
# Interpreting by family, friends or the child is flagged wherever the event is shown.
INTERPRETER_FLAGGED = frozenset({"family_member", "other_adult", "child"})
# "No" means an interpreter was needed and not used; "not applicable" means none was needed.
INTERPRETER_NOT_USED: dict[str, str] = {
    "unavailable": "Needed but none available",
    "declined": "Family declined an interpreter",
    "not_arranged": "Needed but not arranged",
}
