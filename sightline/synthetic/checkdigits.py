"""Synthetic identifiers with valid check characters: NHS numbers, UPNs, PNC ids, postcodes.

The maths is written out here rather than borrowed from the records app, so the population knows
nothing of the code it is used to test. Every identifier is made from a person's number through a
bijection, so two persons never share one.
"""

# Letters for UPN check characters: 23 of them, without I, O and S (DfE "Unique pupil numbers").
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
# The PNC check character: remainder 0 is Z, then the UPN letters in order.
PNC_LETTERS = "Z" + UPN_LETTERS[:-1]
# Inward-code letters allowed in a postcode (no C, I, K, M, O or V).
POSTCODE_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# A multiplier coprime with 10 makes n -> (n * A + B) mod 10^k a bijection on k-digit numbers.
_SCRAMBLE_MULTIPLIER = 76_543_213  # ends in 3: coprime with 2 and 5
_SCRAMBLE_OFFSET = 1_234_567_891


def scramble(number: int, digits: int, salt: int = 0) -> int:
    """A k-digit number that looks random but is unique for each input below 10^k."""
    modulus: int = 10**digits
    return (number * _SCRAMBLE_MULTIPLIER + _SCRAMBLE_OFFSET + salt) % modulus


def nhs_check_digit(body: str) -> int | None:
    """Modulus 11 over the first nine digits (NHS Data Dictionary); None when the body can never
    be issued (the check would be 10)."""
    total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number(person_number: int) -> str:
    """A valid NHS number beginning 9, a range not issued to patients in England (which issues
    4xx and 6xx-7xx numbers; 999 is the NHS test block)."""
    for attempt in range(16):
        body = "9" + f"{scramble(person_number * 16 + attempt, 8):08d}"
        check = nhs_check_digit(body)
        if check is not None:
            return body + str(check)
    raise ValueError(f"no valid NHS number for person {person_number}")  # (1/11)^16: never


def upn_check_letter(rest: str) -> str:
    """The check letter for the last twelve characters of a permanent UPN: weights 2 to 13 over
    its characters, remainder modulo 23 as a letter."""
    total = sum(int(c) * w for c, w in zip(rest, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23]


def upn(person_number: int, local_authority_code: str) -> str:
    """Check letter, the LA's three digits, then nine digits unique to the pupil (in real UPNs the
    school's number, year and a serial; uniqueness matters more here than their meaning)."""
    rest = local_authority_code + f"{scramble(person_number, 9, salt=17):09d}"
    return upn_check_letter(rest) + rest


def pnc_id(person_number: int, year: int) -> str:
    """A Police National Computer id, YYYY/NNNNNNNC, C = (YY * 10^7 + serial) mod 23."""
    serial = scramble(person_number, 7, salt=29)
    check = PNC_LETTERS[((year % 100) * 10**7 + serial) % 23]
    return f"{year}/{serial:07d}{check}"


def postcode(area: str, district: int, sector: int, unit: int) -> str:
    """A postcode in a fictional area: AREA + district, space, sector digit and two letters."""
    letters = POSTCODE_INWARD_LETTERS
    first, second = divmod(unit % (len(letters) ** 2), len(letters))
    return f"{area}{district} {sector % 10}{letters[first]}{letters[second]}"
