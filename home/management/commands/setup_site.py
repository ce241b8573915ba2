"""First-run set-up used by `make run`: sample content and an admin account. Safe to re-run."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.models import HomePage

SAMPLE_HOMEPAGE = Path(settings.BASE_DIR) / "sample_content" / "actris-homepage.md"


class Command(BaseCommand):
    help = "Import the bundled sample homepage (first run only) and create an admin account."

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")

    def handle(self, *args, admin_username, **options):
        homepage = HomePage.objects.first()
        if homepage is None or homepage.latest_revision_id is None:
            self.stdout.write("Importing the sample homepage...")
            call_command("import_isomer", str(SAMPLE_HOMEPAGE), stdout=self.stdout)
        else:
            self.stdout.write("Homepage already has content; sample import skipped.")

        call_command("setup_newsroom", stdout=self.stdout)

        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists (reset a password with: "
                "python manage.py changepassword USERNAME)."
            )
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(admin_username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\nAdmin account created. Sign in at http://127.0.0.1:8000/admin/ with\n"
                f"  username: {admin_username}\n  password: {password}\n"
                "(shown once; change it with: python manage.py changepassword "
                f"{admin_username})\n"
            )
        )
