"""What the importer remembers between runs: where each page and file came from."""

from django.db import models
from wagtail.models import Page


class ImportedPage(models.Model):
    """An Isomer source file behind a Wagtail page, and the revision the import last wrote.

    A page whose latest revision is not ``revision_id`` was edited in Wagtail since the import:
    a re-run leaves it alone (and reports it) unless told to overwrite.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="isomer_import")
    source_path = models.CharField(max_length=1024, unique=True)
    permalink = models.CharField(max_length=1024, blank=True)
    front_matter = models.JSONField(default=dict, blank=True)
    revision_id = models.BigIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.source_path


class ImportedFile(models.Model):
    """An Isomer media file (image or document) and the Wagtail object made from it."""

    IMAGE = "image"
    DOCUMENT = "document"
    source_path = models.CharField(max_length=1024, unique=True)
    kind = models.CharField(max_length=10, choices=[(IMAGE, "Image"), (DOCUMENT, "Document")])
    object_id = models.BigIntegerField()
    file_hash = models.CharField(max_length=40, db_index=True)

    def __str__(self):
        return self.source_path
