from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sightline.access"
    label = "access"
