"""Reset an editor's two-step sign-in (lost phone, no recovery codes left)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log

from accounts import devices, policy


class Command(BaseCommand):
    help = (
        "Remove every two-step method of an account (e-mail, authenticator apps, recovery codes). "
        "Where two-step sign-in is required, the next sign-in sends a code to the account's "
        "e-mail address and starts again from there."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        with transaction.atomic():
            removed = devices.reset(user)
            log(instance=user, action="accounts.reset", data={"removed": removed})
        self.stdout.write(f"Removed {removed} two-step method(s) of {username}.")
        if policy.required(user):
            problem = policy.email_problem(user.email)
            if problem:
                self.stdout.write(
                    self.style.WARNING(
                        f"{problem} Correct it in Settings > Users before they sign in."
                    )
                )
            else:
                self.stdout.write(f"At the next sign-in a code is e-mailed to {user.email}.")
        else:
            self.stdout.write("Two-step sign-in is not required for this account: it is now off.")
