from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exporters.site import export_site


class Command(BaseCommand):
    help = "Write the Wagtail content back out as an Isomer site folder."

    def add_arguments(self, parser):
        parser.add_argument("out_dir", help="Folder to write (created; must be empty).")

    def handle(self, *args, out_dir, **options):
        target = Path(out_dir)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; choose a new or empty folder.")
        counts = export_site(target)
        self.stdout.write(f"Exported to {target}:")
        for name, count in sorted(counts.items()):
            self.stdout.write(f"  {name}: {count}")
