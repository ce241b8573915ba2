"""Everything a release needs before it serves: migrate, static files, groups and workflow.

Safe to run on every start of every instance: on PostgreSQL an advisory lock makes instances
that start together take turns (the second finds nothing left to do).
"""

import os
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

DEPLOY_LOCK = 7_310_245  # any fixed number, the same for every instance


@contextmanager
def deploy_lock():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [DEPLOY_LOCK])
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [DEPLOY_LOCK])


class Command(BaseCommand):
    help = "Migrate, collect static files and set up groups and workflows (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-static", action="store_true", help="Skip collectstatic (built into the image)."
        )
        parser.add_argument(
            "--check-level",
            default=os.environ.get("DEPLOY_CHECK_LEVEL", "WARNING"),
            choices=["WARNING", "ERROR"],
            help="Refuse to start on deploy-check messages of this level or worse.",
        )

    def handle(self, *args, no_static=False, check_level="WARNING", **options):
        call_command("check", deploy=True, fail_level=check_level, stdout=self.stdout)
        with deploy_lock():
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Database migrated.")
            if not no_static:
                call_command("collectstatic", interactive=False, verbosity=0)
                self.stdout.write("Static files collected.")
            call_command("setup_roles", stdout=self.stdout)
