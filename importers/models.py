"""What the importer remembers between runs: where each page and file came from."""

from django.db import models
from wagtail.images import get_image_model_string
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
    # A hash of what the import last applied to make ``revision_id`` (fields, slug, permalink,
    # front matter): a re-run that would apply the same to that same revision changes nothing.
    written_key = models.CharField(max_length=64, blank=True)
    # The map step's output for this source, kept for re-runs: ``mapped`` is valid only while
    # ``mapped_key`` (a hash of the source document, the site's shared inputs and the importer's
    # code) is what the next run computes (``importers.mapping.cache``).
    mapped_key = models.CharField(max_length=64, blank=True)
    mapped = models.TextField(blank=True)

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


class ReviewItem(models.Model):
    """One thing an import could not do alone (an image without alt text, a broken link,
    simplified HTML...): the editors' to-do list (Reports > Import to-do list). An item is
    done when the page (or setting) no longer has the problem, re-checked whenever it is saved
    (``importers.review``)."""

    code = models.CharField(max_length=64, db_index=True)
    message = models.TextField()
    source_path = models.CharField(max_length=1024, db_index=True)
    line = models.PositiveIntegerField(null=True, blank=True)
    # What the page's content holds while the item is not done (an href, a stand-in alt text).
    subject = models.TextField(blank=True)
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    # The picture an alt-text item is about (described once in its edit view).
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the item's check compares against, as imported: a hash of the content (an item is
    # done once an editor changed it), or how many pictures/files the page must hold.
    content_hash = models.CharField(max_length=40, blank=True)
    needs_media = models.PositiveIntegerField(null=True, blank=True)
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["source_path", "line", "id"]

    def __str__(self):
        return f"{self.source_path}: {self.message}"

    @property
    def page_title(self) -> str:
        return self.page.title if self.page_id else "Site-wide"
