"""PlanContext → HTML (sandboxed Jinja) → PDF (WeasyPrint with a restricted URL fetcher).

The templates folder may be a user's own copy (``--templates``), so templates are
treated as untrusted:

- Jinja runs in an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with autoescaping on
  (catalogue text is never markup), :class:`~jinja2.StrictUndefined` (a typo in a
  template is an error, not an empty string) and a loader that cannot leave the
  templates folder.
- WeasyPrint may read only files inside the templates folder (after resolving
  symlinks) and small ``data:`` URLs; any other URL (``http:``, ``https:``, another
  file) stops the rendering with an error naming the URL. Fonts are the system's.
- Every word the plan prints comes from ``i18n/<language>.yaml`` in the templates
  folder; dates, day names and numbers are formatted with Babel for its ``locale``.
  The other documents' words go through gettext (``{% trans %}``, ``_()``, Jinja's
  i18n extension) with trajectkit's catalogs (:mod:`trajectkit.translation`).

Output is deterministic: the document date comes from the plan, the PDF's creation
and modification dates come from ``<meta name=dcterms.*>`` in the HTML, and the PDF
identifier is a hash of the content.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml
from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from trajectkit.analysis.plan import PlanContext
from trajectkit.page_limits import PageLimitError, page_limits
from trajectkit.resources import templates_dir
from trajectkit.translation import translations

#: The template of each document, by the command that makes it: the one place that says so.
TEMPLATES = {
    "plan": "plan.html.j2",
    "coverage": "coverage.html.j2",
    "attest": "attest.html.j2",
    "stats": "stats.html.j2",
    "progress": "progress.html.j2",
    "credential": "credential.svg.j2",
}
MESSAGES_DIR = "i18n"
#: Largest ``data:`` URL a template may embed (a small logo or icon), in characters.
DATA_URL_LIMIT = 64 * 1024
#: Most resources (stylesheets, images, fonts) one document may load. Stylesheets that
#: import each other twice over would otherwise be fetched 2**depth times: a template
#: folder could make every plan take hours.
RESOURCE_LIMIT = 1_000
#: Errors a template's own expressions can raise at render time (``{{ 1 / 0 }}``, a
#: macro that calls itself forever).
_TEMPLATE_RUNTIME_ERRORS = (
    TemplateError,
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    MemoryError,  # `{{ 'x'.ljust(10**13) }}`: the allocation fails at once, nothing is left behind
)
#: Longest string or list a template may build with ``*``; ``**`` takes exponents up to
#: ``POWER_LIMIT``. A whole plan is a few hundred kilobytes.
PRODUCT_LIMIT = 1_000_000
POWER_LIMIT = 100
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class RenderError(Exception):
    """A plan could not be rendered: a template, message catalogue or resource problem."""


# --------------------------------------------------------------------------- messages


@lru_cache(maxsize=8)
def load_messages(templates: Path, language: str) -> Mapping[str, Any]:
    """The message catalogue ``i18n/<language>.yaml`` of a templates folder."""
    path = templates / MESSAGES_DIR / f"{language}.yaml"
    if path.exists() and not path.resolve().is_relative_to(templates.resolve()):
        raise RenderError(f"{path}: the message catalogue must be inside the templates folder")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RenderError(f"{path}: no message catalogue for language '{language}'") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RenderError(f"{path}: cannot read the message catalogue: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("locale"), str) or not isinstance(data.get("lang"), str):
        raise RenderError(f"{path}: a message catalogue is a mapping with at least 'locale' and 'lang'")
    return data


def fmt(message: str, **values: Any) -> Markup:
    """``message`` with each ``{name}`` replaced by its value, everything escaped.

    Values that are already :class:`Markup` stay markup. Only plain names are
    replaced (no attribute access as in ``str.format``), so a message catalogue
    cannot reach into Python objects.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise RenderError(f"message {str(message)!r} uses {{{name}}}, which is not given here")
        return str(escape(values[name]))

    # Braces survive escaping, so the placeholders can be found in the escaped text.
    return Markup(_PLACEHOLDER.sub(replace, str(escape(message))))


# --------------------------------------------------------------------------- Jinja


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, which also refuses ``*`` and ``**`` that would build a
    gigabyte string or a number with millions of digits (``{{ 'x' * 10**9 }}``)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(times, int)
                    and len(sequence) * times > PRODUCT_LIMIT
                ):
                    raise SecurityError(
                        f"a sequence of {len(sequence) * times:,} items is over the limit of {PRODUCT_LIMIT:,}"
                    )
        elif isinstance(right, (int, float)) and abs(right) > POWER_LIMIT:
            raise SecurityError(f"an exponent of {right} is over the limit of {POWER_LIMIT}")
        return super().call_binop(context, operator, left, right)


class ConfinedLoader(FileSystemLoader):
    """A :class:`FileSystemLoader` that also refuses symlinks leading out of its folder
    (the plain loader refuses only ``..`` in template names)."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root

    def get_source(self, environment: Any, template: str) -> Any:
        path = Path(self.root, *split_template_path(template)).resolve()
        if not path.is_relative_to(self.root):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


@lru_cache(maxsize=8)
def environment(templates: Path, language: str) -> SandboxedEnvironment:
    """A sandboxed Jinja environment for one templates folder and language."""
    from babel.dates import format_date, get_day_names
    from babel.numbers import format_decimal

    messages = load_messages(templates, language)
    locale = messages["locale"]
    try:
        day_names = get_day_names("wide", locale=locale)
    except (ValueError, LookupError) as error:
        raise RenderError(
            f"{templates / MESSAGES_DIR / (language + '.yaml')}: unknown locale {locale!r}: {error}"
        ) from None
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

    # Immutable: a template cannot change the message catalogue (shared by every plan of
    # a run) or the plan's lists.
    env = TemplateSandbox(
        loader=ConfinedLoader(templates),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def long_date(value: Any) -> str:
        # Babel formats *today* when given None: never let the clock into a plan.
        if value is None:
            raise RenderError("the date filter was given no date")
        return format_date(value, format="long", locale=locale)

    env.filters["date"] = long_date
    env.filters["number"] = lambda value: format_decimal(value, locale=locale)
    env.filters["weekday"] = lambda code: day_names[weekdays.index(code)]
    env.globals["t"] = messages
    env.globals["fmt"] = fmt
    # Newstyle gettext: `_("%(count)s hours", count=n)` escapes the values, not the message.
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(plan: PlanContext, templates: Path | None = None) -> str:
    """The plan as an HTML document, from ``plan.html.j2`` in ``templates``."""
    return render_document("plan", plan.language, templates, plan=plan)


def render_document(document: str, language: str, templates: Path | None = None, **context: Any) -> str:
    """The HTML of one of :data:`TEMPLATES` (``plan``, ``coverage``, ...)."""
    return render_template(TEMPLATES[document], language, templates, **context)


def render_document_pdf(document: str, language: str, templates: Path | None = None, **context: Any) -> bytes:
    """One of :data:`TEMPLATES` laid out as PDF, reading only the templates folder."""
    return render_template_pdf(TEMPLATES[document], language, templates, **context)


def render_template(name: str, language: str, templates: Path | None = None, **context: Any) -> str:
    """Any template of the folder, in the sandbox for ``language``; every template
    problem becomes one :class:`RenderError` that says where (``file:line:``)."""
    folder = (templates or templates_dir()).resolve()
    try:
        env = environment(folder, language)
    except RenderError:
        raise
    except Exception as error:  # Babel refuses some locales with errors of its own
        raise RenderError(
            f"{folder / MESSAGES_DIR / (language + '.yaml')}: cannot use its locale: {_failure(error)}"
        ) from None
    try:
        html = env.get_template(name).render(**context)
    except SecurityError as error:
        raise RenderError(f"{_where(error, folder)}refused by the template sandbox: {error}") from None
    except TemplateSyntaxError as error:
        raise RenderError(
            f"{error.name or error.filename}:{error.lineno}: template syntax error: {error.message}"
        ) from None
    except TemplateNotFound as error:
        raise RenderError(
            f"{_where(error, folder)}template '{error.name}' not found in {folder} "
            "(templates can include only files inside their folder)"
        ) from None
    except RenderError as error:
        raise RenderError(f"{_where(error, folder)}{error}") from None
    except _TEMPLATE_RUNTIME_ERRORS as error:
        raise RenderError(f"{_where(error, folder)}template error: {type(error).__name__}: {error}") from None
    except Exception as error:  # Babel and the filters can fail in ways of their own
        raise RenderError(f"{_where(error, folder)}template error: {_failure(error)}") from None
    return _text_only(html, name)


def _text_only(html: str, name: str) -> str:
    """``html`` when it can be written as UTF-8; a lone surrogate (``\\ud800`` in a message
    catalogue) cannot, and would fail only when the file is written."""
    try:
        html.encode("utf-8")
    except UnicodeEncodeError as error:
        raise RenderError(
            f"{name}: the document holds a character that is not text (U+{ord(html[error.start]):04X}, "
            f"a lone surrogate) at position {error.start:,}"
        ) from None
    return html


def _failure(error: BaseException) -> str:
    """An unexpected exception as one line: its type and a bounded message."""
    message = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {message[:300]}" if message else type(error).__name__


def render_template_pdf(name: str, language: str, templates: Path | None = None, **context: Any) -> bytes:
    """Any template of the folder laid out as PDF, reading only the templates folder."""
    folder = (templates or templates_dir()).resolve()
    return html_to_pdf(render_template(name, language, folder, **context), folder)


def _where(error: BaseException, folder: Path) -> str:
    """``template:line: `` of the innermost template frame in the error's traceback."""
    tb: TracebackType | None = error.__traceback__
    found = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(str(folder)):
            found = f"{Path(filename).relative_to(folder).as_posix()}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


# --------------------------------------------------------------------------- WeasyPrint


def render_pdf(plan: PlanContext, templates: Path | None = None) -> bytes:
    """The plan as PDF bytes (HTML from the templates, laid out by WeasyPrint)."""
    folder = (templates or templates_dir()).resolve()
    return html_to_pdf(render_html(plan, folder), folder)


def html_to_pdf(html: str, templates: Path) -> bytes:
    """Lay out ``html`` as PDF; resources resolve against, and only inside, ``templates``."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    folder = templates.resolve()
    try:
        document = HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=restricted_fetcher(folder))
        with page_limits():
            # pdf_identifier=True: the identifier is a hash of the content, so the same
            # plan gives the same bytes (no random or clock-based id).
            return document.write_pdf(pdf_identifier=True)
    except FatalURLFetchingError as error:
        raise RenderError(str(error)) from None
    except PageLimitError as error:
        raise RenderError(f"refused to lay out the document: {error}") from None
    except Exception as error:  # a template's CSS can break the layout engine in any way
        # font-size: 1e30px divides by zero, thousands of nested boxes recurse too deep:
        # the document fails, the batch goes on.
        raise RenderError(f"cannot lay out the document: {_failure(error)}") from None


def restricted_fetcher(templates: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files inside ``templates`` and small ``data:``
    URLs, and stops the rendering on anything else with an error naming the URL."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    root = templates.resolve()
    fetched = 0

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            nonlocal fetched
            fetched += 1
            if fetched > RESOURCE_LIMIT:
                raise FatalURLFetchingError(
                    f"refused to load {url[:200]}: more than {RESOURCE_LIMIT:,} resources for one document "
                    "(stylesheets that @import each other?)"
                )
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                if len(url) > DATA_URL_LIMIT:
                    raise FatalURLFetchingError(
                        f"refused to load a data: URL of {len(url):,} characters (limit {DATA_URL_LIMIT:,}): {url[:60]}…"
                    )
                return super().fetch(url, headers)
            if scheme == "file":
                path = _file_url_path(url)
                if path is not None and path.is_relative_to(root) and path.is_file():
                    content_type, _ = mimetypes.guess_type(path.name)
                    return URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": content_type or "application/octet-stream"}
                    )
                raise FatalURLFetchingError(
                    f"refused to load {url}: templates may use only files inside their folder {root}"
                )
            raise FatalURLFetchingError(
                f"refused to load {url}: plans are rendered offline; only files inside {root} may be used"
            )

    return RestrictedFetcher()


def _file_url_path(url: str) -> Path | None:
    """The real path a ``file:`` URL names, or None when it names another host."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(parts.path)).resolve()
