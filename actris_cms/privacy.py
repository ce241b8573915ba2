"""Private sections (Wagtail's page view restrictions) in as few queries as the checks allow.

Wagtail looks up a page's ancestors and then their restrictions (two queries on every page
view), and ``PageQuerySet.public()`` fetches every restriction before it can filter (one more
query per listing). Here both are one query or none: the restrictions that apply to a page come
from one join, and listings leave out private sections with a subquery.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def in_private_section() -> Exists:
    """A filter expression for pages inside a section that has a view restriction."""
    return Exists(
        PageViewRestriction.objects.filter(
            StartsWith(ExpressionWrapper(OuterRef("path"), CharField()), F("page__path"))
        )
    )


class ViewRestrictionsMixin:
    """On every page model: the view restrictions of a page and its ancestors, in one query (an
    alias takes its source page's restrictions, as in Wagtail). The result is kept on the page,
    so serving it can tell whether the response is private without asking again."""

    def get_view_restrictions(self):
        if getattr(self, "_view_restrictions", None) is None:
            paths = [
                self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
            ]
            self._view_restrictions = PageViewRestriction.objects.filter(
                Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
            ).distinct()
        return self._view_restrictions

    def is_private(self) -> bool:
        return bool(self.get_view_restrictions())
