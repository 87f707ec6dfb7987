from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sightline.web"
    label = "web"
