"""Signing in, with GOV.UK wording for each problem."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm

from sightline.web.forms.base import GovukForm


class SignInForm(GovukForm, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your Sightline administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.error_messages["required"] = "Enter your username"
        password.error_messages["required"] = "Enter your password"
        username.widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        username.widget.attrs.pop("autofocus", None)
        password.widget.attrs.update({"autocomplete": "current-password"})

    def error_links(self) -> list[tuple[str, str]]:
        """A failed sign-in is about the pair, so its message leads to the username."""
        return [
            (href or f"#{self['username'].auto_id}", message)
            for href, message in super().error_links()
        ]
