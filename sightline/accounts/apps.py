from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sightline.accounts"
    label = "accounts"
