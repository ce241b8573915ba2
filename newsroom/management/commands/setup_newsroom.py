from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "The same as setup_roles (the site's and the newsroom's groups and reviews)."

    def handle(self, *args, **options):
        call_command("setup_roles", stdout=self.stdout)
