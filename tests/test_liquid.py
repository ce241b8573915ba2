"""Liquid in page bodies rendered from the site's _data, _includes and _config.yml, as Jekyll would;
what cannot be rendered keeps its static text and is reported, as before."""

import json
import os

import pytest

from importers.liquid import (
    MAX_LOOP_ITERATIONS,
    LiquidSite,
    load_liquid_site,
    render_liquid,
)
from importers.mapping.bodies import convert_body
from importers.parse import parse_site
from importers.read import read_site

from .site_helpers import run_import

AGENCIES = [
    {"name": "Land Authority", "year": 2019, "url": "/land/"},
    {"name": "Water Board", "year": 2021, "url": "/water/"},
    {"name": "Air Office", "year": 2021, "url": "/air/"},
]
CARD = '<div class="card">{{ include.title }}: {{ include.agency.name | upcase }}</div>'


def page(body_site: LiquidSite | None = None, **front_matter):
    site = body_site or LiquidSite(
        config={"title": "Agencies of the State", "baseurl": ""},
        data={"agencies": AGENCIES, "team": {"leads": [{"name": "Ada"}]}},
        includes={"card.html": CARD, "self.html": "x{% include self.html %}"},
    )
    return site.page({"title": "Who we are", **front_matter}, "/who/", "pages/who.md")


def codes(notes) -> list[str]:
    return [note.code for note in notes]


# -- rendering --------------------------------------------------------------------------------
def test_for_over_site_data_with_assign_capture_and_conditions():
    body = (
        "# {{ page.title }} at {{ site.title }}\n"
        "{% for agency in site.data.agencies %}<li>{{ agency.name }}</li>{% endfor %}\n"
        '{% assign recent = site.data.agencies | where: "year", "2021" | sort: "name" %}'
        "{% for a in recent %}[{{ a.name }}]{% endfor %}\n"
        "{% capture count %}{{ recent | size }}{% endcapture %}Recent: {{ count }}\n"
        "{% if recent.size > 1 %}many{% else %}few{% endif %} "
        "{% unless page.hidden %}shown{% endunless %} "
        "{% case site.data.team.leads[0].name %}{% when 'Ada' %}lead Ada{% endcase %}\n"
    )
    text, notes = render_liquid(body, page(), first_line=5)
    assert text.startswith("# Who we are at Agencies of the State\n")
    assert "<li>Land Authority</li><li>Water Board</li><li>Air Office</li>" in text
    assert "[Air Office][Water Board]" in text
    assert "Recent: 2" in text and "many shown lead Ada" in text
    (rendered,) = notes
    assert rendered.code == "liquid_rendered" and rendered.line == 5
    assert "check the result" in rendered.message


def test_jekyll_include_with_parameters_from_the_sites_includes():
    body = '{% include card.html title="First" agency=site.data.agencies[0] %}'
    text, notes = render_liquid(body, page())
    assert text == '<div class="card">First: LAND AUTHORITY</div>'
    assert codes(notes) == ["liquid_rendered"]


@pytest.mark.parametrize(
    "template, expected",
    [
        ("{{ '/files/a.pdf' | relative_url }}", "/files/a.pdf"),
        ("{{ 'images/b.png' | absolute_url }}", "/images/b.png"),
        ("{{ 'https://x.gov.sg/a' | relative_url }}", "https://x.gov.sg/a"),
        ("{{ 'Hello, World & Co' | slugify }}", "hello-world-co"),
        ("{{ site.data.team | jsonify }}", '{"leads": [{"name": "Ada"}]}'),
        ("{{ '*Bold* move' | markdownify }}", "<p><em>Bold</em> move</p>"),
        ("{{ '<b>&' | escape }}", "&lt;b&gt;&amp;"),
        ("{{ '2021-03-04' | date: '%d %b %Y' }}", "04 Mar 2021"),
        ("{{ '2021-03-04' | date_to_long_string }}", "04 March 2021"),
        (
            "{{ site.data.agencies | map: 'name' | join: ', ' }}",
            "Land Authority, Water Board, Air Office",
        ),
        ("{{ 'a b  c' | number_of_words }}", "3"),
    ],
)
def test_jekyll_filters(template, expected):
    text, notes = render_liquid(template, page())
    assert text == expected
    assert codes(notes) == ["liquid_rendered"]


def test_undefined_site_data_is_reported_and_the_rest_still_renders():
    body = (
        "Intro\n"
        "{% for x in site.data.missing %}<li>{{ x.name }}</li>{% endfor %}\n"
        "{{ site.title }} {{ page.no_such_key }}|\n"
    )
    text, notes = render_liquid(body, page(), first_line=3)
    assert text == "Intro\n<li></li>\nAgencies of the State |\n"
    failed = [n for n in notes if n.code == "liquid"]
    assert [n.line for n in failed] == [4, 4, 4]
    assert all("site.data.missing" in n.message and "needs a human" in n.message for n in failed)
    assert codes(notes)[-1] == "liquid_rendered"


def test_a_syntax_error_keeps_todays_behaviour_for_the_whole_body():
    body = "Before {{ site.title }}\n{% for a in site.data.agencies %}\n<li>{{ a.name }}</li>\n"
    text, notes = render_liquid(body, page(), first_line=10)
    assert text == "Before \n\n<li></li>\n"
    assert codes(notes) == ["liquid"] * 3
    assert [n.line for n in notes] == [10, 11, 12]
    assert "does not parse" in notes[0].message


@pytest.mark.parametrize(
    "tag, why",
    [
        ("{% include missing.html %}", "not in the site's _includes"),
        ("{% include ../../../etc/passwd %}", "not in the site's _includes"),
        ("{% include /etc/hostname %}", "not in the site's _includes"),
        ("{% include self.html %}", "recursive include"),
        ("{% seo %}", "'seo' is not a tag"),
        ("{{ 'x' | no_such_filter }}", "unknown filter"),
        ("{% for p in site.posts %}{{ p.title }}{% endfor %}", "site.posts is not in the site"),
    ],
)
def test_what_cannot_be_rendered_keeps_its_static_text_and_is_reported(tag, why):
    text, notes = render_liquid(f"Kept text {tag} and {{{{ site.title }}}}.", page())
    assert text == "Kept text  and Agencies of the State."
    failed = [n for n in notes if n.code == "liquid"]
    assert failed and all(why in n.message for n in failed), [n.message for n in notes]
    assert codes(notes)[-1] == "liquid_rendered"


@pytest.mark.parametrize(
    "body, why",
    [
        (f"{{% for i in (1..{MAX_LOOP_ITERATIONS + 1}) %}}x{{% endfor %}}", "loop iteration"),
        (
            "{% for i in (1..100) %}{% for j in (1..101) %}x{% endfor %}{% endfor %}",
            "loop iteration",
        ),
        (
            "{% assign s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}"
            "{% for i in (1..9000) %}{{ s }}{{ s }}{{ s }}{% endfor %}",
            "output stream limit",
        ),
    ],
)
def test_work_limits_keep_todays_behaviour_for_the_page(body, why):
    text, notes = render_liquid(f"{{{{ site.title }}}} {body} end", page())
    assert text.startswith(" ") and text.endswith(" end") and "xxxx" not in text
    assert set(codes(notes)) == {"liquid"}
    assert why in notes[0].message


def test_a_body_without_liquid_is_left_alone():
    assert render_liquid("Plain *text* with { braces }.", page()) == (
        "Plain *text* with { braces }.",
        [],
    )


def test_rendered_markup_is_sanitised_like_hand_written_content():
    site = LiquidSite(
        data={"people": [{"name": "<script>alert('x')</script>Ada", "bio": "<b onclick=x()>B</b>"}]}
    )
    body = "{% for p in site.data.people %}\n- {{ p.name }} {{ p.bio }}\n{% endfor %}\n"
    converted = convert_body(body, "markdown", "pages/who.md", 1, site.page({}, "/who/"))
    stored = json.dumps(converted.blocks, default=str)
    assert "Ada" in stored and "<b>B</b>" in stored
    assert "alert" not in stored and "<script" not in stored and "onclick" not in stored
    assert {"sanitised_html", "liquid_rendered"} <= set(codes(converted.notes))


# -- the site's data: read and parse steps ---------------------------------------------------------
def write_site(root, files: dict):
    for name, text in {
        "_config.yml": "title: Data site\nremote_theme: isomerpages/isomerpages-template@next-gen\n",
        "index.md": "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n      title: Hi\n---\n",
        **files,
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_data_files_become_nested_site_data_as_in_jekyll(tmp_path):
    (tmp_path / "secret.yml").write_text("password: hunter2\n")
    root = write_site(
        tmp_path / "site",
        {
            "_data/agencies.yml": "- name: Land Authority\n- name: Water Board\n",
            "_data/team/leads.json": '[{"name": "Ada"}]',
            "_data/offices.csv": "city,phone\nNorth,123\n",
            "_data/broken.yml": "a: [unclosed\n",
            "_includes/card.html": CARD,
        },
    )
    os.symlink(tmp_path / "secret.yml", root / "_data" / "leak.yml")
    parsed = parse_site(read_site(root))
    data = parsed.liquid.data
    assert data["agencies"] == [{"name": "Land Authority"}, {"name": "Water Board"}]
    assert data["team"] == {"leads": [{"name": "Ada"}]}
    assert data["offices"] == [{"city": "North", "phone": "123"}]
    assert "leak" not in data and "broken" not in data
    assert parsed.liquid.includes == {"card.html": CARD}
    assert parsed.liquid.config["title"] == "Data site"
    notes = {(n.code, n.file) for n in parsed.notes}
    assert ("skipped_document", "_data/broken.yml") in notes
    assert ("refused_path", "_data/leak.yml") in notes


def test_unsafe_yaml_data_is_refused_by_the_safe_loader():
    bomb = "a: &a [x, x, x]\n" + "".join(f"b{i}: &b{i} [*a, *a, *a]\n" for i in range(120))

    class Source:
        def __init__(self, name, text):
            self.name, self.text = name, text

    site, notes = load_liquid_site(
        {}, [Source("_data/bomb.yml", bomb), Source("_data/bad.json", "[" * 100_000)], []
    )
    assert site.data == {}
    assert sorted(n.file for n in notes) == ["_data/bad.json", "_data/bomb.yml"]
    assert all(n.code == "skipped_document" for n in notes)


# -- end to end ------------------------------------------------------------------------------------
DATA_PAGE = """---
layout: page
title: Our agencies
permalink: /agencies/
---
Agencies listed on {{ site.title }}:

<ul>
{% for agency in site.data.agencies %}<li><a href="{{ agency.url | relative_url }}">{{ agency.name }}</a></li>
{% endfor %}</ul>

{% include card.html title="Lead" agency=site.data.agencies[1] %}

{% include not-there.html %}
"""


@pytest.mark.django_db
def test_a_data_driven_page_imports_with_its_content(tmp_path, client):
    agencies = [*AGENCIES, {"name": "<script>alert('owned')</script>Sea Port", "url": "/sea/"}]
    root = write_site(
        tmp_path / "site",
        {
            "pages/agencies.md": DATA_PAGE,
            "_data/agencies.json": json.dumps(agencies),
            "_includes/card.html": CARD,
        },
    )
    report_file = tmp_path / "report.json"
    run_import(root, "--report", report_file)

    html = client.get("/agencies/", follow=True).content.decode()
    for name in ("Agencies listed on Data site", "Land Authority", "Water Board", "Sea Port"):
        assert name in html, name
    assert 'href="/land/"' in html and "Lead: WATER BOARD" in html
    assert "alert(" not in html and "{%" not in html and "{{" not in html

    report = json.loads(report_file.read_text())
    items = [i for i in report["items"] if i["file"] == "pages/agencies.md"]
    by_code = {i["code"]: i for i in items}
    assert by_code["liquid_rendered"]["line"] == 6
    (missing,) = [i for i in items if i["code"] == "liquid"]
    assert "not-there.html" in missing["message"] and missing["line"] == 14
