"""The POST data an editor's browser sends when they open an edit form and save it unchanged.

StreamField forms are built in the browser from the "form state" each block gives the admin's
JavaScript (``block.get_form_state``); the inputs that JavaScript creates are named by
convention (``body-0-type``, ``body-0-value-title``, ``-count``, ``-order``...). This module
writes the same inputs from the same form state, so a test can press Save on any page through
Django's real admin view, with the real form and its validation.
"""

import json

from django.forms import CheckboxInput
from django.forms.models import ModelChoiceIteratorValue
from wagtail import blocks
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.fields import StreamField


def block_post_data(block, state, prefix: str) -> dict:
    """Form inputs for ``block`` whose admin form state is ``state``."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": len(state or [])}
        for index, child in enumerate(state or []):
            item = f"{prefix}-{index}"
            data.update(
                {
                    f"{item}-type": child["type"],
                    f"{item}-id": child.get("id") or "",
                    f"{item}-deleted": "",
                    f"{item}-order": index,
                }
            )
            child_block = block.child_blocks[child["type"]]
            data.update(block_post_data(child_block, child["value"], f"{item}-value"))
        return data
    if isinstance(block, blocks.ListBlock):
        data = {f"{prefix}-count": len(state or [])}
        for index, child in enumerate(state or []):
            item = f"{prefix}-{index}"
            data.update({f"{item}-id": child.get("id") or "", f"{item}-deleted": ""})
            data[f"{item}-order"] = index
            data.update(block_post_data(block.child_block, child["value"], f"{item}-value"))
        return data
    if isinstance(block, TypedTableBlock):
        return _table_post_data(block, state, prefix)
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_post_data(child_block, (state or {}).get(name), f"{prefix}-{name}"))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if state else {}
    if isinstance(block, blocks.ChooserBlock) or isinstance(block, blocks.PageChooserBlock):
        return {prefix: state["id"] if state else ""}
    if isinstance(block, blocks.RichTextBlock):
        return {prefix: draftail_post_value(state)}
    return {prefix: "" if state is None else state}


def draftail_post_value(contentstate_json: str) -> str:
    """What Draftail posts: its content state, or "null" when the editor is empty
    (Draftail's serialiseEditorStateToRaw), which Wagtail stores as an empty string."""
    state = json.loads(contentstate_json or "null") or {"blocks": []}
    empty = all(
        not block["text"].strip()
        and not block.get("entityRanges")
        and not block.get("inlineStyleRanges")
        for block in state["blocks"]
    )
    return "null" if empty else contentstate_json


def _table_post_data(block, state, prefix):
    state = state or {"columns": [], "rows": [], "caption": ""}
    data = {
        f"{prefix}-caption": state.get("caption") or "",
        f"{prefix}-column-count": len(state["columns"]),
        f"{prefix}-row-count": len(state["rows"]),
    }
    for index, column in enumerate(state["columns"]):
        data.update(
            {
                f"{prefix}-column-{index}-type": column["type"],
                f"{prefix}-column-{index}-order": index,
                f"{prefix}-column-{index}-deleted": "",
                f"{prefix}-column-{index}-heading": column["heading"],
            }
        )
    for row_index, row in enumerate(state["rows"]):
        data[f"{prefix}-row-{row_index}-order"] = row_index
        data[f"{prefix}-row-{row_index}-deleted"] = ""
        for column_index, (column, value) in enumerate(
            zip(state["columns"], row["values"], strict=True)
        ):
            cell = f"{prefix}-cell-{row_index}-{column_index}"
            data.update(block_post_data(block.child_blocks[column["type"]], value, cell))
    return data


def _field_value(bound_field):
    value = bound_field.value()
    widget = bound_field.field.widget
    if isinstance(widget, CheckboxInput):
        return "on" if value else None
    if value is None:
        return ""
    if isinstance(widget, DraftailRichTextArea):
        return draftail_post_value(widget.format_value(value))
    if isinstance(value, ModelChoiceIteratorValue):
        return value.value
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [getattr(item, "pk", item) for item in value]
    formatted = widget.format_value(value)
    return "" if formatted is None else formatted


def edit_form_post_data(page, user, action: str = "action-publish") -> dict:
    """Everything the page's edit form posts when saved without a change."""
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user)
    data = {}
    for name in form.fields:
        model_field = page._meta.get_field(name) if name in _model_field_names(page) else None
        if isinstance(model_field, StreamField):
            block = model_field.stream_block
            data.update(block_post_data(block, block.get_form_state(getattr(page, name)), name))
            continue
        value = _field_value(form[name])
        if value is not None:
            data[name] = value
    for formset in getattr(form, "formsets", {}).values():
        data.update(_formset_post_data(formset))
    data[action] = action
    return data


def _formset_post_data(formset) -> dict:
    """Form inputs for an inline formset: its management form, then each child form's fields."""
    management = formset.management_form
    data = {f"{formset.prefix}-{name}": management[name].value() for name in management.fields}
    for index, child_form in enumerate(formset.forms):
        for name in child_form.fields:
            value = _field_value(child_form[name])
            if value is not None:
                data[f"{formset.prefix}-{index}-{name}"] = value
    return data


def _model_field_names(page) -> set[str]:
    return {field.name for field in page._meta.get_fields()}
