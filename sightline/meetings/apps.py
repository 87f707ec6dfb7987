from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "sightline.meetings"
    label = "meetings"
