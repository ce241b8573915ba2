"""Odd but valid homepage documents: the importer keeps what it can and reports the rest.

Like tests/test_importer_pipeline.py, these run without a database: nothing before the write
step touches it.
"""

from importers.pipeline import prepare_homepage

from .conftest import write_document


def notes_of(mapped, code):
    """The notes of one code that mapping a document left."""
    return [note for note in mapped.notes if note.code == code]


ODD_DOCUMENT = """---
layout: homepage
title: Odd but valid
notification: <b>Heads up</b> <script>alert(1)</script><a href="javascript:alert(1)">x</a>
sections:
  - infobar:
      title: Infobar
      subtitle: Add informational text
      description: Infobar description
      button: Button Text
  - hero:
      title: A hero that is not first, with a title far longer than the sixty characters allowed
      button: Go
      url: javascript:alert(1)
      key_highlights:
        - title: One
        - title: Two
        - title: Three
        - title: Four
        - title: Five
  - hero:
      title: Second hero
  - resources:
      title: News
  - resources:
      title: More news
    infocols:
      title: Slip
      infoboxes:
        - title: Box
          description: Text
  - infopic:
      title: Pic
      image: /images/../../etc/passwd
      unknown_key: ignored
---
"""


def test_odd_input_is_kept_and_reported(tmp_path):
    mapped = prepare_homepage(write_document(tmp_path, ODD_DOCUMENT))
    assert [b["type"] for b in mapped.body] == [
        "infobar",
        "hero",
        "hero",
        "resources",
        "resources",
        "infocols",
        "infopic",
    ]
    codes = {note.code for note in mapped.notes}
    assert {
        "hero_not_first",
        "extra_hero",
        "extra_section",
        "two_sections_in_one_item",
        "over_count_limit",
        "placeholder",
        "refused_link",
        "sanitised_html",
        "unknown_field",
        "missing_alt",
    } <= codes
    hero = mapped.body[1]["value"]
    assert len(hero["key_highlights"]) == 5  # all kept, none dropped
    assert hero["link"]["url"] == ""  # the javascript: link never reaches the data
    assert "script" not in mapped.notification
    assert "javascript" not in mapped.notification
    assert mapped.notification.startswith('<p data-block-key="k0000"><b>Heads up</b>')
    placeholders = notes_of(mapped, "placeholder")
    assert len(placeholders) == 4
    assert all(note.line == 6 for note in placeholders)


def test_notification_html_is_sanitised_to_rich_text(tmp_path):
    path = write_document(
        tmp_path,
        '---\nlayout: homepage\ntitle: T\nnotification: <b>Bold</b><br>Visit <a target="_blank" '
        'href="https://www.scamshield.gov.sg/" onclick="x()">ScamShield</a>\nsections: []\n---\n',
    )
    mapped = prepare_homepage(path)
    assert mapped.notification == (
        '<p data-block-key="k0000"><b>Bold</b><br/>Visit '
        '<a href="https://www.scamshield.gov.sg/">ScamShield</a></p>'
    )
    (note,) = notes_of(mapped, "sanitised_html")
    assert "a[onclick]" in note.message and "a[target]" in note.message


def test_scalars_become_text(tmp_path):
    path = write_document(
        tmp_path,
        "---\nlayout: homepage\ntitle: 2024\nsections:\n  - announcements:\n      announcement_items:\n"
        "        - title: 42\n          date: 2024-03-01\n---\n",
    )
    mapped = prepare_homepage(path)
    assert mapped.title == "2024"
    item = mapped.body[0]["value"]["items"][0]["value"]
    assert (item["title"], item["date"]) == ("42", "2024-03-01")


def test_contact_texts_longer_than_their_fields_are_shortened_and_reported():
    from content.models import ContactPage
    from importers.mapping.contact import contact_fields

    long = "Clinical manufacturing enquiries " * 10  # 330 characters
    data = {
        "agency_name": long,
        "locations": [{"title": long, "operating_hours": [{"days": long, "time": long}]}],
        "contacts": [{"title": long, "content": [{"phone": "+65 6123 4567 " * 10}]}],
    }
    fields, notes = contact_fields(data, "pages/contact-us.md")
    shortened = [note for note in notes if note.code == "text_shortened"]
    assert len(shortened) == 6 and all(note.file == "pages/contact-us.md" for note in shortened)
    (phone,) = fields["contacts"][0]["value"]["details"]
    assert phone["type"] == "other" and phone["value"].count("+65 6123 4567") == 10
    assert len(fields["agency_name"]) <= 255 and fields["agency_name"].endswith("\u2026")
    for name in ("locations", "contacts"):  # what is stored passes the blocks' own checks
        block = ContactPage._meta.get_field(name).stream_block
        block.clean(block.to_python(fields[name]))
