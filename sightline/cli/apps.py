from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "sightline.cli"
    label = "cli"
