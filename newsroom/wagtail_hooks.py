"""Documents follow the pages that use them: a file entry awaiting approval keeps its file."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex, Revision


def awaits_an_entry(document) -> bool:
    """Is ``document`` the file of a file entry's draft or of a change awaiting approval?"""
    from .models import NewsEntryPage

    entries = ContentType.objects.get_for_model(NewsEntryPage)
    revisions = Revision.objects.filter(content_type=entries, content__document=document.pk)
    live = dict(
        NewsEntryPage.objects.filter(
            pk__in=[int(i) for i in revisions.values_list("object_id", flat=True)]
        ).values_list("pk", "live_revision_id")
    )
    # Newer than the entry's live revision: a draft or a change not yet approved. (An older
    # one was published once, and its file stays where visitors may have linked to it.)
    return any(
        live.get(int(object_id)) is None or revision_id > live[int(object_id)]
        for revision_id, object_id in revisions.values_list("pk", "object_id")
    )


def document_is_public(document) -> bool:
    """A document used by pages is public once one of them is live and public (the reference
    index holds live content). A document that is a file entry's file only in its draft or in
    a change awaiting approval waits for it; a document no page uses is public, as Wagtail has
    it. (A document linked from the text of a pending change is not held back.)"""
    pages = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=pages)
    page_ids = [int(i) for i in references.values_list("object_id", flat=True) if i.isdigit()]
    if page_ids:
        from .models import NewsEntryPage

        # An entry dated in the future is not on the site yet, nor is its file.
        later = NewsEntryPage.objects.dated_later().values("pk")
        return Page.objects.filter(id__in=page_ids).live().public().exclude(pk__in=later).exists()
    return not awaits_an_entry(document)


@hooks.register("before_serve_document")
def documents_follow_their_pages(document, request):
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None  # editors and moderators review drafts
    if not document_is_public(document):
        raise Http404("This document is not published yet.")
    return None


@hooks.register("insert_editor_js")
def entry_kind_js():
    """An entry's editor shows the fields of its kind only (newsroom/static/newsroom)."""
    return format_html('<script src="{}"></script>', static("newsroom/entry-kind.js"))
