"""A hostile Isomer site, imported and then opened in Chromium: no payload runs.

Every payload would set the page's title to "pwned" (on load, on error, or when clicked).
"""

import io

import pytest
from django.core.management import call_command

from ..test_hostile import CONFIG, CONTACT, FOOTER, HOME, NAVIGATION, PWN, write

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

PAGE = f"""---
title: Hostile page
permalink: /hostile/
---
<p onclick="{PWN}">Click me</p>
<script>{PWN}</script>
<img src="/images/missing.png" onerror="{PWN}" alt="x">
<a href="javascript:{PWN}">a link</a>
<iframe src="javascript:{PWN}"></iframe>
<svg><script>{PWN}</script></svg>
{{% raw %}}{{{{ '<script>{PWN}</script>' }}}}{{% endraw %}}
"""


def test_no_payload_runs_in_the_browser(chromium, live_server, tmp_path):
    root = write(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + 'colors:\n  primary-color: "red}body{background:red}"\n',
            "index.md": HOME,
            "_data/footer.yml": FOOTER,
            "_data/navigation.yml": NAVIGATION,
            "pages/contact-us.md": CONTACT,
            "pages/about.md": "---\ntitle: About\npermalink: /about/\n---\nAbout us\n",
            "pages/hostile.md": PAGE,
        },
    )
    call_command("import_isomer", str(root), stdout=io.StringIO(), stderr=io.StringIO())
    context = chromium.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", "/contact-us/", "/hostile/", "/about/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert "pwned" not in page.title(), path
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")], (path, hrefs)
        assert not [h for h in hrefs if "evil.example" in h], (path, hrefs)
        planted = page.evaluate(
            """() => document.querySelectorAll(
                'main script, main iframe, main svg:not(.icon), [onclick], [onerror], [onload], [style]'
            ).length"""
        )
        assert planted == 0, path
        if page.locator("main p").count():
            page.locator("main p").first.click()  # on /hostile/, the paragraph that had onclick
            assert "pwned" not in page.title(), path
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 0, 0)"  # the colour could not escape its CSS rule
    assert dialogs == []
    context.close()
