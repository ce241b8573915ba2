"""Reports > Import to-do list: what the import left for a person, until it is fixed."""

from urllib.parse import unquote

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
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


def open_items_for(user):
    """The open items ``user`` can fix: on pages they may edit, and the site-wide ones. The
    dashboard counts these, and the list shows them."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return ReviewItem.objects.filter(resolved_at__isnull=True).filter(
        Q(page__isnull=True) | Q(page__in=editable.values("pk"))
    )


def plain_message(item) -> str:
    """The message as people read it: addresses without their %20-style escapes."""
    return unquote(item.message)


def where_in_source(item) -> str:
    return item.source_path + (f", line {item.line}" if item.line else "")


class FixColumn(Column):
    """Where to fix it: the page (or setting). Alt text is the page's own: the picture's edit
    view changes the description offered next time it is chosen, not this page, so it is not
    offered here."""

    def get_value(self, instance):
        url = edit_url(instance)
        if url is None:
            return "Fix the Isomer file and import again"
        label = "Edit page" if instance.page_id else "Edit settings"
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>', url, label
        )


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
        TitleColumn("message", label="To do", get_url=edit_url, accessor=plain_message),
        Column("kind", label="Kind", accessor=lambda item: kind_label(item.code)),
        Column("page", label="Page", accessor="page_title"),
        Column(
            "where",
            label="In the Isomer file",
            accessor=where_in_source,
        ),
        FixColumn("fix", label="Fix"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_any_permission(request.user, ["change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            open_items_for(self.request.user)
            .select_related("page")
            .order_by("page__path", "line", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["left"] = self.get_queryset().count()
        context["done"] = ReviewItem.objects.filter(resolved_at__isnull=False).count()
        return context
