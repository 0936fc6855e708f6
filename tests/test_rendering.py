"""Real PDFs of the sample learners, read back; escaping, the sandbox and the URL fetcher."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from plan_support import SAMPLES, TEMPLATES, copy_samples, load, pdf_row, pdf_text, squash, templates_with
from pypdf import PdfReader

from trajectkit.analysis.plan import build_plan
from trajectkit.commands.plan import RenderJob, render_all
from trajectkit.rendering import DATA_URL_LIMIT, RenderError, fmt, render_html, render_pdf

LEARNERS = ("L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005")


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLES)


@pytest.fixture(scope="module")
def plans(sample):
    catalogue, _ = sample
    return {ident: build_plan(catalogue, ident) for ident in LEARNERS}


@pytest.fixture(scope="module")
def pdfs(plans, tmp_path_factory) -> dict[str, Path]:
    """Every sample learner rendered once, two at a time, as the CLI does."""
    out = tmp_path_factory.mktemp("plans")
    jobs = [RenderJob(plans[ident], TEMPLATES, "pdf") for ident in LEARNERS]
    outcomes = list(render_all(jobs, out, workers=2))
    assert [o.error for o in outcomes] == [None] * len(LEARNERS)
    return {o.learner: o.path for o in outcomes}


@pytest.fixture(scope="module")
def texts(pdfs) -> dict[str, str]:
    return {ident: pdf_text(path) for ident, path in pdfs.items()}


def plan_of(plans, ident: str):
    return plans[ident]


# --------------------------------------------------------------------------- PDF content


@pytest.mark.parametrize("ident", LEARNERS)
def test_the_pdf_names_the_learner_trajectory_and_every_competence(plans, texts, ident):
    plan, text = plans[ident], texts[ident]
    assert plan.learner.name in text
    assert "Afwerking bouw duaal" in text
    for item in plan.competences:
        assert squash(item.title) in text, item.title
        assert item.id in text
    for cluster in plan.clusters:
        assert cluster.title in text


def test_mentor_workplace_school_and_coach_are_printed(texts):
    text = texts["L-2026-0001"]
    for expected in (
        "Koen Van de Velde",
        "Pleisterwerken Van de Velde BV",
        "GO! Technisch Atheneum Gent",
        "Els Van Acker",
    ):
        assert expected in text
    assert "Opleidingsplan" in text
    assert "1 september 2026 – 30 juni 2028" in text  # Babel, nl_BE, long dates


def test_exempted_competences_are_marked_with_their_evidence(pdfs, texts):
    row = pdf_row(pdfs["L-2026-0003"], "Werkt met oog voor veiligheid")
    assert "bkc0051280" in row and "VRIJGESTELD" in row
    assert "Bewijs: VCA-" in row and "basisattest (B-VCA)," in row and "behaald op 2025-05-22" in row
    assert "VRIJGESTELD" in pdf_row(pdfs["L-2026-0003"], "Bouwt rolsteigers")
    assert texts["L-2026-0003"].count("VRIJGESTELD") == 2
    assert "VRIJGESTELD" not in pdf_row(pdfs["L-2026-0001"], "Werkt met oog voor veiligheid")


def test_attained_competences_show_the_date(pdfs):
    row = pdf_row(pdfs["L-2026-0001"], "Werkt met oog voor veiligheid")
    assert "BEREIKT" in row and "op 16 oktober 2026" in row


def test_the_workplace_that_cannot_offer_is_flagged(texts):
    text = texts["L-2026-0003"]
    assert "Plaatst gipsblokken (bkc0051300) wordt niet op de werkplek geleerd maar enkel op school" in text


def test_prerequisites_are_named_by_their_title(texts):
    text = texts["L-2026-0001"]
    assert "na: Werkt met oog voor veiligheid, milieu, kwaliteit en welzijn" in text
    assert "na: bkc" not in text


def test_the_unplaced_learner_gets_a_provisional_plan(texts):
    text = texts["L-2026-0005"]
    assert "nog niet bepaald" in text
    assert "Voorlopig plan".upper() in text
    assert "De lerende heeft nog geen werkplek" in text


def test_pages_are_numbered_and_carry_the_learners_name(pdfs):
    reader = PdfReader(pdfs["L-2026-0001"])
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        text = squash(page.extract_text())
        assert f"pagina {number} van {pages}" in text
        assert "Yusuf Demir · L-2026-0001" in text
    assert all(len(reader.pages[0].mediabox) == 4 for _ in [0])
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_signature_block_has_a_parent_only_for_a_minor(texts):
    assert "Ouder of voogd" in texts["L-2026-0001"]
    assert "Ouder of voogd" not in texts["L-2026-0003"]
    assert "Voor de onderneming, de mentor" in texts["L-2026-0003"]
    assert "Voor de school, de trajectbegeleider" in texts["L-2026-0003"]


def test_the_english_plan_has_english_headings(texts):
    text = texts["L-2026-0004"]
    headings = (
        "Learning plan",
        "Parties",
        "Phases and weekly rhythm",
        "Competences by cluster",
        "What the learner can earn",
    )
    for heading in (*headings, "Signatures"):
        assert heading in text
    for dutch in ("Opleidingsplan", "Ondertekening", "Competenties per cluster", "pagina"):
        assert dutch not in text
    assert "1 September 2026 – 30 June 2028" in text
    assert "EXEMPTED" in text and "Wednesday, Thursday, Friday" in text


def test_pdf_metadata(pdfs):
    reader = PdfReader(pdfs["L-2026-0004"])
    assert reader.metadata.title == "Learning plan – Dawit Tesfay"
    assert reader.metadata.author == "VTI Kortrijk"
    assert reader.metadata.creation_date.date() == dt.date(2026, 9, 1)
    assert reader.metadata.modification_date.date() == dt.date(2026, 9, 1)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert PdfReader(pdfs["L-2026-0001"]).trailer["/Root"]["/Lang"] == "nl-BE"


def test_the_same_plan_gives_the_same_bytes(plans, pdfs):
    assert render_pdf(plans["L-2026-0001"], TEMPLATES) == pdfs["L-2026-0001"].read_bytes()


def test_the_document_date_comes_from_the_data(sample):
    catalogue, _ = sample
    plan = build_plan(catalogue, "L-2026-0002", on=dt.date(2027, 2, 3))
    html = render_html(plan, TEMPLATES)
    assert '<meta name="dcterms.created" content="2027-02-03">' in html
    assert "Opgemaakt op 3 februari 2027" in html


def test_html_is_self_contained(plans):
    html = render_html(plans["L-2026-0001"], TEMPLATES)
    assert "<link" not in html and "@page" in html
    assert '<html lang="nl-BE">' in html


def test_the_page_header_and_footer_are_for_print_only(plans, tmp_path):
    from weasyprint import HTML

    html = render_html(plans["L-2026-0001"], TEMPLATES)
    for media, shown in (("print", True), ("screen", False)):  # a browser shows the screen media
        target = tmp_path / f"{media}.pdf"
        HTML(string=html, media_type=media).write_pdf(target)
        text = pdf_text(target)
        assert ("pagina 2 van" in text) is shown and ("Yusuf Demir · L-2026-0001" in text) is shown, media


# --------------------------------------------------------------------------- escaping

PAYLOAD = "<b>Sara</b> <img src=file:///etc/passwd> \"{field}\" & 'x'"


def payload(field: str) -> str:
    text = PAYLOAD.replace("{field}", field)
    return text + "@example.org" if field == "email" else text  # the schema wants an @


def inject(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A catalogue with markup in every free-text field the plan prints."""
    folder = copy_samples(tmp_path_factory.mktemp("injected"), learners=("L-2026-0003",))

    def learner(data):
        data["name"] = payload("name")
        data["school"] = {"name": payload("school"), "coach": payload("coach"), "coach_email": payload("email")}
        data["home"]["municipality"] = payload("home")
        data["prior_learning"][0]["evidence"] = payload("evidence")

    def workplace(data):
        data["name"] = payload("workplace")
        data["site"]["street"] = payload("street")
        data["mentors"][0]["name"] = payload("mentor")

    def trajectory(data):
        data["title"] = payload("trajectory")
        data["phases"][0]["title"] = payload("phase")
        data["clusters"][0]["title"] = payload("cluster")

    def profession(data):
        data["title"] = payload("profession")
        data["competences"][0]["title"] = payload("competence")
        data["partial_qualifications"][0]["title"] = payload("partial")

    def education(data):
        data["title"] = payload("qualification")
        data["general_education"][0]["title"] = payload("goal")

    inject(folder / "learners/L-2026-0003.yaml", learner)
    inject(folder / "workplaces/WP-0002-bouwafwerking-de-smet.yaml", workplace)
    inject(folder / "trajectories/OT-00214-afwerking-bouw-duaal.yaml", trajectory)
    inject(folder / "qualifications/BK-0130-5-stukadoor.yaml", profession)
    inject(folder / "qualifications/OK-afwerking-bouw-duaal.yaml", education)
    catalogue, report = load(folder)
    assert report.errors == 0, report.problems
    return build_plan(catalogue, "L-2026-0003")


FIELDS = (
    "name",
    "school",
    "coach",
    "email",
    "home",
    "evidence",
    "workplace",
    "street",
    "mentor",
    "trajectory",
    "phase",
    "cluster",
    "profession",
    "competence",
    "partial",
    "qualification",
    "goal",
)


@pytest.mark.parametrize("field", FIELDS)
def test_markup_in_free_text_appears_literally(injected, field):
    html = render_html(injected, TEMPLATES)
    assert payload(field) not in html
    assert str(escape(payload(field))) in html


def test_no_markup_from_the_data_reaches_the_html(injected):
    html = render_html(injected, TEMPLATES)
    assert "<img" not in html and "<b>" not in html


def test_markup_in_the_pdf_is_text_and_nothing_is_fetched(injected, tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(render_pdf(injected, TEMPLATES))
    text = pdf_text(target)
    assert squash(payload("name")) in text
    assert "root:x:0:0" not in text


def test_fmt_escapes_the_message_and_the_values():
    assert fmt("<i>{a}</i> {b}", a="<x>", b=escape("<y>")) == "&lt;i&gt;&lt;x&gt;&lt;/i&gt; &lt;y&gt;"
    with pytest.raises(RenderError, match=r"uses \{c\}"):
        fmt("{c}")
    # No attribute access, unlike str.format.
    assert fmt("{a.__class__}", a="x") == "{a.__class__}"


# --------------------------------------------------------------------------- hostile templates


@pytest.mark.parametrize(
    ("snippet", "named"),
    [
        ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="../../../../../../etc/passwd">', "file:///etc/passwd"),
        ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "http://127.0.0.1:9/x.css"),
        ('<img src="https://example.org/logo.png">', "https://example.org/logo.png"),
    ],
)
def test_a_template_cannot_load_anything_outside_its_folder(plans, tmp_path, snippet, named):
    folder = templates_with(tmp_path, snippet)
    with pytest.raises(RenderError) as refused:
        render_pdf(plans["L-2026-0002"], folder)
    assert named in str(refused.value)
    assert "refused to load" in str(refused.value)


def test_a_symlink_out_of_the_folder_is_refused(plans, tmp_path):
    folder = templates_with(tmp_path, '<link rel="stylesheet" href="extra.css">')
    (folder / "extra.css").symlink_to("/etc/passwd")
    with pytest.raises(RenderError, match=r"refused to load .*extra\.css"):
        render_pdf(plans["L-2026-0002"], folder)


def test_files_inside_the_folder_and_small_data_urls_are_allowed(plans, tmp_path):
    pixel = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    folder = templates_with(
        tmp_path,
        f'<img src="logo.png" alt=""><img src="data:image/png;base64,{base64.b64encode(pixel).decode()}" alt="">',
    )
    (folder / "logo.png").write_bytes(pixel)
    assert render_pdf(plans["L-2026-0002"], folder).startswith(b"%PDF-")


def test_a_large_data_url_is_refused(plans, tmp_path):
    big = "A" * (DATA_URL_LIMIT + 10)
    folder = templates_with(tmp_path, f'<img src="data:image/png;base64,{big}">')
    with pytest.raises(RenderError, match="refused to load a data: URL"):
        render_pdf(plans["L-2026-0002"], folder)


def test_an_include_cannot_leave_the_folder(plans, tmp_path):
    folder = templates_with(tmp_path, '{% include "../../etc/passwd" %}')
    with pytest.raises(RenderError) as refused:
        render_html(plans["L-2026-0002"], folder)
    message = str(refused.value)
    assert "../../etc/passwd" in message and "only files inside their folder" in message
    assert "root:" not in message


def test_an_include_cannot_follow_a_symlink_out_of_the_folder(plans, tmp_path):
    folder = templates_with(tmp_path, '{% include "partials/extra.html.j2" %}')
    (folder / "partials/extra.html.j2").symlink_to("/etc/passwd")
    with pytest.raises(RenderError, match=r"partials/extra\.html\.j2' not found"):
        render_html(plans["L-2026-0002"], folder)


def test_a_date_filter_on_nothing_is_an_error_not_today(plans, tmp_path):
    folder = templates_with(tmp_path, "{{ plan.workplace.recognition.valid_until | date }}")
    assert render_html(plans["L-2026-0002"], folder)  # a date: fine
    folder = templates_with(tmp_path / "again", "{{ none | date }}")
    with pytest.raises(RenderError, match=r"plan\.html\.j2:\d+: the date filter was given no date"):
        render_html(plans["L-2026-0002"], folder)


def test_a_sandbox_escape_is_a_security_error(plans, tmp_path):
    folder = templates_with(tmp_path, "{{ ''.__class__.__mro__ }}")
    with pytest.raises(RenderError) as refused:
        render_html(plans["L-2026-0002"], folder)
    message = str(refused.value)
    assert message.startswith("plan.html.j2:")
    assert "refused by the template sandbox" in message and "__class__" in message


def test_a_template_cannot_change_the_shared_message_catalogue(plans, tmp_path):
    folder = templates_with(tmp_path, "{{ t.document.update({'title': 'x'}) }}")
    with pytest.raises(RenderError, match="refused by the template sandbox"):
        render_html(plans["L-2026-0002"], folder)


@pytest.mark.parametrize(
    ("snippet", "error"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% macro loop() %}{{ loop() }}{% endmacro %}{{ loop() }}", "RecursionError"),
        ("{{ 'sat' | weekday }}{{ 'someday' | weekday }}", "ValueError"),
    ],
)
def test_errors_of_a_templates_own_code_name_the_template(plans, tmp_path, snippet, error):
    folder = templates_with(tmp_path, snippet)
    with pytest.raises(RenderError, match=rf"^plan\.html\.j2:\d+: template error: {error}"):
        render_html(plans["L-2026-0002"], folder)


def test_an_unknown_message_key_is_an_error_not_an_empty_string(plans, tmp_path):
    folder = templates_with(tmp_path, "{{ t.document.no_such_key }}")
    with pytest.raises(RenderError, match="no_such_key"):
        render_html(plans["L-2026-0002"], folder)


def test_a_template_syntax_error_names_the_file_and_line(plans, tmp_path):
    folder = templates_with(tmp_path, "{% if %}")
    with pytest.raises(RenderError, match=r"plan\.html\.j2:\d+: template syntax error"):
        render_html(plans["L-2026-0002"], folder)
