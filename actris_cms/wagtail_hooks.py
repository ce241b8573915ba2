from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_css():
    """The project's few corrections to the admin's own styles (static/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_homepage_panels")
def review_panel(request, panels):
    """'Compare with previous version' skips identical autosaved revisions (workflow_compare)."""
    from .workflow_compare import use_review_panel

    use_review_panel(request, panels)
