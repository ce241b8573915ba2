"""Finding the page for a URL in one look-up instead of one per path segment."""

from wagtail.models import Page


class SiteRootMixin:
    """On the page at the root of a site: route a request with one query for the deepest page
    whose URL is a prefix of the path, then let that page route the rest (a newsroom's feed and
    page numbers, or a 404), exactly as Wagtail's segment-by-segment routing would."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{part}/" for part in path_components[:length])
            for length in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .first()
        )
        if deepest is None:
            return super().route(request, path_components)  # Wagtail's own 404
        matched = deepest.depth - self.depth
        return deepest.specific.route(request, path_components[matched:])
