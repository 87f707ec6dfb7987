"""Plausible weights and heights for a child's age, sex and centile.

Medians approximate the UK-WHO growth charts closely enough for synthetic data; the spread around
them is a simple proportional one, so a falling centile gives a visibly falling weight.
"""

from bisect import bisect_right
from statistics import NormalDist

# Age in days -> median weight (kg) and height (cm), both sexes together.
_AGES = (0, 61, 183, 365, 730, 1095, 1826, 2922, 4018, 5114, 6209)
_WEIGHTS = (3.4, 5.6, 7.8, 9.6, 12.2, 14.3, 18.5, 25.5, 36.0, 50.0, 62.0)
_HEIGHTS = (50.0, 58.0, 67.0, 75.0, 87.0, 95.0, 110.0, 128.0, 145.0, 163.0, 172.0)
# Boys are a little heavier and taller than girls at most ages.
_SEX_FACTOR = {"M": 1.02, "F": 0.98, "U": 1.0}
_NORMAL = NormalDist()


def _median(values: tuple[float, ...], age_days: int) -> float:
    age = max(0, min(age_days, _AGES[-1]))
    i = max(1, min(bisect_right(_AGES, age), len(_AGES) - 1))
    low_age, high_age = _AGES[i - 1], _AGES[i]
    share = (age - low_age) / (high_age - low_age)
    return values[i - 1] + share * (values[i] - values[i - 1])


def measurement(age_days: int, sex: str, centile: float) -> dict[str, float]:
    """Weight and height at a centile (1-99), with the centiles as a health visitor records them."""
    centile = max(0.4, min(99.6, centile))
    z = _NORMAL.inv_cdf(centile / 100)
    factor = _SEX_FACTOR.get(sex, 1.0)
    weight = _median(_WEIGHTS, age_days) * factor * (1 + 0.11 * z)
    height = _median(_HEIGHTS, age_days) * factor * (1 + 0.04 * z)
    return {
        "weight_kg": round(weight, 2),
        "height_cm": round(height, 1),
        "weight_centile": round(centile, 1),
    }
