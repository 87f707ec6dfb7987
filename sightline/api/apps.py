from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sightline.api"
    label = "api"
