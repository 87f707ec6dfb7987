from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "sightline.notifications"
    label = "notifications"
