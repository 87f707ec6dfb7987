"""The drawn body map: every coded region, big enough to hit, none on top of another."""

from itertools import combinations

import pytest

from sightline.records.schema.body_map import REGIONS, Side, View
from sightline.web.figures import FIGURES, WIDTH

MINIMUM = 24  # WCAG 2.2 target size, in CSS pixels (one figure unit is one pixel)


def test_every_region_is_drawn_once():
    drawn = [d.region.code for figure in FIGURES for d in figure.regions]
    assert sorted(drawn) == sorted(r.code for r in REGIONS)
    assert len(drawn) == 52


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f.view.value)
def test_regions_are_big_enough_and_do_not_overlap(figure):
    boxes = {d.region.code: d.shape for d in figure.regions}
    for code, shape in boxes.items():
        assert shape.width >= MINIMUM and shape.height >= MINIMUM, code
    for (a, first), (b, second) in combinations(boxes.items(), 2):
        apart = (
            first.x + first.width <= second.x
            or second.x + second.width <= first.x
            or first.y + first.height <= second.y
            or second.y + second.height <= first.y
        )
        assert apart, f"{a} overlaps {b}"


def test_the_child_s_right_is_on_the_viewer_s_left_from_the_front_only():
    for figure in FIGURES:
        for drawn in figure.regions:
            on_viewer_left = drawn.shape.x + drawn.shape.width / 2 < WIDTH / 2
            if drawn.region.side is Side.MIDLINE:
                assert drawn.shape.x + drawn.shape.width / 2 == WIDTH / 2, drawn.region.code
            elif figure.view is View.FRONT:
                assert on_viewer_left == (drawn.region.side is Side.RIGHT), drawn.region.code
            else:
                assert on_viewer_left == (drawn.region.side is Side.LEFT), drawn.region.code
