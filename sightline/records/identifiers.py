"""Identifier checks: NHS number, UPN, PNC ID and postcode. Pure, no Django.

Sources: NHS Data Dictionary (NHS number modulus 11); DfE "Unique pupil numbers" guidance
(UPN modulus 23 check letter, temporary UPNs); the PNC ID check character (modulus 23 over
the two-digit year and the serial number); BS 7666 postcode formats.
"""

import re

# Letters used for UPN and PNC check characters: 23 of them, I, O and S left out.
_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value)


def is_valid_nhs_number(value: str) -> bool:
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False  # such numbers are never issued
    return check == int(digits[9])


def normalise_upn(value: str) -> str:
    return value.strip().upper()


def is_valid_upn(value: str) -> bool:
    """A 13-character UPN: check letter, LA code, school, year, serial; temporary ones end in a
    letter (A=0 … Z=22, without I, O, S)."""
    upn = normalise_upn(value)
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
        return False
    if upn[0] not in _CHECK_LETTERS:
        return False
    last = upn[12]
    if last.isalpha() and last not in _CHECK_LETTERS:
        return False
    values = [int(c) for c in upn[1:12]]
    values.append(_CHECK_LETTERS.index(last) if last.isalpha() else int(last))
    total = sum(v * w for v, w in zip(values, range(2, 14), strict=True))
    return _CHECK_LETTERS[total % 23] == upn[0]


# The PNC alphabet starts with Z (remainder 0); otherwise it is the UPN alphabet.
_PNC_CHECK_LETTERS = "Z" + _CHECK_LETTERS[:-1]
_PNC = re.compile(r"^(\d{2}|\d{4})/(\d{1,7})([A-Z])$")


def normalise_pnc_id(value: str) -> str:
    return value.strip().upper()


def is_valid_pnc_id(value: str) -> bool:
    """YY/NNNNNNNC or YYYY/NNNNNNNC; C = letter for (YY * 10^7 + serial) mod 23."""
    match = _PNC.match(normalise_pnc_id(value))
    if not match:
        return False
    year, serial, check = match.groups()
    number = int(year[-2:] + serial.zfill(7))
    return _PNC_CHECK_LETTERS[number % 23] == check


_POSTCODE = re.compile(
    r"^(GIR 0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|"
    r"[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) "
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Upper case, one space before the inward code (the last three characters)."""
    compact = re.sub(r"\s+", "", value).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def is_valid_postcode(value: str) -> bool:
    """Checks the written form: callers normalise first (normalise_postcode) where they accept
    loose input."""
    return bool(_POSTCODE.match(value))


VALIDATORS = {
    "nhs_number": (normalise_nhs_number, is_valid_nhs_number),
    "upn": (normalise_upn, is_valid_upn),
    "former_upn": (normalise_upn, is_valid_upn),
    "pnc_id": (normalise_pnc_id, is_valid_pnc_id),
}
