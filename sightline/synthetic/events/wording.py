"""The words in events: complaints, explanations and what children said. All invented."""

ILLNESSES = (
    "fever and cough",
    "ear infection",
    "chest infection",
    "wheeze",
    "vomiting and diarrhoea",
    "rash",
    "sore throat",
    "conjunctivitis",
    "asthma review",
    "eczema",
)

ED_ILLNESSES = (
    "high temperature",
    "difficulty breathing",
    "dehydration after vomiting",
    "febrile convulsion",
    "allergic reaction",
    "asthma attack",
)

ABSENCE_REASONS = ("illness", "illness", "illness", "medical", "holiday")

BENIGN_WORDS = (
    "I like playing football with my friends.",
    "My favourite lesson is art.",
    "I have a new bike.",
    "My tummy hurt but it's better now.",
    "I went to the park with Mum at the weekend.",
    "I like reading with my sister.",
)

NEGLECT_WORDS = (
    "I didn't have breakfast.",
    "There wasn't any food at home.",
    "I'm hungry.",
    "I have to look after my little brother.",
    "Mum was asleep all day.",
)

ABUSE_WORDS = (
    "I don't want to go home.",
    "He shouts at Mummy.",
    "I hid under the bed when they were fighting.",
    "I'm not allowed to say.",
    "I fell over.",
)

ACCIDENT_EXPLANATIONS = (
    ("F-KNEE-L", "graze", "Fell in the playground at lunchtime, seen by a first aider."),
    ("F-KNEE-R", "graze", "Fell off scooter in the park, parent phoned the school."),
    ("F-FOREHEAD", "bruise", "Walked into a door frame at home, bump seen by parent."),
    ("F-SHIN-L", "bruise", "Kicked during a football game at break."),
    ("B-ELBOW-R", "graze", "Fell from bike on the way to school."),
    ("F-FOREARM-L", "fracture", "Fell from trampoline, taken straight to hospital."),
)

NON_FITTING_EXPLANATIONS = (
    ("F-CHEEK-L", "bruise", "Parent said the child fell against the sofa."),
    ("F-EAR-R", "bruise", "Child said they bumped their head on the bed."),
    ("B-UPPERARM-L", "bruise", "Parent said the child bruises easily."),
    ("B-BUTTOCK-R", "bruise", "Parent said the child fell off a chair."),
    (
        "F-UPPERARM-R",
        "bruise",
        "Child said their brother did it; parent said it was play fighting.",
    ),
    ("B-UPPERBACK", "mark", "Parent did not know how the marks happened."),
    ("F-NECK", "scratch", "Parent said the cat scratched the child."),
    ("F-FOREARM-R", "burn", "Parent said the child touched the oven door."),
    ("F-EYE-L", "bruise", "Child said they walked into a door."),
)

BABY_BRUISE_SITES = ("F-CHEEK-L", "F-CHEEK-R", "F-EAR-L", "B-UPPERBACK", "F-CHEST", "B-BUTTOCK-L")
BABY_EXPLANATIONS = (
    "Parent said the baby hit their face on the cot bars.",
    "Parent said an older sibling may have grabbed the baby.",
    "Parent said the baby rolled against a toy.",
    "No explanation offered; parent had not noticed the mark.",
)

MISSED_GOOD_REASONS = (
    "Child admitted to hospital with bronchiolitis on the day; rebooked.",
    "Family bereavement; parent phoned in advance and rebooked.",
    "Parent in hospital giving birth; grandparent phoned to rebook.",
    "Clinic letter sent to old address after the family moved; rebooked on contact.",
)

VIOLENCE_HISTORY = (
    "Previous convictions for assault on a former partner.",
    "Subject of a non-molestation order by a former partner.",
    "Released on licence after a sentence for actual bodily harm.",
)
