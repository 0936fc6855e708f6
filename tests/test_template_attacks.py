"""Hostile templates and hostile catalogue text against the renderer.

A school's own templates folder (``--templates``) must not reach Python objects, files
outside the folder or the network, nor hang or crash a batch; and markup in any
free-text field of any kind must reach the HTML as text. A real HTTP server on a
loopback port counts the requests that rendering makes: there must be none.
Tested before in tests/test_rendering.py: ``''.__class__.__mro__``, ``{% include
"../../etc/passwd" %}``, an include through a symlink, ``<img src=file:///etc/passwd>``,
a large ``data:`` image, markup in 17 fields of the plan; tests/test_plan_cli.py: a
refused template or URL fails one learner of a batch.
"""

from __future__ import annotations

import copy
import http.server
import io
import shutil
import signal
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape
from plan_support import SAMPLES, TEMPLATES, copy_samples, load, templates_with
from pypdf import PdfReader

from trajectkit.analysis.attest import attest
from trajectkit.analysis.coverage import build_coverage
from trajectkit.analysis.plan import build_plan
from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.catalogue.schema import load_schema
from trajectkit.formats.coverage import coverage_html
from trajectkit.profile import DEFAULT_PROFILE, load_profile
from trajectkit.rendering import (
    DATA_URL_LIMIT,
    RESOURCE_LIMIT,
    RenderError,
    html_to_pdf,
    render_html,
    render_template,
    render_template_pdf,
)
from trajectkit.rendering import TEMPLATES as RENDERED

LEARNERS = ("L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005", "L-2028-0001", "L-2028-0002")


class Hung(BaseException):
    """Raised by :func:`deadline`; a BaseException, so no ``except Exception`` swallows it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when the block runs longer than ``seconds``."""

    def expire(signum: int, frame: Any) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Server:
    """An HTTP server on an ephemeral loopback port that records every request."""

    def __init__(self) -> None:
        requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args: Any) -> None:
                pass

        self.requests = requests
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    # The server does answer: "no request" below is not for want of a listener.
    with urllib.request.urlopen(f"{running.url}/alive", timeout=10) as response:
        assert response.status == 200
    assert running.requests == ["/alive"]
    running.requests.clear()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def _no_request_escapes(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "server" in request.fixturenames:
        assert request.getfixturevalue("server").requests == []


@pytest.fixture(scope="module")
def plan():
    catalogue, _ = load(SAMPLES)
    return build_plan(catalogue, "L-2026-0002")


# --------------------------------------------------------------------------- the Jinja sandbox


@pytest.mark.parametrize(
    "snippet",
    [
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
        "{{ plan.__class__.__init__.__globals__ }}",
        "{{ plan.learner.__dataclass_fields__ }}",
        "{{ plan.__reduce_ex__(2) }}",
        "{{ t.__class__ }}",
        "{{ fmt.__globals__ }}",
        "{{ ''|attr('__class__') }}",
        "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
        "{{ '{0.__class__.__mro__}'.format(plan) }}",
        "{{ '{p.learner.__class__}'.format_map({'p': plan}) }}",
        "{{ '{x.__init__.__globals__}'.format(x=fmt) }}",
        "{% set x = plan.learner.__setattr__('name', 'x') %}",
        "{{ t.clear() }}",
        "{{ t.popitem() }}",
        "{{ t.document.setdefault('title', 'x') }}",
    ],
)
def test_sandbox_escapes_are_refused(plan, tmp_path: Path, snippet: str) -> None:
    folder = templates_with(tmp_path, snippet)
    with pytest.raises(RenderError) as refused:
        render_html(plan, folder)
    message = str(refused.value)
    assert message.startswith("plan.html.j2:"), message
    assert "refused by the template sandbox" in message, message
    assert "__builtins__" not in message and "uid=" not in message


@pytest.mark.parametrize(("snippet", "named"), [("{{ config }}", "config"), ("{{ request.environ }}", "request")])
def test_flask_style_globals_do_not_exist(plan, tmp_path: Path, snippet: str, named: str) -> None:
    with pytest.raises(RenderError, match=f"'{named}' is undefined"):
        render_html(plan, templates_with(tmp_path, snippet))


def test_fmt_placeholders_cannot_reach_attributes(plan, tmp_path: Path) -> None:
    html = render_html(
        plan, templates_with(tmp_path, "<p id=probe>{{ fmt('{a.__class__} {b[0]}', a=plan, b=[1]) }}</p>")
    )
    assert "<p id=probe>{a.__class__} {b[0]}</p>" in html


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("{{ 'x' * 10**12 }}", "a sequence of 1,000,000,000,000 items is over the limit"),
        ("{{ 'x' * 10**8 }}", "a sequence of 100,000,000 items is over the limit"),
        ("{{ [0] * 10**9 }}", "a sequence of 1,000,000,000 items is over the limit"),
        ("{{ 10 ** (10 ** 10) }}", "an exponent of 10000000000 is over the limit"),
    ],
)
def test_expressions_that_would_exhaust_memory_are_refused(plan, tmp_path: Path, snippet: str, message: str) -> None:
    """``'x' * 10**12`` raised MemoryError through the batch (a traceback); ``'x' * 10**8``
    built 100 MB for WeasyPrint to lay out; ``10 ** 10**10`` computes for ever."""
    folder = templates_with(tmp_path, snippet)
    with deadline(30), pytest.raises(RenderError, match=f"refused by the template sandbox: {message}"):
        render_html(plan, folder)


def test_a_memory_error_in_a_template_fails_one_plan_not_the_batch(cli, tmp_path: Path) -> None:
    """Padding is not intercepted like ``*``: the allocation fails, one learner fails."""
    folder = templates_with(tmp_path, "{% if plan.learner.id == 'L-2026-0001' %}{{ 'x'.ljust(10**13) }}{% endif %}")
    out = tmp_path / "out"
    result = cli(
        "plan",
        SAMPLES,
        "--learner",
        "L-2026-0001",
        "--learner",
        "L-2026-0002",
        "--out",
        out,
        "--format",
        "html",
        "--templates",
        folder,
    )
    assert result.exit_code == 1
    assert (
        "L-2026-0001: cannot render: plan.html.j2:" in result.output and "template error: MemoryError" in result.output
    )
    assert "Traceback" not in result.output
    assert sorted(path.name for path in out.iterdir()) == ["L-2026-0002.html"]


# --------------------------------------------------------------------------- includes


@pytest.mark.parametrize(
    "snippet",
    [
        '{% include "/etc/passwd" %}',
        '{% include "../templates/plan.css" %}',
        '{% include "partials/../../../etc/hostname" %}',
        '{% import "/etc/passwd" as secrets %}',
        '{% from "../../../../etc/passwd" import x %}',
        '{% include ["/etc/passwd", "../passwd"] %}',
    ],
)
def test_includes_stay_inside_the_folder(plan, tmp_path: Path, snippet: str) -> None:
    folder = templates_with(tmp_path, snippet)
    with pytest.raises(RenderError, match=r"not found in .*only files inside their folder") as refused:
        render_html(plan, folder)
    assert "root:" not in str(refused.value)


def test_extends_outside_the_folder_is_refused(plan, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    (folder / "plan.html.j2").write_text('{% extends "/etc/passwd" %}', encoding="utf-8")
    with pytest.raises(RenderError, match="template '/etc/passwd' not found"):
        render_html(plan, folder)


def test_an_include_named_by_catalogue_text_stays_inside(tmp_path: Path) -> None:
    """A template that includes a name taken from the data: the data cannot walk out."""
    folder_data = copy_samples(tmp_path, learners=("L-2026-0005",))
    path = folder_data / "learners" / "L-2026-0005.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Ilias Azzouzi", "../../../../etc/passwd"), encoding="utf-8"
    )
    catalogue, _ = load(folder_data)
    folder = templates_with(tmp_path, "{% include plan.learner.name %}")
    with pytest.raises(RenderError, match=r"'\.\./\.\./\.\./\.\./etc/passwd' not found"):
        render_html(build_plan(catalogue, "L-2026-0005"), folder)


def test_a_symlinked_folder_inside_the_templates_leads_nowhere(plan, tmp_path: Path) -> None:
    folder = templates_with(tmp_path, '{% include "partials/system/passwd" %}')
    (folder / "partials" / "system").symlink_to("/etc", target_is_directory=True)
    with pytest.raises(RenderError, match="'partials/system/passwd' not found"):
        render_html(plan, folder)


def test_a_message_catalogue_linked_out_of_the_folder_is_refused(plan, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    outside = tmp_path / "nl.yaml"
    shutil.move(folder / "i18n" / "nl.yaml", outside)
    (folder / "i18n" / "nl.yaml").symlink_to(outside)
    with pytest.raises(RenderError, match="the message catalogue must be inside the templates folder"):
        render_html(plan, folder)


# --------------------------------------------------------------------------- what WeasyPrint may load

#: (HTML put in the plan's body, how WeasyPrint treats it): "refused" when it would fetch
#: the URL (the fetcher stops the plan and names it), "ignored" when it never asks.
FETCHES = {
    "img-file": ('<img src="file:///etc/passwd">', "refused"),
    "css-url-file": ("<style>body { background: url(file:///etc/passwd) }</style>", "refused"),
    "font-face-file": (
        "<style>@font-face { font-family: X; src: url(file:///etc/passwd) } p { font-family: X }</style>",
        "refused",
    ),
    "import-file": ('<style>@import "file:///etc/passwd";</style>', "refused"),
    "attachment-link": ('<link rel="attachment" href="file:///etc/passwd">', "refused"),
    "attachment-a": ('<a rel="attachment" href="file:///etc/passwd">passwd</a>', "refused"),
    "img-http": ('<img src="{url}/img.png">', "refused"),
    "css-url-http": ("<style>body {{ background: url({url}/bg.png) }}</style>", "refused"),
    "font-face-http": (
        "<style>@font-face {{ font-family: X; src: url({url}/f.woff) }} p {{ font-family: X }}</style>",
        "refused",
    ),
    "import-http": ('<style>@import url("{url}/import.css");</style>', "refused"),
    "link-http": ('<link rel="stylesheet" href="{url}/link.css">', "refused"),
    "attachment-http": ('<a rel="attachment" href="{url}/attachment">x</a>', "refused"),
    "object": ('<object data="{url}/object.png" type="image/png"></object>', "refused"),
    "embed": ('<embed src="{url}/embed.png" type="image/png">', "refused"),
    "base-href": ('<base href="{url}/"><img src="based.png">', "refused"),
    "protocol-relative": ('<img src="//{host}/relative.png">', "refused"),
    "list-style": ("<style>li {{ list-style-image: url({url}/li.png) }}</style><ul><li>x</li></ul>", "refused"),
    "content-url": (
        "<style>.probe::before {{ content: url({url}/content.png) }}</style><p class=probe>x</p>",
        "refused",
    ),
    "css-variable": (
        "<style>:root {{ --u: url({url}/var.png) }} .probe {{ background: var(--u) }}</style><p class=probe>x</p>",
        "refused",
    ),
    "page-background": ("<style>@page {{ background: url({url}/page.png) }}</style>", "refused"),
    "svg-image": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="{url}/svg.png" width="9" height="9"/></svg>',
        "ignored",
    ),
    "svg-in-data-url": (
        '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 width=%229%22 height=%229%22><image href=%22{url}/nested.png%22 width=%229%22 height=%229%22/></svg>">',
        "ignored",
    ),
    "iframe": ('<iframe src="{url}/iframe"></iframe>', "ignored"),
    "video-poster": ('<video poster="{url}/poster.png"></video>', "ignored"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0; url={url}/refresh">', "ignored"),
}


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><p>x</p>{body}</body></html>"


@pytest.mark.parametrize("case", sorted(FETCHES))
def test_rendering_loads_nothing_outside_the_folder(server: Server, tmp_path: Path, case: str) -> None:
    """The page a template makes, laid out with the templates folder as its base."""
    snippet, expected = FETCHES[case]
    host = server.url.removeprefix("http://")
    html = snippet.replace("{url}", server.url).replace("{host}", host).replace("{{", "{").replace("}}", "}")
    try:
        pdf, refusal = html_to_pdf(_page(html), tmp_path), None
    except RenderError as error:
        pdf, refusal = b"", str(error)
    if refusal is not None:
        assert "refused to load" in refusal
        assert "file:///etc/passwd" in refusal or host in refusal
    else:
        assert expected == "ignored", f"{case}: rendered without asking the fetcher"
        assert pdf.startswith(b"%PDF-") and b"root:x:0:0" not in pdf
    assert server.requests == []


@pytest.mark.parametrize(
    "snippet",
    [
        '<style>body {{ background: url("data:image/png;base64,{data}") }}</style>',
        "<style>@font-face {{ font-family: X; src: url(data:font/woff2;base64,{data}) }} p {{ font-family: X }}</style>",
        '<link rel="stylesheet" href="data:text/css;base64,{data}">',
    ],
)
def test_large_data_urls_are_refused_wherever_they_are(tmp_path: Path, snippet: str) -> None:
    with pytest.raises(RenderError, match="refused to load a data: URL of"):
        html_to_pdf(_page(snippet.format(data="A" * (DATA_URL_LIMIT + 1))), tmp_path)


def test_an_import_chain_inside_the_folder_is_followed(tmp_path: Path) -> None:
    for number in range(10):
        (tmp_path / f"s{number}.css").write_text(f'@import "s{number + 1}.css";\n', encoding="utf-8")
    (tmp_path / "s10.css").write_text("@page { size: A5 }\n", encoding="utf-8")
    pdf = html_to_pdf(_page("", '<link rel="stylesheet" href="s0.css">'), tmp_path)
    width = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width)
    assert round(width) == 420  # A5, set by the tenth import


def test_a_stylesheet_importing_itself_ends(tmp_path: Path) -> None:
    (tmp_path / "self.css").write_text('@import "self.css";\np { color: blue }\n', encoding="utf-8")
    with deadline(60):
        assert html_to_pdf(_page("", '<link rel="stylesheet" href="self.css">'), tmp_path).startswith(b"%PDF-")


@pytest.mark.parametrize("shape", ["self-twice", "chain-of-pairs"])
def test_imports_that_multiply_are_stopped(tmp_path: Path, shape: str) -> None:
    """Each file importing the next twice is 2**depth fetches: it rendered for hours."""
    if shape == "self-twice":
        (tmp_path / "a.css").write_text('@import "a.css";\n@import "a.css";\n', encoding="utf-8")
    else:
        for number in range(20):
            (tmp_path / f"a{'' if number == 0 else number}.css").write_text(
                f'@import "a{number + 1}.css";\n@import "a{number + 1}.css";\n', encoding="utf-8"
            )
        (tmp_path / "a20.css").write_text("p { color: red }\n", encoding="utf-8")
    started = time.monotonic()
    with deadline(60), pytest.raises(RenderError, match=f"more than {RESOURCE_LIMIT:,} resources for one document"):
        html_to_pdf(_page("", '<link rel="stylesheet" href="a.css">'), tmp_path)
    assert time.monotonic() - started < 60


# --------------------------------------------------------------------------- markup in the catalogue


def free_text_paths(schema: dict[str, Any]) -> list[tuple[str, ...]]:
    """Every string in a schema that is free text (no pattern, enum, const or date format):
    paths with ``[]`` for list items."""
    defs = schema.get("$defs", {})
    found: list[tuple[str, ...]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...], depth: int) -> None:
        while "$ref" in node:
            node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        if depth > 10:
            return
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key, []):
                walk(branch, path, depth + 1)
        for key in ("then", "else"):  # a learner's school: a provider, or written out
            if isinstance(node.get(key), dict):
                walk(node[key], path, depth + 1)
        for name, child in node.get("properties", {}).items():
            walk(child, (*path, name), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "[]"), depth + 1)
        types = node.get("type")
        textual = types == "string" or (isinstance(types, list) and "string" in types)
        if textual and not {"pattern", "enum", "const"} & set(node) and node.get("format") in (None, "email"):
            found.append(path)

    walk(schema, (), 0)
    return sorted(set(found))


#: Free text that the rules read as something else: a postcode must be a Belgian postcode.
NOT_FREE = {
    ("Workplace", ("site", "postcode")),
    ("Learner", ("home", "postcode")),
    ("Provider", ("site", "postcode")),
}


def applies(document: dict[str, Any], path: tuple[str, ...]) -> bool:
    """Whether ``path`` belongs to the form the document uses: a learner whose school is a
    Provider has no school name of its own (the provider's name is injected there)."""
    school = document.get("school")
    return not (path[0] == "school" and isinstance(school, dict) and "provider" in school)


def payload(marker: str, url: str) -> str:
    """Markup that would run, load or restyle something if it reached the HTML unescaped."""
    return (
        f'</title></style><script>alert("{marker}")</script>'
        f'<img src="{url}/{marker}.png" onerror="alert(1)">'
        f'<link rel="stylesheet" href="{url}/{marker}.css">'
        f"<style>@import url({url}/{marker}-import.css); body {{ background: url({url}/{marker}-bg.png) }}</style>"
        f'<p style="background: url({url}/{marker}-inline.png)">" onmouseover="alert(2)" \' & {marker}'
    )


def inject(data: Any, path: tuple[str, ...], make: Any, marker: str) -> int:
    """Put ``make(marker)`` at every place ``path`` names in ``data`` (adding a missing
    last key or list); the number of values set."""
    if not path:
        return 0
    head, rest = path[0], path[1:]
    if head == "[]":
        if not isinstance(data, list):
            return 0
        if not rest:
            data[:] = [make(f"{marker}-{index}") for index in range(max(1, len(data)))]
            return len(data)
        return sum(inject(item, rest, make, f"{marker}-{index}") for index, item in enumerate(data))
    if not isinstance(data, dict):
        return 0
    if not rest:
        data[head] = make(marker) if "email" not in marker else f"{marker}@example.org"
        return 1
    if head not in data:
        if rest == ("[]",):
            data[head] = []
            return inject(data[head], rest, make, marker)
        return 0
    return inject(data[head], rest, make, marker)


@pytest.fixture(scope="module")
def hostile_catalogue(server: Server, tmp_path_factory: pytest.TempPathFactory):
    """The sample catalogue with markup in every free-text field of every kind, every
    document and every list item; ``markers`` maps each marker to its kind and field."""
    folder = copy_samples(tmp_path_factory.mktemp("hostile"))
    markers: dict[str, str] = {}
    count = 0
    for file in sorted(folder.rglob("*.yaml")):
        documents = list(yaml.safe_load_all(file.read_text(encoding="utf-8")))
        for document in documents:
            kind = document["kind"]
            for path in free_text_paths(copy.deepcopy(load_schema(KIND_SCHEMAS[kind]))):
                if (kind, path) in NOT_FREE or not applies(document, path):
                    continue
                count += 1
                marker = f"M{count:03d}" + (
                    "email" if path[-1] in ("coach_email", "email") else ""
                )  # at most 254 characters
                set_count = inject(document, path, lambda m: payload(m, server.url), marker)
                if set_count:
                    markers[marker] = f"{kind}.{'.'.join(path)}"
            document["x-note"] = payload(f"X{count:03d}", server.url)
        file.write_text(yaml.safe_dump_all(documents, allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalogue, report = load(folder)
    assert report.errors == 0, report.problems[:5]
    return catalogue, markers, folder


def _outputs(catalogue) -> dict[str, str]:
    profile = load_profile(DEFAULT_PROFILE)
    outputs = {f"plan {ident}": render_html(build_plan(catalogue, ident), TEMPLATES) for ident in LEARNERS}
    for ident in LEARNERS:
        learner = catalogue.learners[ident]
        attestation = attest(catalogue, learner, catalogue.trajectories[learner.trajectory], profile.ladder)
        outputs[f"attest {ident}"] = render_template(
            RENDERED["attest"], attestation.language, TEMPLATES, attestation=attestation
        )
    (trajectory,) = catalogue.trajectories.values()
    outputs["coverage"] = coverage_html(build_coverage(catalogue, trajectory, 0.25))
    return outputs


@pytest.fixture(scope="module")
def rendered(hostile_catalogue) -> dict[str, str]:
    catalogue, _, _ = hostile_catalogue
    return _outputs(catalogue)


@pytest.fixture(scope="module")
def clean() -> dict[str, str]:
    catalogue, _ = load(SAMPLES)
    return _outputs(catalogue)


def test_every_free_text_field_is_injected(hostile_catalogue) -> None:
    _, markers, _ = hostile_catalogue
    fields = set(markers.values())
    for expected in (
        "Learner.name",
        "Learner.school.name",
        "Learner.school.coach",
        "Learner.school.coach_email",
        "Learner.home.municipality",
        "Learner.prior_learning.[].evidence",
        "Workplace.name",
        "Workplace.site.street",
        "Workplace.site.municipality",
        "Workplace.enterprise_number",
        "Workplace.mentors.[].name",
        "StandardTrajectory.title",
        "StandardTrajectory.phases.[].title",
        "StandardTrajectory.clusters.[].title",
        "ProfessionalQualification.title",
        "ProfessionalQualification.competences.[].title",
        "ProfessionalQualification.competences.[].knowledge.[]",
        "ProfessionalQualification.competences.[].skills.[]",
        "ProfessionalQualification.partial_qualifications.[].title",
        "EducationalQualification.title",
        "EducationalQualification.general_education.[].title",
    ):
        assert expected in fields, expected


@pytest.mark.parametrize(
    "output", [*(f"plan {ident}" for ident in LEARNERS), *(f"attest {ident}" for ident in LEARNERS), "coverage"]
)
def test_markup_in_catalogue_text_stays_text(rendered, clean, server: Server, output: str) -> None:
    html, baseline = rendered[output], clean[output]
    # Not one tag more than the template itself writes.
    for tag in ("<script", "<img", "<link", "<style", "<p style", "<iframe", "<object"):
        assert html.count(tag) == baseline.count(tag), (output, tag)
    assert server.url + "/" not in html.replace(str(escape(server.url)), "")  # every URL sits inside escaped text
    assert 'onmouseover="' not in html and "onerror=" not in html.replace("onerror=&#34;", "")


def test_the_documents_print_the_markup_as_text(rendered, hostile_catalogue) -> None:
    _, markers, _ = hostile_catalogue
    everything = "\n".join(rendered.values())
    printed = {field for marker, field in markers.items() if marker in everything}
    for marker in markers:
        if marker in everything and not marker.endswith("email"):
            assert str(escape(f'<script>alert("{marker}')) in everything, markers[marker]  # list items: "M012-0"
    # The fields a reader of the plan, attest or coverage map needs to see are printed (escaped).
    for field in (
        "Learner.name",
        "Learner.school.name",
        "Learner.school.coach",
        "Provider.name",
        "Provider.coaches.[].name",
        "Workplace.name",
        "Workplace.mentors.[].name",
        "StandardTrajectory.title",
        "ProfessionalQualification.competences.[].title",
        "Learner.prior_learning.[].evidence",
    ):
        assert field in printed, field


def test_the_pdfs_of_hostile_text_load_nothing(hostile_catalogue, server: Server, tmp_path: Path) -> None:
    catalogue, _, _ = hostile_catalogue
    learner = catalogue.learners["L-2026-0003"]
    attestation = attest(
        catalogue, learner, catalogue.trajectories[learner.trajectory], load_profile(DEFAULT_PROFILE).ladder
    )
    pdf = render_template_pdf(RENDERED["attest"], attestation.language, TEMPLATES, attestation=attestation)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert '<script>alert("M' in text  # the markup is printed, as text
    assert server.requests == []


def test_the_plan_command_writes_escaped_html(cli, hostile_catalogue, server: Server, tmp_path: Path) -> None:
    _, _, folder = hostile_catalogue
    out = tmp_path / "plans"
    result = cli("plan", folder, "--all", "--format", "html", "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    for path in sorted(out.iterdir()):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html and "<img" not in html and "<link" not in html, path.name
        assert html.count("<style") == 1, path.name  # the template's own
