"""Make every rendition the site's live pages show (run after restoring media, say)."""

import time

from django.core.management.base import BaseCommand
from wagtail.models import Page

from actris_cms.renditions import warm_all
from siteconfig.models import SiteIdentity


class Command(BaseCommand):
    help = "Create the image renditions every live page needs, so no visitor waits for one."

    def handle(self, *args, **options):
        started = time.perf_counter()
        pages = Page.objects.live().specific()
        made = warm_all(
            pages, SiteIdentity.objects.select_related("logo", "favicon", "share_image")
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Renditions made: {made} for {pages.count()} live pages in {elapsed:.1f} s."
        )
