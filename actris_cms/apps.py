from django.apps import AppConfig


class ActrisConfig(AppConfig):
    name = "actris_cms"
    verbose_name = "ACTRIS site"

    def ready(self):
        from .signals import connect

        connect()
