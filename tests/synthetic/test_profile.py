import pytest

from sightline.synthetic.profile import DEFAULT_PROFILE, ProfileError, profile_load


def test_every_rate_in_the_profile_has_a_stated_source_or_reasoning():
    """Above every value (past neighbouring values and table headers) there is a comment."""
    lines = DEFAULT_PROFILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if "=" not in line or line.startswith(("#", "[")):
            continue
        above = number - 1
        while above >= 0 and ("=" in lines[above] or lines[above].startswith("[")):
            above -= 1
        assert lines[above].startswith("#"), f"profile line {number + 1} has no comment: {line}"


def test_a_missing_rate_is_named():
    with pytest.raises(ProfileError, match="recording.no_such_rate"):
        profile_load().rate("recording.no_such_rate")


def test_rates_must_be_probabilities(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[recording]\nnickname_rate = 1.5\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="between 0 and 1"):
        profile_load(path).rate("recording.nickname_rate")


def test_a_value_can_be_overridden_without_changing_the_original():
    profile = profile_load()
    changed = profile.with_value("harm.share", 0.1)
    assert changed.rate("harm.share") == 0.1
    assert profile.rate("harm.share") == 0.03
    assert changed.digest != profile.digest
    with pytest.raises(ProfileError):
        profile.with_value("harm.share", 2.0)
