"""Reports > Import to-do list: what the import left for a person, until it is fixed."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ReviewItem
from .review import SETTINGS_OF, kind_label


def kind_choices():
    codes = ReviewItem.objects.filter(resolved_at__isnull=True).values_list("code", flat=True)
    return sorted({(code, kind_label(code)) for code in codes.distinct()}, key=lambda c: c[1])


class ReviewItemFilterSet(WagtailFilterSet):
    code = django_filters.ChoiceFilter(label="Kind", choices=kind_choices)
    page = django_filters.CharFilter(
        label="Page title", field_name="page__title", lookup_expr="icontains"
    )

    class Meta:
        model = ReviewItem
        fields = ["code", "page"]


def edit_url(item) -> str | None:
    """The page's or setting's editor; None for a file only the Isomer source can fix."""
    if item.page_id is not None:
        return reverse("wagtailadmin_pages:edit", args=[item.page_id])
    if setting := SETTINGS_OF.get(item.source_path):
        return reverse("wagtailsettings:edit", args=["siteconfig", setting])
    return None


class FixColumn(Column):
    """Where to fix it: the page (or setting) and, for alt text, the picture's own edit view,
    where its description becomes the alt text offered wherever the picture is chosen next
    (the page's own alt text is changed in the page)."""

    def get_value(self, instance):
        url = edit_url(instance)
        if url is None:
            return "Fix the Isomer file and import again"
        button = '<a class="button button-small button-secondary" href="{}">{}</a>'
        label = "Edit page" if instance.page_id else "Edit settings"
        links = [format_html(button, url, label)]
        if instance.image_id:
            image_url = reverse("wagtailimages:edit", args=[instance.image_id])
            links.append(format_html(button, image_url, "Edit image"))
        return format_html_join(" ", "{}", ((link,) for link in links))


class ImportTodoView(ReportView):
    """Open items on pages the user may edit (and site-wide ones), in page order."""

    page_title = "Import to-do list"
    header_icon = "tasks"
    template_name = "importers/todo_report.html"
    index_url_name = "import_todo"
    index_results_url_name = "import_todo_results"
    filterset_class = ReviewItemFilterSet
    model = ReviewItem
    list_export = ["code", "message", "page_title", "source_path", "line", "raised_at"]
    export_headings = {"code": "Kind", "page_title": "Page", "source_path": "Isomer file"}
    columns = [
        TitleColumn("message", label="To do", get_url=edit_url),
        Column("kind", label="Kind", accessor=lambda item: kind_label(item.code)),
        Column("page", label="Page", accessor="page_title"),
        Column(
            "where",
            label="In the Isomer file",
            accessor=lambda i: i.source_path + (f":{i.line}" if i.line else ""),
        ),
        FixColumn("fix", label="Fix"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_any_permission(request.user, ["change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            ReviewItem.objects.filter(resolved_at__isnull=True)
            .filter(Q(page__isnull=True) | Q(page__in=editable.values("pk")))
            .select_related("page")
            .order_by("page__path", "line", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["left"] = self.get_queryset().count()
        context["done"] = ReviewItem.objects.filter(resolved_at__isnull=False).count()
        return context
