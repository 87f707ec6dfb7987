from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "sightline.agencies"
    label = "agencies"
