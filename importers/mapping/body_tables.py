"""HTML tables in page bodies: a table block for data, plain content for layout tables."""

import html as html_lib
import re

from bs4 import Tag

from blocks.article import CELL_FEATURES

from .figures import figure_width

_PLAIN_PARAGRAPH = re.compile(r'<p data-block-key="[^"]*">([^<]*)</p>')
LAYOUT_SIGNS = ["img", "h1", "h2", "h3", "h4", "table", "iframe"]


def is_plain_paragraph(rich) -> bool:
    """Rich text that is one paragraph of unformatted text (or nothing)."""
    return not rich or isinstance(rich, str) and _PLAIN_PARAGRAPH.fullmatch(rich) is not None


def plain_text(rich: str) -> str:
    match = _PLAIN_PARAGRAPH.fullmatch(rich or "")
    return html_lib.unescape(match.group(1)) if match else ""


def own_rows(tag: Tag) -> list[Tag]:
    """The rows of the table ``tag`` itself, not of tables nested in its cells."""
    return [tr for tr in tag.find_all("tr") if tr.find_parent("table") is tag]


def table_rows(tag: Tag) -> tuple[list | None, list[list]]:
    """(header cells or None, body rows of cells) of an HTML table."""
    rows = [tr.find_all(["td", "th"], recursive=False) for tr in own_rows(tag)]
    rows = [row for row in rows if row]
    if rows and (tag.find("thead") or all(cell.name == "th" for cell in rows[0])):
        return rows[0], rows[1:]
    return None, rows


_CELL_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([1-9]\d?)\s*%", re.I)


def lone_picture(cell: Tag) -> Tag | None:
    """The picture that is all a layout cell holds (line breaks and spaces aside), or None."""
    pictures = cell.find_all("img")
    if len(pictures) != 1 or cell.get_text(strip=True) or cell.find(LAYOUT_SIGNS[1:]):
        return None
    return pictures[0]


def place_picture_beside_text(cells: list[Tag]) -> None:
    """A layout table's row of a picture cell next to a text cell is the Isomer way to put a
    picture beside text. The picture becomes a float on its cell's
    side of that text (right of the text before it, else left of the text after it), as wide
    as its cell when it gives no width of its own; its cell moves ahead of the text in the
    tree, so that the text flows beside it."""
    for index, cell in enumerate(cells):
        if (img := lone_picture(cell)) is None:
            continue
        before = cells[index - 1] if index and cells[index - 1].get_text(strip=True) else None
        after = next(iter(cells[index + 1 : index + 2]), None)
        if before is None and (after is None or not after.get_text(strip=True)):
            continue
        img["style"] = re.sub(r"float\s*:\s*\w+;?", "", img.get("style") or "", flags=re.I)
        img["align"] = "right" if before is not None else "left"
        if not figure_width(img) and (width := _CELL_WIDTH.search(cell.get("style") or "")):
            img["width"] = f"{width.group(1)}%"
        if before is not None:
            before.insert_before(cell.extract())
        return


def convert_table(converter, tag: Tag) -> None:
    """Add ``tag`` to the converter's blocks: as a table block, or as content if it is layout."""
    if tag.find(LAYOUT_SIGNS):
        # A table used for layout: its cells become ordinary content, in reading order; a
        # picture alone in a cell beside text stands beside that text, as the table showed it.
        converter.note(
            "layout_table", "A table used for page layout was turned into plain content."
        )
        for row in own_rows(tag):  # a table inside a cell is converted with that cell
            place_picture_beside_text(row.find_all(["td", "th"], recursive=False))
            for cell in row.find_all(["td", "th"], recursive=False):
                for child in list(cell.children):
                    converter.node(child)
        return
    header, rows = table_rows(tag)
    if not rows and header is None:
        return
    width = max([len(header or [])] + [len(row) for row in rows])
    cells = [
        [
            converter.rich_text(cell.decode_contents(), CELL_FEATURES) if cell is not None else ""
            for cell in row + [None] * (width - len(row))
        ]
        for row in rows
    ]
    columns = []
    for index in range(width):
        rich = any(not is_plain_paragraph(row[index]) for row in cells)
        heading = header[index].get_text(" ", strip=True) if header and index < len(header) else ""
        columns.append({"type": "rich_text" if rich else "text", "heading": heading})
    values = [
        {
            "values": [
                value if column["type"] == "rich_text" else plain_text(value)
                for column, value in zip(columns, row, strict=True)
            ]
        }
        for row in cells
    ]
    caption = tag.find("caption")
    converter.add(
        "table",
        {
            "caption": caption.get_text(" ", strip=True)[:255] if caption else "",
            "table": {"columns": columns, "rows": values},
        },
    )
