"""Editor limits in stream data, found by walking the block definitions (no database)."""

from wagtail import blocks

from blocks.editor_rules import EditorLimitMixin, visible_length


def over_editor_limits(block, raw, path="") -> list[tuple[str, int, int]]:
    """(path, limit, length) for every value in ``raw`` that is longer than its editor limit."""
    found = []
    if isinstance(block, blocks.StreamBlock):
        for position, child in enumerate(raw or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                found += over_editor_limits(
                    child_block, child.get("value"), f"{path}[{position}].{child['type']}"
                )
    elif isinstance(block, blocks.ListBlock):
        for position, item in enumerate(raw or []):
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            found += over_editor_limits(block.child_block, value, f"{path}[{position}]")
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            found += over_editor_limits(child_block, raw.get(name), f"{path}.{name}")
    elif isinstance(block, EditorLimitMixin) and block.editor_limit and isinstance(raw, str):
        length = visible_length(raw, rich=isinstance(block, blocks.RichTextBlock))
        if length > block.editor_limit:
            found.append((path.lstrip("."), block.editor_limit, length))
    return found
