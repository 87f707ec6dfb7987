from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "sightline.households"
    label = "households"
