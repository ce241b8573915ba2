from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default = True
    verbose_name = "Editors' accounts"

    def ready(self):
        from django.conf import settings

        from .policy import MODES

        if settings.TWO_STEP_REQUIRED not in MODES:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"TWO_STEP_REQUIRED is {settings.TWO_STEP_REQUIRED!r}: use one of {', '.join(MODES)}."
            )


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's Users area, with forms that keep editors' addresses to the allowed domains."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
