"""Name pools for each household origin, and the ways names are written differently.

Names are common given names and surnames combined at random; no combination describes a real
person. The names of the child and family in the Pelka case are left out of the given names.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[str, ...]
    language: str  # ISO 639-3
    ethnicities: tuple[str, ...]  # DfE CIN ethnicity codes


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORIGINS: dict[str, Origin] = {
    "english": Origin(
        boys=_words(
            "Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Henry Leo "
            "Alfie Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Logan "
            "Lucas Daniel Theo Arthur Mason Harrison Benjamin Dylan Riley Finley Tyler Lewis "
            "Matthew Nathan Callum Ryan Kieran Liam Connor Jordan Bradley Michael Christopher "
            "Robert David Richard Stephen Andrew Paul Mark Anthony Peter Jonathan Nicholas"
        ),
        girls=_words(
            "Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Grace Sophie Evie Jessica "
            "Charlotte Daisy Sophia Ruby Chloe Freya Alice Florence Matilda Phoebe Scarlett Holly "
            "Millie Lucy Evelyn Ellie Abigail Hannah Katie Megan Rebecca Amy Lauren Bethany "
            "Jennifer Elizabeth Margaret Catherine Victoria Samantha Rachel Emma Sarah Laura "
            "Nicola Kelly Michelle Stacey Gemma Natalie Danielle Jade Kayleigh Zoe Leanne Chelsea"
        ),
        surnames=_words(
            "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson "
            "Evans Walker White Roberts Green Hall Wood Jackson Clarke Harris Lewis Clark "
            "Edwards Turner Hill Moore Cooper Ward Morris King Watson Harrison Morgan Baker "
            "Young Allen Mitchell Anderson Bell Parker Price Bennett Griffiths Lee Kelly "
            "Marshall Shaw Cook Richardson Collins Hughes Carter Phillips Webb Murphy Harvey "
            "Bailey Holmes Mills Ellis Knight Chapman Dixon Hunt Palmer Mason Lloyd Russell "
            "Fletcher Hudson Barker Gibson Ross Saunders Fisher Kennedy Spencer Pearce Dawson "
            "Atkinson Stevens Hayes Wells Booth Hart Cole Burton Lowe Jenkins Barnes O'Brien "
            "O'Connor McDonald Fox"
        ),
        language="eng",
        ethnicities=("WBRI", "WBRI", "WBRI", "WBRI", "WIRI", "MWBC"),
    ),
    "polish": Origin(
        boys=_words(
            "Jakub Kacper Szymon Filip Jan Antoni Mikołaj Wojciech Franciszek Aleksander Michał "
            "Bartosz Mateusz Łukasz Piotr Tomasz Krzysztof Paweł Andrzej Marcin Grzegorz Dawid "
            "Kamil Adrian Sebastian Wiktor Igor Oskar Dominik Hubert"
        ),
        girls=_words(
            "Zuzanna Julia Zofia Maja Lena Hanna Alicja Oliwia Amelia Wiktoria Maria Natalia "
            "Katarzyna Małgorzata Agnieszka Joanna Ewa Barbara Dorota Justyna Monika Beata "
            "Aleksandra Weronika Gabriela Patrycja Karolina Paulina Kinga Martyna"
        ),
        surnames=_words(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
            "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk "
            "Piotrowski Grabowski Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński "
            "Wróbel Majewski Olszewski Stępień Jaworski Malinowski Górski Sikora Łuczak "
            "Krężołek Żak Głowacki Ślusarczyk Zając Pietrzak Błaszczyk"
        ),
        language="pol",
        ethnicities=("WOTH",),
    ),
    "romanian": Origin(
        boys=_words("Andrei Alexandru Ionuț Ștefan Mihai Gabriel Cristian Florin Răzvan Vlad"),
        girls=_words("Andreea Elena Ioana Maria Alexandra Bianca Cristina Mădălina Roxana Ana"),
        surnames=_words(
            "Popescu Ionescu Popa Stan Dumitru Stoica Gheorghe Rusu Munteanu Matei Constantin "
            "Șerban Lungu Mocanu Țurcanu Bălan"
        ),
        language="ron",
        ethnicities=("WOTH", "WROM"),
    ),
    "pakistani": Origin(
        boys=_words("Muhammad Ali Hamza Ibrahim Yusuf Zayn Ayaan Bilal Imran Usman Adnan Faisal"),
        girls=_words("Ayesha Fatima Maryam Zainab Hafsa Aleena Amina Sana Noor Iqra Saima Rabia"),
        surnames=_words("Khan Hussain Ahmed Ali Shah Iqbal Akhtar Butt Malik Raja Mahmood Bibi"),
        language="urd",
        ethnicities=("APKN",),
    ),
    "indian": Origin(
        boys=_words("Arjun Rohan Aarav Vihaan Dev Krish Aditya Sanjay Rajesh Harpreet Gurpreet"),
        girls=_words("Priya Ananya Aisha Diya Kavya Simran Neha Pooja Sunita Jaspreet Manpreet"),
        surnames=_words("Patel Singh Kaur Sharma Gill Mistry Shah Joshi Sandhu Kumar Parmar"),
        language="pan",
        ethnicities=("AIND",),
    ),
    "bangladeshi": Origin(
        boys=_words("Mohammed Abdul Rahim Tanvir Rayhan Shahid Jamal Arif Sabbir Rafiq"),
        girls=_words("Nusrat Farzana Taslima Sadia Ruksana Shirin Jannat Tahmina Afsana Rima"),
        surnames=_words("Begum Uddin Rahman Miah Islam Chowdhury Hoque Hossain Ahmed Ali"),
        language="ben",
        ethnicities=("ABAN",),
    ),
    "somali": Origin(
        boys=_words("Abdullahi Mohamed Ahmed Hassan Abdirahman Yusuf Omar Abdi Mustafe Liban"),
        girls=_words("Hodan Amina Fadumo Sahra Ayan Hibo Muna Ifrah Ubah Khadra"),
        surnames=_words("Mohamed Ali Hassan Abdi Warsame Farah Osman Jama Ismail Nur Aden"),
        language="som",
        ethnicities=("BAFR",),
    ),
    "nigerian": Origin(
        boys=_words("Oluwaseun Chinedu Emeka Tobi Ayodele Ikenna Femi Tunde David Samuel"),
        girls=_words("Oluwatobiloba Chiamaka Ngozi Funmilayo Adaeze Temitope Blessing Grace"),
        surnames=_words("Okafor Adeyemi Okonkwo Balogun Eze Oyelaran Adebayo Nwosu Obi Afolabi"),
        language="eng",
        ethnicities=("BAFR",),
    ),
    "caribbean": Origin(
        boys=_words("Marcus Jerome Tyrone Dwayne Kwame Andre Malik Jaden Leon Nathaniel"),
        girls=_words("Shanice Keisha Tia Jasmine Aaliyah Monique Simone Tanisha Chantelle Nia"),
        surnames=_words("Campbell Brown Williams Johnson Grant Thomas Francis Morgan Clarke"),
        language="eng",
        ethnicities=("BCRB", "MWBC"),
    ),
}


# Surnames spelt as heard or anglicised, beyond simply losing their diacritics.
SURNAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "Łuczak": ("Lucak", "Wuczak", "Luczack"),
    "Krężołek": ("Krezlek", "Krezolec", "Krenzolek"),
    "Wiśniewski": ("Wisniewsky", "Visnievski"),
    "Wójcik": ("Wojcick", "Voytchik"),
    "Woźniak": ("Wozniack", "Vozniak"),
    "Dąbrowski": ("Dombrowski", "Dabrowsky"),
    "Kowalski": ("Kowalsky", "Kovalski"),
    "Szymański": ("Shimanski", "Szymansky"),
    "Jabłoński": ("Jablonsky", "Yablonski"),
    "Głowacki": ("Glovacki", "Glowacky"),
    "Ślusarczyk": ("Slusarchik", "Slusarczik"),
    "Zając": ("Zajac", "Zayonc"),
    "Pietrzak": ("Pietrzack", "Pietrczak"),
    "Chowdhury": ("Choudhury", "Chaudhry", "Chowdhry"),
    "Hussain": ("Hussein", "Husain"),
    "Mohamed": ("Mohammed", "Mahamed"),
    "Hossain": ("Hussain", "Hosain"),
    "Rahman": ("Rehman",),
    "Uddin": ("Udin",),
    "Warsame": ("Warsama",),
    "Okonkwo": ("Okonkow",),
    "Adeyemi": ("Adeyami",),
    "Popescu": ("Popesku",),
    "Țurcanu": ("Turcanu", "Tsurcanu"),
}

# Given names for the practitioners named in "recorded_by" (invented, as all names here are).
WORKER_GIVEN = _words("Sam Alex Jo Chris Pat Kim Lee Ashley Jamie Robin Morgan Taylor Casey")
WORKER_FAMILY = _words("Hale Quinn Rowe Marsh Doyle Keane Pryce Lane Frost Amos Sykes Vale")

STREETS = _words(
    "Albert Alma Ash Beech Birch Blenheim Brook Cedar Chapel Church Clarence Elm Fir Forest "
    "Garden George Glebe Grange Grove Hawthorn Hazel Highfield Holly Kingsway Larch Lime "
    "Linden Manor Maple Meadow Mill Moor Oak Orchard Park Poplar Priory Queens Rowan School "
    "Spring Station Stanley Sycamore Valley Victoria Willow Windsor York"
)
STREET_TYPES = _words("Road Street Avenue Close Lane Drive Crescent Way Gardens Terrace")
