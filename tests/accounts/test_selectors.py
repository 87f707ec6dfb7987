"""Reads of users that other apps may make: how each is named."""

import pytest

from sightline.accounts.selectors import user_display_names

pytestmark = pytest.mark.django_db


def test_users_are_named_by_their_display_name_or_else_their_username(make_practitioner, school):
    named = make_practitioner(school, username="jo.bell")
    unnamed = make_practitioner(school, username="sam.reed")
    unnamed.display_name = ""
    unnamed.save()

    names = user_display_names(ids=[named.pk, unnamed.pk, unnamed.pk, 999_999])

    assert names == {named.pk: named.display_name, unnamed.pk: "sam.reed"}
    assert user_display_names(ids=[]) == {}
