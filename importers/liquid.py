"""Liquid in page bodies, rendered as Jekyll would from the site's ``_data``, ``_includes`` and
``_config.yml`` (python-liquid, with Jekyll's ``include`` tag and the Jekyll filters Isomer pages
use). Pure functions: no database, no file access (the read step read the files).

What cannot be rendered (an unknown tag, ``site.data`` that does not exist, a syntax error, an
include that is not in the site's ``_includes``, a template over the work limits) keeps its
static text, and each of its Liquid tags is reported with its line, as before rendering existed.
Rendered output is page source like any other: it is sanitised and converted afterwards.
"""

import csv
import html
import io
import json
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, quote_plus

from liquid import Environment, Undefined
from liquid.ast import Node
from liquid.builtin import DictLoader
from liquid.builtin.expressions import Path, tokenize
from liquid.builtin.filters.misc import date
from liquid.context import RenderContext
from liquid.exceptions import (
    LiquidError,
    LiquidInterrupt,
    LiquidSyntaxError,
    LocalNamespaceLimitError,
    LoopIterationLimitError,
    OutputStreamLimitError,
    TemplateNotFoundError,
    UndefinedError,
)
from liquid.filter import with_environment
from liquid.output import LimitedStringIO
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG
from liquid.undefined import UNDEFINED

from .errors import IsomerImportError, Problem
from .report import ReportItem
from .yamlsafe import load_yaml

LIQUID = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.DOTALL)
TAG_NAME = re.compile(r"\{%-?\s*(\w+)")
RAW_BLOCK = re.compile(r"\{%-?\s*(raw|comment)\s*-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL)
INTERMEDIATE_TAGS = {"else", "elsif", "when", "endraw", "endcomment", "raw"}
# What Jekyll makes from the whole site (pages, posts): not known to a page-by-page import.
SITE_LISTS = "data|posts|pages|collections|categories|tags|static_files|html_pages|documents"
NEEDS_THE_SITE = re.compile(rf"^(site(\.|\[')({SITE_LISTS})\b|paginator\b)")
INCLUDE_ARG = re.compile(r"""([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"']+)""")
MAX_LOOP_ITERATIONS = 10_000
MAX_OUTPUT_BYTES = 1024 * 1024
MAX_NAMESPACE_BYTES = 1024 * 1024
MAX_RENDER_SECONDS = 5.0
# Over these, nothing of the page is rendered (a recursive include fails only its tag).
PAGE_LIMITS = (LoopIterationLimitError, OutputStreamLimitError, LocalNamespaceLimitError)


@dataclass(frozen=True)
class LiquidNote:
    code: str  # "liquid" (needs a human) or "liquid_rendered" (informational)
    message: str
    line: int | None = None


@dataclass
class LiquidSite:
    """What a page's Liquid can read: ``site`` (config and ``data``) and ``_includes``."""

    config: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    includes: dict[str, str] = field(default_factory=dict)  # path under _includes/ -> text

    def page(self, front_matter: dict, url: str = "", path: str = "") -> "LiquidPage":
        return LiquidPage(self, {**front_matter, "url": url, "path": path})


@dataclass(frozen=True)
class LiquidPage:
    site: LiquidSite
    variables: dict  # ``page``: the front matter, url and path


# -- the site's data (parse step) --------------------------------------------------------------
def parse_data_text(name: str, text: str) -> object:
    """One ``_data`` file as plain data; IsomerImportError (YAML) or ValueError when it is not."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".yml", ".yaml"):
        return load_yaml(text, name).data
    if suffix == ".json":
        try:
            return json.loads(text)
        except RecursionError as error:
            raise ValueError("nested too deeply") from error
    return list(csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ","))


def place(data: dict, keys: tuple[str, ...], value: object) -> None:
    """``_data/a/b.yml`` is ``site.data.a.b``, as in Jekyll."""
    for key in keys[:-1]:
        data = data.setdefault(key, {}) if isinstance(data.get(key, {}), dict) else {}
    data[keys[-1]] = value


def load_liquid_site(config: dict, files, problems) -> tuple[LiquidSite, list[ReportItem]]:
    """``_data`` and ``_includes`` files (SourceFile, site-relative names) for rendering, and
    the read step's problems with them; a data file that cannot be read is reported (the pages
    that use it keep their Liquid as text, reported there)."""
    site, problems = LiquidSite(config=config), list(problems)
    for source in files:
        path = PurePosixPath(source.name)
        if path.parts[0] == "_includes":
            site.includes[path.relative_to("_includes").as_posix()] = source.text
            continue
        try:
            value = parse_data_text(source.name, source.text)
        except IsomerImportError as error:
            problems += error.problems
        except (ValueError, csv.Error) as error:
            problems.append(Problem(source.name, f"Not valid data: {error}."))
        else:
            place(site.data, path.relative_to("_data").with_suffix("").parts, value)
    suffix = " Liquid in pages cannot use this data file."
    return site, [
        ReportItem("skipped_document", p.message + suffix, str(p.file), p.line) for p in problems
    ]


# -- Jekyll's filters ----------------------------------------------------------------------------
def site_path(value: object) -> str:
    """``relative_url`` and ``absolute_url``: the imported site is served from its root, so a
    path stays a path on this site (addresses with a scheme are kept)."""
    text = str(value)
    return text if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) else "/" + text.lstrip("/")


def markdownify(value: object) -> str:
    from .mapping.bodies import render_markdown

    return render_markdown(str(value))


def slugify(value: object, mode: str = "default") -> str:
    pattern = r"[^\w.~!$&'()+,;=@-]+" if mode == "pretty" else r"[^a-z0-9]+"
    return re.sub(pattern, "-", str(value).lower()).strip("-")


def jekyll_where(sequence: object, key: object, value: object = None) -> list:
    """Jekyll compares as text: ``where: "year", "2020"`` finds ``year: 2020``."""
    items = sequence.values() if isinstance(sequence, dict) else sequence
    wanted = str(value)
    return [i for i in items or [] if isinstance(i, dict) and str(i.get(str(key))) == wanted]


def date_as(fmt: str):
    return with_environment(lambda value, *, environment: date(value, fmt, environment=environment))


FILTERS = {
    "relative_url": site_path,
    "absolute_url": site_path,
    "markdownify": markdownify,
    "slugify": slugify,
    "jsonify": lambda value: json.dumps(value, default=str, ensure_ascii=False),
    "where": jekyll_where,
    "xml_escape": lambda value: html.escape(str(value), quote=False),
    "cgi_escape": lambda value: quote_plus(str(value)),
    "uri_escape": lambda value: quote(str(value), safe="/:?=&#[]@!$'()*+,;~"),
    "number_of_words": lambda value: len(str(value).split()),
    "date_to_string": date_as("%d %b %Y"),
    "date_to_long_string": date_as("%d %B %Y"),
    "date_to_xmlschema": date_as("%Y-%m-%dT%H:%M:%S%z"),
}


# -- Jekyll's include tag, undefined values, the engine ------------------------------------------
class JekyllIncludeNode(Node):
    """``{% include file.html key="text" other=page.value %}``: ``include.key`` in the file."""

    __slots__ = ("name", "args")

    def __init__(self, token, name: str, args: dict):
        super().__init__(token)
        self.name = name
        self.args = args
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer) -> int:
        name = posixpath.normpath(self.name)
        if name.startswith(("/", "..")) or "{" in name:
            raise TemplateNotFoundError(f"{self.name} is not in the site's _includes folder")
        try:
            template = context.env.get_template(name, context=context, tag="include")
        except TemplateNotFoundError:
            raise TemplateNotFoundError(
                f"{name} is not in the site's _includes folder", token=None
            ) from None
        params = {
            key: value.evaluate(context) if isinstance(value, Path) else value
            for key, value in self.args.items()
        }
        with context.extend({"include": params}, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True


class JekyllIncludeTag(Tag):
    name = "include"
    block = False
    node_class = JekyllIncludeNode

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError("include needs a file name", token=token)
        expression = stream.current
        name, _, rest = expression.value.strip().partition(" ")
        args = {}
        for key, value in INCLUDE_ARG.findall(rest):
            if value[0] in "\"'":
                args[key] = value[1:-1]
            else:
                args[key] = Path.parse(self.env, TokenStream(tokenize(value, expression)))
        return self.node_class(token, name, args)


class SiteUndefined(Undefined):
    """Empty, as in Jekyll; but data or page lists a page needs and the site does not have
    cannot be rendered faithfully, so the tag using them is reported instead."""

    __slots__ = ()

    def __init__(self, name, *, token=None, obj=UNDEFINED, hint=None):
        super().__init__(name, token=token, obj=obj, hint=hint)
        path = (hint or "").removesuffix(" is undefined")
        if NEEDS_THE_SITE.match(path) or name == "paginator":
            raise UndefinedError(f"{path or name} is not in the site", token=token)


class SiteEnvironment(Environment):
    """Jekyll's Liquid with work limits; errors are collected, not raised, so that the tags
    that render are kept and the others are reported."""

    loop_iteration_limit = MAX_LOOP_ITERATIONS
    local_namespace_limit = MAX_NAMESPACE_BYTES
    output_stream_limit = MAX_OUTPUT_BYTES

    def __init__(self, includes: dict[str, str]):
        self.errors: list[LiquidError] = []
        super().__init__(loader=DictLoader(includes), undefined=SiteUndefined)
        self.add_tag(JekyllIncludeTag)
        for name in ("render", "ifchanged"):  # not Jekyll's
            self.tags.pop(name, None)
        for name, function in FILTERS.items():
            self.add_filter(name, function)

    def error(self, exc, msg=None, token=None) -> None:
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        self.errors.append(exc)


# -- rendering ---------------------------------------------------------------------------------
def reason(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return str(message).splitlines()[0][:200]


def strip_liquid(text: str, first_line: int = 1, why: str = "") -> tuple[str, list[LiquidNote]]:
    """Remove Liquid tags, keeping the static text around them; one note per tag."""
    notes = []
    because = f" ({why})" if why else ""
    for match in LIQUID.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        snippet = " ".join(match.group(0).split())[:80]
        notes.append(
            LiquidNote(
                "liquid",
                f"Liquid template code {snippet!r} needs a human{because}; its static text was "
                "kept.",
                line,
            )
        )
    return LIQUID.sub("", text), notes


def drop_unknown_tags(text: str, known: set, first_line: int) -> tuple[str, list[LiquidNote]]:
    """Tags the engine does not know (Jekyll plugins': ``{% seo %}``, ``{% highlight %}``) are
    removed and reported; their lines stay where they were, for the other notes."""
    raw = [match.span() for match in RAW_BLOCK.finditer(text)]
    parts, notes, last = [], [], 0
    for match in LIQUID.finditer(text):
        name = TAG_NAME.match(match.group(0))
        if not name or name.group(1) in known or any(a <= match.start() < b for a, b in raw):
            continue
        line = first_line + text.count("\n", 0, match.start())
        notes += strip_liquid(match.group(0), line, f"{name.group(1)!r} is not a tag it knows")[1]
        parts += [text[last : match.start()], "\n" * match.group(0).count("\n")]
        last = match.end()
    return "".join(parts) + text[last:], notes


def node_spans(nodes, text: str) -> list[tuple[int, int]]:
    """Where each top-level node's source starts and ends (a tag from its ``{%``)."""
    starts = []
    for node in nodes:
        start = node.token.start_index
        if node.token.kind != "content" and text[start : start + 2] not in ("{{", "{%"):
            start = max(text.rfind("{%", 0, start + 1), text.rfind("{{", 0, start + 1))
        starts.append(max([start, *starts[-1:], 0]))
    if starts:
        starts[0] = 0
    return list(zip(starts, starts[1:] + [len(text)], strict=True))


def render_node(env: SiteEnvironment, node, context: RenderContext, budget: int):
    """(output, None) or (None, the error) for one top-level node; limits are raised."""
    buffer, errors = LimitedStringIO(limit=budget), len(env.errors)
    try:
        node.render(context, buffer)
    except (LiquidError, LiquidInterrupt) as error:
        env.errors.insert(errors, error)
    if len(env.errors) == errors:
        return buffer.getvalue(), None
    # Errors inside an include are collected there, not raised: either way, the first counts.
    if isinstance(env.errors[errors], PAGE_LIMITS):
        raise env.errors[errors]
    return None, env.errors[errors]


def render_template(env, template, text: str, page: LiquidPage, first_line: int):
    """The rendered text, the notes for what could not be rendered, how many tags rendered."""
    site = {**page.site.config, "data": page.site.data}
    context = RenderContext(template, globals={"site": site, "page": page.variables})
    output, notes, rendered, budget = [], [], 0, MAX_OUTPUT_BYTES
    deadline = time.monotonic() + MAX_RENDER_SECONDS
    for node, (start, end) in zip(template.nodes, node_spans(template.nodes, text), strict=True):
        if time.monotonic() > deadline:
            raise LoopIterationLimitError("rendering took too long", token=None)
        result, error = render_node(env, node, context, budget)
        source = text[start:end]
        if error is None:
            output.append(result)
            budget -= len(result.encode())
            rendered += len(LIQUID.findall(source))
        else:
            line = first_line + text.count("\n", 0, start)
            static, failed = strip_liquid(
                source, line, f"it could not be rendered: {reason(error)}"
            )
            output.append(static)
            notes += failed
    return "".join(output), notes, rendered


def render_liquid(text: str, page: LiquidPage, first_line: int = 1) -> tuple[str, list[LiquidNote]]:
    """``text`` with its Liquid rendered as Jekyll would for ``page``; what could not be
    rendered keeps its static text and is reported (``liquid``), and a page with rendered
    Liquid says so (``liquid_rendered``), for an editor to check."""
    if not LIQUID.search(text):
        return text, []
    env = SiteEnvironment(page.site.includes)
    known = {*env.tags, *(f"end{name}" for name in env.tags), *INTERMEDIATE_TAGS}
    text, notes = drop_unknown_tags(text, known, first_line)
    template = env.from_string(text)
    if env.errors:
        static, failed = strip_liquid(
            text, first_line, f"it does not parse: {reason(env.errors[0])}"
        )
        return static, notes + failed
    try:
        output, failed, rendered = render_template(env, template, text, page, first_line)
    except (*PAGE_LIMITS, RecursionError) as error:
        static, failed = strip_liquid(text, first_line, f"it does too much work: {reason(error)}")
        return static, notes + failed
    if rendered:
        failed.append(
            LiquidNote(
                "liquid_rendered",
                f"{rendered} Liquid tag(s) rendered from the site's data, _config.yml and "
                "_includes, as Jekyll would; check the result.",
                first_line,
            )
        )
    return output, notes + failed
