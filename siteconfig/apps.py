from django.apps import AppConfig


class SiteconfigConfig(AppConfig):
    name = "siteconfig"
    verbose_name = "Site settings"
