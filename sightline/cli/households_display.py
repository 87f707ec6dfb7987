"""How the commands that derive households report what they did: one line, counts only."""

from sightline.households.data import DerivationSummary


def summary_line(summary: DerivationSummary) -> str:
    if not summary.changed:
        return (
            f"Households: nothing changed since they were last worked out "
            f"({summary.recorded_persons:,} recorded persons read)."
        )
    return (
        f"Households: {summary.households_formed:,} formed; {summary.joined:,} records joined "
        f"one, {summary.left:,} left one, {summary.role_changed:,} changed role "
        f"({summary.recorded_persons:,} recorded persons read)."
    )
