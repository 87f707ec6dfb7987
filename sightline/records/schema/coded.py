"""Coded answers for the child-centred questions: yes, no with a coded reason, or not
applicable; never blank, so that "why was it not recorded?" can be counted."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"


class CodedAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    answer: Answer
    # With "no": why not (a reason code). With the interpreter's "yes": who interpreted.
    code: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        """Accept the compact written form used in files and forms: "no:parent_refused"."""
        if isinstance(value, str):
            answer, _, code = value.strip().partition(":")
            return {"answer": answer.strip().lower(), "code": code.strip()}
        return value

    def as_text(self) -> str:
        return f"{self.answer.value}:{self.code}" if self.code else self.answer.value


def check_coded(
    value: CodedAnswer, *, name: str, reasons: dict[str, str], code_with: Answer = Answer.NO
) -> CodedAnswer:
    """The code must be present, and from its list, exactly when the answer needs one."""
    if value.answer is code_with:
        if value.code not in reasons:
            raise ValueError(
                f"{name}: answer {code_with.value!r} needs a code from: {', '.join(reasons)}"
            )
    elif value.code:
        raise ValueError(f"{name}: only the answer {code_with.value!r} takes a code")
    return value
