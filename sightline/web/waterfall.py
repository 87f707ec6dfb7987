"""Why two records were matched, drawn as a waterfall: the model's starting point, then one bar
per field moving the total up (evidence for "same person") or down (against), then the match
weight, with the review and automatic-link thresholds marked.

Drawn as inline SVG from the server, with no third-party code; every figure in it is also in
the table beside it, which is what screen readers use.
"""

import math
from dataclasses import dataclass

from sightline.identity.data import PairView

WIDTH = 720
LABEL_WIDTH = 170  # field names, right-aligned, left of the chart area
RIGHT_MARGIN = 60  # room for the last bar's value
TOP = 60  # room for the threshold labels, one line each
CHARACTER = 8  # a generous average width of one character of the labels, in SVG units
ROW = 34
BAR = 20

FIELD_NAMES = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "postcode": "Postcode",
    "address": "Address",
    "nhs_number": "NHS number",
    "upn": "UPN",
}

# GOV.UK colours: green for evidence of one person, red against, blue for the totals.
COLOURS = {"up": "#00703c", "down": "#d4351c", "total": "#1d70b8", "none": "#505a5f"}


def signed(value: float) -> str:
    """+7.5, −1.5 (a true minus sign), 0.0."""
    if abs(value) < 0.05:
        return "0.0"
    return f"{'+' if value > 0 else '−'}{abs(value):.1f}"


def total(value: float) -> str:
    return f"{'−' if value < -0.05 else ''}{abs(value):.1f}"


@dataclass(frozen=True)
class Step:
    label: str
    finding: str
    left: str | None
    right: str | None
    weight: float
    before: float
    after: float
    kind: str  # "up", "down", "none" (a field that moved nothing) or "total"
    # Drawing, in SVG units.
    x: float
    y: float
    width: float
    text_x: float
    text_anchor: str

    @property
    def weight_text(self) -> str:
        return signed(self.weight) if self.kind != "total" else total(self.after)

    @property
    def total_text(self) -> str:
        return total(self.after)

    @property
    def colour(self) -> str:
        return COLOURS[self.kind]

    @property
    def bar_centre(self) -> float:
        return self.y + BAR / 2

    @property
    def label_y(self) -> float:
        return self.y + BAR / 2 + 5


@dataclass(frozen=True)
class Marker:
    x: float
    label: str
    text_x: float
    text_y: float
    text_anchor: str


@dataclass(frozen=True)
class Waterfall:
    steps: tuple[Step, ...]
    zero_x: float
    markers: tuple[Marker, ...]
    height: float
    connectors: tuple[tuple[float, float, float], ...]  # (x, from y, to y)
    width: int = WIDTH
    label_x: int = LABEL_WIDTH - 10
    top: int = TOP


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float

    def x(self, value: float) -> float:
        span = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
        return round(LABEL_WIDTH + (value - self.low) / (self.high - self.low) * span, 1)


def _scale(values: list[float]) -> _Scale:
    low, high = min(values), max(values)
    return _Scale(math.floor(low / 5) * 5 - 1, math.ceil(high / 5) * 5 + 1)


def _step(
    scale: _Scale,
    row: int,
    label: str,
    finding: str,
    before: float,
    after: float,
    kind: str,
    left: str | None = None,
    right: str | None = None,
) -> Step:
    start, end = sorted((scale.x(before), scale.x(after)))
    width = max(end - start, 2.0)  # a field that moved nothing still shows where it stood
    end = start + width
    going_down = after < before
    return Step(
        label=label,
        finding=finding,
        left=left,
        right=right,
        weight=after - before,
        before=before,
        after=after,
        kind=kind,
        x=start,
        y=TOP + row * ROW + (ROW - BAR) / 2,
        width=round(width, 1),
        text_x=round(start - 6 if going_down else end + 6, 1),
        text_anchor="end" if going_down else "start",
    )


def waterfall(pair: PairView) -> Waterfall:
    prior = pair.prior_weight
    running = [prior]
    for contribution in pair.contributions:
        running.append(running[-1] + contribution.weight)
    scale = _scale([0.0, pair.lower_threshold, pair.upper_threshold, *running])
    steps = [_step(scale, 0, "Starting point", "Before any field is compared", 0.0, prior, "total")]
    for row, contribution in enumerate(pair.contributions, start=1):
        before, after = running[row - 1], running[row]
        kind = "up" if after > before else "down" if after < before else "none"
        steps.append(
            _step(
                scale,
                row,
                FIELD_NAMES.get(contribution.field, contribution.field),
                contribution.level,
                before,
                after,
                kind,
                contribution.left,
                contribution.right,
            )
        )
    steps.append(
        _step(scale, len(steps), "Match weight", "All fields together", 0.0, running[-1], "total")
    )
    connectors = tuple(
        (scale.x(steps[i].after), steps[i].y + BAR, steps[i + 1].y) for i in range(len(steps) - 2)
    )
    markers = (
        # The upper label is often drawn leftwards, across the lower line: it goes on top,
        # where the lower line has not started yet.
        _marker(scale, pair.upper_threshold, "Link automatically", 16),
        _marker(scale, pair.lower_threshold, "Review", 38),
    )
    return Waterfall(
        steps=tuple(steps),
        zero_x=scale.x(0.0),
        markers=markers,
        height=TOP + len(steps) * ROW + 10,
        connectors=connectors,
    )


def _marker(scale: _Scale, value: float, label: str, text_y: float) -> Marker:
    """A threshold's dashed line, labelled on its right unless the label would run off."""
    x = scale.x(value)
    text = f"{label} ({total(value)})"
    fits_right = x + 4 + len(text) * CHARACTER <= WIDTH
    return Marker(
        x=x,
        label=text,
        text_x=x + 4 if fits_right else x - 4,
        text_y=text_y,
        text_anchor="start" if fits_right else "end",
    )
