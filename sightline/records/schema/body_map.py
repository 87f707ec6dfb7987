"""Body map regions: front and back figures, each region coded with its side.

Codes read view-region-side, e.g. F-CHEEK-L is the left cheek seen from the front. Left and
right are always the child's own left and right, whichever view the mark is drawn on.
"""

from dataclasses import dataclass
from enum import StrEnum


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    MIDLINE = "midline"


@dataclass(frozen=True)
class Region:
    code: str
    label: str
    view: View
    side: Side


def _paired(view: View, stem: str, label: str) -> list[Region]:
    prefix = "F" if view is View.FRONT else "B"
    return [
        Region(f"{prefix}-{stem}-L", f"{label}, left", view, Side.LEFT),
        Region(f"{prefix}-{stem}-R", f"{label}, right", view, Side.RIGHT),
    ]


def _single(view: View, stem: str, label: str) -> list[Region]:
    prefix = "F" if view is View.FRONT else "B"
    return [Region(f"{prefix}-{stem}", label, view, Side.MIDLINE)]


_FRONT = View.FRONT
_BACK = View.BACK

REGIONS: tuple[Region, ...] = tuple(
    _single(_FRONT, "FOREHEAD", "Forehead")
    + _paired(_FRONT, "EYE", "Eye and eye socket")
    + _paired(_FRONT, "CHEEK", "Cheek")
    + _paired(_FRONT, "EAR", "Ear")
    + _single(_FRONT, "NOSE", "Nose")
    + _single(_FRONT, "MOUTH", "Mouth and lips")
    + _single(_FRONT, "CHIN", "Chin and jaw")
    + _single(_FRONT, "NECK", "Neck (front)")
    + _paired(_FRONT, "SHOULDER", "Shoulder (front)")
    + _single(_FRONT, "CHEST", "Chest")
    + _single(_FRONT, "ABDOMEN", "Abdomen")
    + _single(_FRONT, "GENITALS", "Genital area")
    + _paired(_FRONT, "UPPERARM", "Upper arm (front)")
    + _paired(_FRONT, "FOREARM", "Forearm and wrist (front)")
    + _paired(_FRONT, "HAND", "Palm of hand")
    + _paired(_FRONT, "THIGH", "Thigh (front)")
    + _paired(_FRONT, "KNEE", "Knee")
    + _paired(_FRONT, "SHIN", "Shin")
    + _paired(_FRONT, "FOOT", "Top of foot")
    + _single(_BACK, "SCALP", "Back of head and scalp")
    + _single(_BACK, "NECK", "Back of neck")
    + _paired(_BACK, "SHOULDERBLADE", "Shoulder blade")
    + _single(_BACK, "UPPERBACK", "Upper back")
    + _single(_BACK, "LOWERBACK", "Lower back")
    + _paired(_BACK, "UPPERARM", "Upper arm (back)")
    + _paired(_BACK, "ELBOW", "Elbow")
    + _paired(_BACK, "FOREARM", "Forearm and wrist (back)")
    + _paired(_BACK, "HAND", "Back of hand")
    + _paired(_BACK, "BUTTOCK", "Buttock")
    + _paired(_BACK, "THIGH", "Thigh (back)")
    + _paired(_BACK, "CALF", "Calf")
    + _paired(_BACK, "HEEL", "Heel and sole")
)

REGIONS_BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}

MARK_TYPES: dict[str, str] = {
    "bruise": "Bruise",
    "burn": "Burn",
    "scald": "Scald",
    "cut": "Cut or laceration",
    "graze": "Graze or abrasion",
    "bite": "Bite mark",
    "scratch": "Scratch",
    "swelling": "Swelling",
    "fracture": "Fracture (suspected or confirmed)",
    "petechiae": "Petechiae",
    "mark": "Other mark",
}
