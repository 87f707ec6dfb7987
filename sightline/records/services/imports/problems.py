"""Collecting every problem in a file, so that one run names them all."""

from sightline.core.exceptions import FieldProblem, InvalidInput

# Enough to fix a file by; a file with more problems than this is usually wrong throughout.
LISTED_PROBLEMS = 1_000


class ProblemList:
    def __init__(self, limit: int = LISTED_PROBLEMS) -> None:
        self.limit = limit
        self.listed: list[FieldProblem] = []
        self.unlisted = 0

    def add(self, row: int | None, field: str, message: str) -> None:
        if len(self.listed) < self.limit:
            self.listed.append(FieldProblem(field=field, message=message, row=row))
        else:
            self.unlisted += 1

    def add_invalid(self, error: InvalidInput, row: int | None) -> None:
        for problem in error.problems:
            where = problem.row if problem.row is not None else row
            self.add(where, problem.field, problem.message)

    def __bool__(self) -> bool:
        return bool(self.listed)

    def raise_if_any(self) -> None:
        if not self.listed:
            return
        problems = list(self.listed)
        if self.unlisted:
            problems.append(
                FieldProblem(
                    field="file",
                    message=f"{self.unlisted:,} more problems are not listed; fix these first",
                )
            )
        raise InvalidInput(problems)
