"""Documents follow the pages that use them: a file entry awaiting approval keeps its file."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex


def document_is_public(document) -> bool:
    """A document used by pages is public once one of them is live and public; a document no
    page uses is public, as Wagtail has it."""
    pages = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=pages)
    page_ids = [int(i) for i in references.values_list("object_id", flat=True) if i.isdigit()]
    if not page_ids:
        return True
    return Page.objects.filter(id__in=page_ids).live().public().exists()


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None  # editors and moderators review drafts
    if not document_is_public(document):
        raise Http404("This document is not published yet.")
    return None
