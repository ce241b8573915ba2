"""The contact page's locations and contacts, with help texts and previews for editors.

``content.models.ContactPage`` defines the same blocks (same fields, same templates); importing
``LocationBlock`` and ``ContactBlock`` from here instead gives its editors these help texts and
block-chooser previews (a change to content/models.py, followed by makemigrations).
"""

from urllib.parse import quote_plus

from wagtail import blocks

from .editor_rules import LINE_MAX_LENGTH, LimitedCharBlock
from .guidance import characters
from .links import URL_MAX_LENGTH, validate_web_url
from .previews import PREVIEW_TEMPLATE, PreviewMixin

CONTACT_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
HOURS_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 100


class OpeningHoursBlock(blocks.StructBlock):
    days = LimitedCharBlock(max_length=HOURS_MAX_LENGTH, help_text="e.g. Monday to Friday.")
    time = LimitedCharBlock(
        required=False, max_length=HOURS_MAX_LENGTH, help_text="e.g. 8.30am to 6pm."
    )
    description = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="e.g. Closed on public holidays."
    )

    class Meta:
        icon = "time"


class LocationValue(blocks.StructValue):
    @property
    def map_href(self) -> str:
        """The location's map: its own link, else a map search for its address (as Isomer)."""
        if self.get("maps_link"):
            return self["maps_link"]
        address = " ".join(line.strip() for line in (self.get("address") or "").splitlines())
        return f"https://maps.google.com/maps?q={quote_plus(address)}" if address.strip() else ""


class LocationBlock(PreviewMixin, blocks.StructBlock):
    title = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="Name of the place."
    )
    address = blocks.TextBlock(required=False, help_text="One line per address line.")
    opening_hours = blocks.ListBlock(
        OpeningHoursBlock(), default=[], help_text="Shown in this order; leave empty to hide."
    )
    maps_link = blocks.URLBlock(
        required=False,
        max_length=URL_MAX_LENGTH,
        validators=[validate_web_url],
        help_text='A Google Maps address (https://...), shown as "View on map". '
        + characters(URL_MAX_LENGTH),
    )

    class Meta:
        icon = "site"
        value_class = LocationValue
        label = "Location"
        description = "An address with opening hours and a map link."
        template = "content/blocks/location.html"
        preview_value = {
            "title": "Facility",
            "address": "30 Hospital Boulevard, #19-02,\nSingapore 168583",
            "opening_hours": [
                {
                    "days": "Monday to Friday",
                    "time": "8.30am to 6pm",
                    "description": "Closed on public holidays",
                }
            ],
            "maps_link": "https://www.google.com/maps/place/National+Cancer+Centre+Singapore/",
        }


class ContactDetailBlock(blocks.StreamBlock):
    phone = LimitedCharBlock(
        max_length=PHONE_MAX_LENGTH,
        help_text="As visitors dial it, e.g. +65 6123 4567.",
        description="A telephone number visitors can tap to call.",
        preview_value="+65 6123 4567",
        preview_template=PREVIEW_TEMPLATE,
    )
    email = blocks.EmailBlock(
        help_text="An address visitors can write to. Up to 320 characters.",
        description="An e-mail address.",
        preview_value="business@actris.cris.sg",
        preview_template=PREVIEW_TEMPLATE,
    )
    other = blocks.RichTextBlock(
        features=CONTACT_TEXT_FEATURES,
        help_text="Anything else: a fax number, a form, a note.",
        description="Any other contact detail, as text.",
        preview_value='<p>Or use our <a href="/contact-us/">enquiry form</a>.</p>',
        preview_template=PREVIEW_TEMPLATE,
    )


class ContactBlock(PreviewMixin, blocks.StructBlock):
    title = LimitedCharBlock(
        required=False, max_length=LINE_MAX_LENGTH, help_text="What the contact is for."
    )
    details = ContactDetailBlock(
        required=False, help_text="Phone numbers, e-mail addresses and other details."
    )

    class Meta:
        icon = "mail"
        label = "Contact"
        description = "Phone numbers and e-mail addresses for one kind of enquiry."
        template = "content/blocks/contact.html"
        preview_value = {
            "title": "General Enquiries",
            "details": [
                {"type": "email", "value": "business@actris.cris.sg"},
                {"type": "phone", "value": "+65 6123 4567"},
            ],
        }
