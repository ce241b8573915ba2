"""A page mostly in Chinese, Malay or Tamil is marked so (issue 18, item 6): set at import from
its text, editable, on ``<html lang>`` and on its newsroom tile."""

import pytest

from content.models import StandardPage
from importers.normalise.language import detect_language
from newsroom.models import NewsEntryPage

from .conftest import isomer_sites
from .site_helpers import run_import, simple_page, small_site

CHINESE = "新加坡政府将继续支持提高国民健康水平的努力。如果您对本计划以及部门提供的服务有任何疑问，请联系我们。"
MALAY = (
    "Kerajaan akan terus menyokong usaha untuk meningkatkan kesihatan rakyat. Sila hubungi kami "
    "jika anda mempunyai sebarang pertanyaan tentang program ini dan perkhidmatan yang disediakan."
)
TAMIL = (
    "சிங்கப்பூர் அரசாங்கம் மக்களின் ஆரோக்கியத்தை மேம்படுத்தும் முயற்சிகளைத் தொடர்ந்து ஆதரிக்கும். "
    "இந்தத் திட்டம் பற்றி ஏதேனும் கேள்விகள் இருந்தால் எங்களைத் தொடர்பு கொள்ளவும்."
)
ENGLISH = "ACTRIS supports cell therapy manufacturing for the clinical trials of its partners."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (CHINESE, "zh"),
        (MALAY, "ms"),
        (TAMIL, "ta"),
        (ENGLISH, ""),
        (
            f"<p class='lead'>{CHINESE}</p> <a href='https://example.com/a-long-english-path'>x</a>",
            "zh",
        ),
        # Bilingual, English first and longer: the site's language.
        (f"{ENGLISH} {ENGLISH} {ENGLISH} {CHINESE[:20]}", ""),
        ("新加坡", ""),  # too little to tell
        ("Sila hubungi kami", ""),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.django_db
def test_imported_pages_carry_their_language(tmp_path, client, admin_client):
    texts = {"zh": CHINESE, "ms": MALAY, "ta": TAMIL, "en": ENGLISH}
    site = small_site(
        tmp_path / "site",
        "Languages",
        {
            f"pages/{slug}.md": simple_page(slug, f"Page {slug}", text)
            for slug, text in texts.items()
        },
    )
    run_import(site)
    for slug, language in (("zh", "zh"), ("ms", "ms"), ("ta", "ta"), ("en", "en")):
        assert StandardPage.objects.get(slug=slug).language == language.replace("en", "")
        html = client.get(f"/{slug}/").content.decode()
        assert f'<html lang="{language}">' in html, slug
    # Editors see it, and may change it, in the page's settings.
    page = StandardPage.objects.get(slug="ms")
    form = admin_client.get(f"/admin/pages/{page.id}/edit/").content.decode()
    assert '<option value="ms" selected>Malay (Bahasa Melayu)</option>' in form


@pytest.mark.django_db
@pytest.mark.isomer_sites
def test_chinese_newsroom_links_are_marked_on_their_tiles(client):
    run_import(isomer_sites() / "enterprisesg-seeds")
    chinese = NewsEntryPage.objects.filter(language="zh")
    titles = set(chinese.values_list("title", flat=True))
    assert "推动精准医疗发展 我国以基因分析提升治疗成效" in titles
    assert not NewsEntryPage.objects.filter(language__in=["ms", "ta"]).exists()
    entry = chinese.get(title="推动精准医疗发展 我国以基因分析提升治疗成效")
    tile = f'<span lang="zh">{entry.title}</span>'
    listings = (client.get(entry.get_parent().url, {"page": n}) for n in range(1, 8))
    assert any(tile in listing.content.decode() for listing in listings)
