from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def editor_limits_js():
    """Counts characters in fields with a length limit (blocks/editor_rules.py), never cutting."""
    return format_html('<script src="{}"></script>', static("blocks/editor-limits.js"))
