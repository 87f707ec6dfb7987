"""The body map figures: where each coded region of records.schema.body_map is drawn.

Each figure is 240 × 580 units, drawn 1 unit to 1 CSS pixel, so every region is at least
24 pixels each way (WCAG 2.2 target size) and no two regions' boxes overlap. Shapes are given
for the side drawn on the viewer's left and mirrored for the other side. Seen from the front,
the child's right is on the viewer's left; seen from the back, the child's left is.
"""

from dataclasses import dataclass

from sightline.records.schema.body_map import REGIONS, Region, Side, View

WIDTH = 240
HEIGHT = 580


@dataclass(frozen=True)
class Shape:
    """An ellipse or rounded rectangle, described by its bounding box."""

    element: str  # "ellipse" or "rect"
    x: float
    y: float
    width: float
    height: float
    rounding: float = 0

    def mirrored(self) -> "Shape":
        return Shape(
            self.element,
            WIDTH - self.x - self.width,
            self.y,
            self.width,
            self.height,
            self.rounding,
        )

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2

    @property
    def rx(self) -> float:
        return self.width / 2

    @property
    def ry(self) -> float:
        return self.height / 2


def _e(x: float, y: float, w: float, h: float) -> Shape:
    return Shape("ellipse", x, y, w, h)


def _r(x: float, y: float, w: float, h: float, rounding: float = 8) -> Shape:
    return Shape("rect", x, y, w, h, rounding)


# Region stem → shape on the viewer's left (or centred, for midline regions).
_FRONT: dict[str, Shape] = {
    "FOREHEAD": _r(86, 16, 68, 24, 12),
    "EYE": _e(89, 42, 28, 24),
    "EAR": _e(52, 62, 24, 36),
    "CHEEK": _e(82, 70, 24, 24),
    "NOSE": _e(108, 68, 24, 28),
    "MOUTH": _e(100, 98, 40, 24),
    "CHIN": _e(98, 124, 44, 24),
    "NECK": _r(104, 152, 32, 26, 4),
    "SHOULDER": _r(54, 180, 38, 34, 14),
    "CHEST": _r(94, 180, 52, 68, 6),
    "ABDOMEN": _r(92, 250, 56, 66, 6),
    "GENITALS": _r(106, 318, 28, 28, 10),
    "UPPERARM": _r(50, 216, 34, 80, 14),
    "FOREARM": _r(44, 298, 34, 72, 14),
    "HAND": _e(40, 372, 36, 40),
    "THIGH": _r(84, 348, 34, 84, 14),
    "KNEE": _e(86, 434, 30, 28),
    "SHIN": _r(88, 464, 28, 66, 12),
    "FOOT": _e(80, 532, 38, 24),
}
_BACK: dict[str, Shape] = {
    "SCALP": _e(78, 10, 84, 140),
    "NECK": _r(104, 152, 32, 26, 4),
    "UPPERBACK": _r(90, 180, 60, 28, 6),
    "SHOULDERBLADE": _r(78, 210, 40, 50, 12),
    "LOWERBACK": _r(90, 262, 60, 56, 6),
    "UPPERARM": _r(42, 190, 32, 76, 14),
    "ELBOW": _e(44, 268, 28, 28),
    "FOREARM": _r(42, 298, 32, 72, 14),
    "HAND": _e(38, 372, 36, 40),
    "BUTTOCK": _e(84, 320, 34, 40),
    "THIGH": _r(84, 362, 34, 76, 14),
    "CALF": _r(86, 440, 30, 80, 12),
    "HEEL": _e(86, 522, 30, 34),
}
# The silhouette behind the regions (decoration only), viewer's-left half plus midline parts.
_OUTLINE_MIDDLE = [_e(76, 8, 88, 144), _r(100, 140, 40, 44, 6)]
_OUTLINE_FRONT_HALF = [_r(36, 208, 52, 210, 22), _r(76, 340, 46, 222, 20)]
_OUTLINE_BACK_HALF = [_r(34, 184, 48, 234, 22), _r(78, 316, 44, 246, 20)]
_TORSO = {View.FRONT: _r(50, 176, 140, 176, 26), View.BACK: _r(66, 176, 108, 190, 26)}

# Which side of the child is drawn on the viewer's left in each view.
_VIEWER_LEFT = {View.FRONT: Side.RIGHT, View.BACK: Side.LEFT}


@dataclass(frozen=True)
class DrawnRegion:
    region: Region
    shape: Shape


@dataclass(frozen=True)
class Figure:
    view: View
    title: str
    outline: list[Shape]
    regions: list[DrawnRegion]
    # (x, text) of the side labels under the hands: orientation for the reader.
    side_labels: list[tuple[float, str]]


def _shape_for(region: Region) -> Shape:
    stem = region.code.split("-")[1]
    shape = (_FRONT if region.view is View.FRONT else _BACK)[stem]
    on_viewer_left = region.side in (Side.MIDLINE, _VIEWER_LEFT[region.view])
    return shape if on_viewer_left else shape.mirrored()


def _figure(view: View) -> Figure:
    half = _OUTLINE_FRONT_HALF if view is View.FRONT else _OUTLINE_BACK_HALF
    left_word = "Right" if view is View.FRONT else "Left"
    right_word = "Left" if view is View.FRONT else "Right"
    return Figure(
        view=view,
        title="Front of the body" if view is View.FRONT else "Back of the body",
        outline=[_TORSO[view], *_OUTLINE_MIDDLE, *half, *(s.mirrored() for s in half)],
        regions=[DrawnRegion(r, _shape_for(r)) for r in REGIONS if r.view is view],
        side_labels=[(30, left_word), (WIDTH - 30, right_word)],
    )


FIGURES: tuple[Figure, ...] = (_figure(View.FRONT), _figure(View.BACK))
