"""``trajectkit plan`` for learners with an individual agreement (version 1.1): every
workplace with its period and agreement, guardians, starting point, goals, the
adjustments with their reason and the timetable, read back from the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from plan_support import SAMPLES, TRAJECTORY, copy_samples, edit, pdf_text, squash

from trajectkit.cli import main

TWO_PLACEMENTS = "L-2028-0001"
ADJUSTED = "L-2028-0002"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["plan", *map(str, args)], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def plan_text(tmp_path: Path, learner: str, *options: str) -> str:
    out = tmp_path / "out"
    result = run(SAMPLES, "--learner", learner, "--out", out, "--jobs", "1", *options)
    assert result.exit_code == 0, result.output
    return pdf_text(out / f"{learner}.pdf")


def layout_rows(path: Path, starts: str) -> list[str]:
    """Every table row whose first cell starts with ``starts``, each squashed into one line."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    lines, rows = text.splitlines(), []
    for index, line in enumerate(lines):
        if line.strip().startswith(starts):
            row = []
            for following in lines[index:]:
                if not following.strip():
                    break
                row.append(following)
            rows.append(squash(" ".join(row)))
    return rows


def test_both_workplaces_with_their_periods_and_agreement_numbers(tmp_path: Path) -> None:
    text = plan_text(tmp_path, TWO_PLACEMENTS)
    assert "Individuele afspraken" in text and "Werkplekken en overeenkomsten" in text
    first = text.index("Pleisterwerken Van de Velde BV WP-0001")
    second = text.index("Vandenbulcke Droogbouw en Afwerking NV WP-0003")
    assert first < second
    assert "1 september 2028 – 30 juni 2029" in text and "1 september 2029 – 30 juni 2030" in text
    assert "nr. OAO-2028-001734 geregistreerd op 24 augustus 2028" in text
    assert "nr. OAO-2029-002210" in text
    assert "De onderneming ondertekent de overeenkomst; de mentor begeleidt de leerling." in text
    # both companies are the workplace in the table of learning places
    assert "Pleisterwerken Van de Velde BV, Vandenbulcke Droogbouw en Afwerking NV 22 u" in text


def test_the_timetable_prints_the_times_of_the_rhythm(tmp_path: Path) -> None:
    text = plan_text(tmp_path, TWO_PLACEMENTS)
    assert "Uurrooster" in text
    assert "Dinsdag School 08:25–12:05 Dinsdag Werkplek 13:00–17:00" in text


def test_guardian_starting_point_goals_and_the_adjustment_with_its_reason(tmp_path: Path) -> None:
    text = plan_text(tmp_path, ADJUSTED)
    assert "Beginsituatie Heeft de eerste graad in de bouw afgewerkt" in text
    assert "Doelen Wil na de opleiding als stukadoor aan de slag in de streek Wil het attest gevelisolatie" in text
    assert "Ouders of voogd Tom Maes · tom.maes@example.org · Telefoon +32 475 12 34 56" in text
    assert "Afgesproken afwijkingen van het standaardtraject" in text
    adjustment, _ = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Plaatst gipsblokken")
    assert adjustment.startswith("Plaatst gipsblokken School, School Verdieping Vandenbulcke plaatst in deze periode")
    assert "bkc0051300 Opleidingscentrum geen gipsblokken; de leerling oefent ze" in adjustment
    # the guardian signs by name; the learner's own hours replace the trajectory's
    assert "Ouder of voogd (de lerende is minderjarig)" in text and "Naam Tom Maes" in text
    rows = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Opleidingscentrum ")
    # her training centre by name, her own 4 h (2 h in the standard trajectory), block weeks instead of days
    assert rows[0].replace(" ", "") == (
        "OpleidingscentrumBouwopleidingscentrumGent4uBlokweken:13–17november202812–16maart2029"
    )
    assert layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Werkplek ")[0].startswith(
        "Werkplek Vandenbulcke Droogbouw en Afwerking 20 u"
    )


def test_the_adjusted_competence_is_learned_where_the_adjustment_says(tmp_path: Path) -> None:
    plan_text(tmp_path, ADJUSTED)
    _, competence = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Plaatst gipsblokken")
    assert competence.startswith("Plaatst gipsblokken Verdieping School, School")
    assert "bkc0051300 Opleidingscentrum" in competence
    plan_text(tmp_path, "L-2026-0001")
    (standard,) = layout_rows(tmp_path / "out" / "L-2026-0001.pdf", "Plaatst gipsblokken")
    assert standard.startswith("Plaatst gipsblokken Verdieping School, Werkplek School")


def test_in_english(tmp_path: Path) -> None:
    text = plan_text(tmp_path, ADJUSTED, "--lang", "en")
    assert "Individual agreement" in text and "Starting point" in text and "Goals" in text
    assert "Parents or guardian Tom Maes" in text
    assert "Agreed deviations from the standard trajectory" in text
    assert "no. OAO-2028-001802 registered on 29 August 2028" in text


def test_a_version_1_learner_gets_no_individual_section(tmp_path: Path) -> None:
    text = plan_text(tmp_path, "L-2026-0001")
    assert "Individuele afspraken" not in text and "Uurrooster" not in text


def test_the_plan_is_the_same_bytes_run_to_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run(SAMPLES, "--learner", TWO_PLACEMENTS, "--learner", ADJUSTED, "--out", out).exit_code == 0
    for learner in (TWO_PLACEMENTS, ADJUSTED):
        assert (first / f"{learner}.pdf").read_bytes() == (second / f"{learner}.pdf").read_bytes()


MOMENTS = """evaluation_moments:
  - {id: E1, title: Eerste evaluatie, week: 8, by: [school, werkplek]}
  - {id: E2, title: Tussentijdse evaluatie, week: 20, by: [school, opleidingscentrum, werkplek]}
  - {id: E3, week: 200, by: [school]}
"""


def with_moments(tmp_path: Path) -> Path:
    catalogue = copy_samples(tmp_path)
    edit(catalogue / TRAJECTORY, "clusters:  ", MOMENTS + "clusters:  ")
    return catalogue


def catalogue_plan(catalogue: Path, tmp_path: Path, learner: str, *options: str) -> str:
    out = tmp_path / "out"
    result = run(catalogue, "--learner", learner, "--out", out, "--jobs", "1", *options)
    assert result.exit_code == 0, result.output
    return pdf_text(out / f"{learner}.pdf")


def test_evaluation_moments_are_dated_from_the_learners_start(tmp_path: Path) -> None:
    """Week 8 and week 20 from a start on 1 September 2028 fall on 27 October 2028 and
    19 January 2029; week 200 falls after her end (30 June 2030) and is left out."""
    catalogue = with_moments(tmp_path)
    text = catalogue_plan(catalogue, tmp_path, ADJUSTED)
    assert "Evaluatiemomenten De leerplekken evalueren samen op deze momenten" in text
    assert "de weken tellen vanaf de start van de lerende op 1 september 2028" in text
    rows = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Eerste evaluatie")
    assert rows == ["Eerste evaluatie E1 week 8 27 oktober 2028 School, Werkplek"]
    (second,) = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Tussentijdse evaluatie")
    assert second.startswith("Tussentijdse evaluatie E2 week 20 19 januari 2029 School, Opleidingscentrum,")
    assert "E3" not in text
    english = catalogue_plan(catalogue, tmp_path, "L-2026-0001", "--lang", "en")
    # another learner, another start (1 September 2026): other dates for the same weeks
    assert "Evaluation moments The learning places evaluate together at these moments" in english
    assert "Eerste evaluatie E1 week 8 27 October 2026" in english  # titles are the trajectory's own
    assert "Tussentijdse evaluatie E2 week 20 19 January 2027" in english
    again = tmp_path / "again"
    assert run(catalogue, "--learner", "L-2026-0001", "--lang", "en", "--out", again, "--jobs", "1").exit_code == 0
    assert (again / "L-2026-0001.pdf").read_bytes() == (tmp_path / "out" / "L-2026-0001.pdf").read_bytes()


def test_the_provider_name_and_the_coachs_contact_details(tmp_path: Path) -> None:
    text = plan_text(tmp_path, ADJUSTED)  # school: {provider: P-GO-TA-GENT, coach: C-01}
    # the cover's two columns come out interleaved: the school's rows one by one
    assert "School GO! Technisch Atheneum Gent Dossiernummer" in text
    assert "Trajectbegeleider Els Van Acker Leeftijd" in text and "E-mail els.vanacker@example.org" in text
    english = plan_text(tmp_path, ADJUSTED, "--lang", "en")
    assert "GO! Technisch Atheneum Gent" in english and "Els Van Acker" in english
    assert "els.vanacker@example.org" in english


def test_the_training_centre_in_english(tmp_path: Path) -> None:
    plan_text(tmp_path, ADJUSTED, "--lang", "en")
    rows = layout_rows(tmp_path / "out" / f"{ADJUSTED}.pdf", "Training ")
    assert rows[0].replace(" ", "") == (
        "TrainingcentreBouwopleidingscentrumGent4hBlockweeks:13–17November202812–16March2029"
    )


def test_a_version_1_plan_without_moments_or_training_centre_is_unchanged(tmp_path: Path) -> None:
    text = plan_text(tmp_path, "L-2026-0001")
    assert "Evaluatiemomenten" not in text and "Blokweken" not in text
