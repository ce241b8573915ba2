"""First-run set-up used by `make run`: sample content and an admin account. Safe to re-run.

On the first run (the homepage has no content yet) it imports the bundled sample Isomer site,
`sample_content/actris-site/` (a cut of the real ACTRIS site: homepage, menu, footer, one
collection, the contact page and six newsroom entries, with their images and files). Later runs
leave the content alone, so editors' work is never overwritten.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from actris_cms.served import dev_server_url
from home.models import HomePage

SAMPLE_SITE = Path(settings.BASE_DIR) / "sample_content" / "actris-site"


class Command(BaseCommand):
    help = (
        "Import the bundled sample site (first run only), set up the site's and the newsroom's "
        "groups and reviews (setup_roles), and create an admin account."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", default="admin")
        parser.add_argument(
            "--url",
            help="The address the site is served on, printed with the admin sign-in "
            "(default: http://$HOST:$PORT/, else http://127.0.0.1:8000/).",
        )

    def handle(self, *args, admin_username, url, **options):
        admin_url = (url or dev_server_url()).rstrip("/") + "/admin/"
        homepage = HomePage.objects.first()
        if homepage is None or homepage.latest_revision_id is None:
            self.stdout.write(f"Importing the sample site ({SAMPLE_SITE.name})...")
            call_command("import_isomer", str(SAMPLE_SITE), stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write("Homepage already has content; sample import skipped.")

        call_command("setup_roles", stdout=self.stdout)

        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"An admin account exists. Sign in at {admin_url} (reset a password with: "
                "python manage.py changepassword USERNAME)."
            )
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(admin_username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin account created. Sign in at {admin_url} with\n"
                f"  username: {admin_username}\n  password: {password}\n"
                "(shown once; change it with: python manage.py changepassword "
                f"{admin_username})\n"
            )
        )
