"""``trajectkit plan`` end to end: options, exit codes, batches with failures, atomic output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from plan_support import REPO, SAMPLES, TEMPLATES, TRAJECTORY, copy_samples, edit, pdf_text, workplace_only
from pypdf import PdfReader

from trajectkit.cli import main

LEARNERS = ("L-2026-0001", "L-2026-0002", "L-2026-0003", "L-2026-0004", "L-2026-0005", "L-2028-0001", "L-2028-0002")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["plan", *map(str, args)], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """An empty working directory (no trajectkit.yaml) and no SOURCE_DATE_EPOCH."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --------------------------------------------------------------------------- happy paths


def test_html_plans_for_every_learner(tmp_path):
    out = tmp_path / "out"
    result = run(SAMPLES, "--all", "--out", out, "--format", "html", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert files(out) == [f"{ident}.html" for ident in LEARNERS]
    assert "7 plans written" in result.output
    assert "Rendering plans" not in result.output  # no progress bar off a terminal
    html = (out / "L-2026-0004.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in html and "Dawit Tesfay" in html


def test_lang_overrides_the_learners_language(tmp_path):
    out = tmp_path / "out"
    chosen = ("--learner", "L-2026-0004", "--learner", "L-2026-0001")
    result = run(SAMPLES, *chosen, "--lang", "nl", "--out", out, "--format", "html")
    assert result.exit_code == 0, result.output
    assert files(out) == ["L-2026-0001.html", "L-2026-0004.html"]
    assert '<html lang="nl-BE">' in (out / "L-2026-0004.html").read_text(encoding="utf-8")


def test_a_moved_competence_is_planned_despite_the_validation_error(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003",))
    workplace_only(folder)
    result = run(folder, "--learner", "L-2026-0003", "--out", tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out/L-2026-0003.html").read_text(encoding="utf-8")
    assert "Plaatst gipsblokken (bkc0051300) wordt verplaatst naar opleidingscentrum" in html
    assert "verplaatst naar opleidingscentrum: de onderneming kan deze competentie niet aanbieden" in html


def test_refused_when_there_is_nowhere_to_move_it(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0003", "L-2026-0001"))
    workplace_only(folder)
    edit(folder / TRAJECTORY, "    type: training-centre", "    type: simulated")
    edit(folder / TRAJECTORY, "    type: school", "    type: simulated")
    # Without a school the trajectory breaks two more rules; switch them off to see
    # planning's own refusal.
    config = tmp_path / "trajectkit.yaml"
    config.write_text(
        "rules:\n  school-not-assessing: {level: off}\n  general-education-at-workplace: {level: off}\n",
        encoding="utf-8",
    )
    result = run(folder, "--all", "--out", tmp_path / "out", "--format", "html", "--config", config)
    assert result.exit_code == 1
    assert files(tmp_path / "out") == ["L-2026-0001.html"]
    assert "L-2026-0003: refused [workplace-cannot-offer]: workplace WP-0002 cannot offer bkc0051300" in result.output


# --------------------------------------------------------------------------- a batch with a broken learner


def test_a_batch_goes_on_past_a_broken_learner(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0002", "L-2026-0004"))
    edit(folder / "learners/L-2026-0002.yaml", "mentor: M-02", "mentor: M-99")
    out = tmp_path / "out"
    result = run(folder, "--all", "--out", out, "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert files(out) == ["L-2026-0001.pdf", "L-2026-0004.pdf"]  # no partial or temporary file
    assert "2 plans written" in result.output
    assert "1 failed:" in result.output
    assert "L-2026-0002: refused: the catalogue has errors in this learner's documents:" in result.output
    assert "M-99" in result.output and "L-2026-0002.yaml:" in result.output
    for name in files(out):
        reader = PdfReader(out / name)
        assert len(reader.pages) > 1
    assert "Dawit Tesfay" in pdf_text(out / "L-2026-0004.pdf")


def test_an_unreadable_file_is_listed_among_the_failures(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0002"))
    (folder / "learners/L-2026-0002.yaml").write_text("kind: Learner\nid: [unclosed\n", encoding="utf-8")
    result = run(folder, "--all", "--out", tmp_path / "out", "--format", "html")
    assert result.exit_code == 1
    assert files(tmp_path / "out") == ["L-2026-0001.html"]
    assert "L-2026-0002.yaml: cannot read this file, so a learner in it may have no plan" in result.output


def test_a_duplicated_learner_id_is_refused_as_attest_refuses_it(tmp_path):
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0004"))
    twin = (folder / "learners/L-2026-0001.yaml").read_text(encoding="utf-8").replace("Yusuf Demir", "Someone Else")
    (folder / "learners/L-2026-0001-copy.yaml").write_text(twin, encoding="utf-8")
    out = tmp_path / "out"
    result = run(folder, "--all", "--out", out, "--format", "html")
    assert result.exit_code == 1, result.output
    assert files(out) == ["L-2026-0004.html"]  # neither of the two is planned
    assert "L-2026-0001: refused" in result.output
    assert "Learner id 'L-2026-0001' is already used at" in result.output
    assert "L-2026-0001-copy.yaml:3:1" in result.output
    assert "[duplicate-id]" in result.output
    attest = CliRunner().invoke(main, ["attest", str(folder), "--learner", "L-2026-0001"])
    assert attest.exit_code == 1 and "[duplicate-id]" in attest.output


@pytest.mark.parametrize("level", [None, "warning", "off"])
def test_a_learner_who_ends_before_the_start_gets_no_plan(tmp_path, level):
    folder = copy_samples(tmp_path, learners=("L-2026-0001", "L-2026-0004"))
    edit(folder / "learners/L-2026-0001.yaml", "end: 2028-06-30", "end: 2026-08-01")
    if level is not None:  # a configuration that lowers the rule does not let the plan through
        (tmp_path / "trajectkit.yaml").write_text(f"rules:\n  date-order: {level}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(folder, "--all", "--out", out, "--format", "html")
    assert result.exit_code == 1, result.output
    assert files(out) == ["L-2026-0004.html"]
    assert "L-2026-0001: refused" in result.output
    assert "2026-08-01" in result.output and "date-order" in result.output


def test_a_render_failure_is_listed_and_leaves_no_file(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    edit(templates / "plan.html.j2", "<body>\n", "<body>\n{{ ''.__class__.__mro__ }}\n")
    out = tmp_path / "out"
    result = run(SAMPLES, "--learner", "L-2026-0001", "--out", out, "--templates", templates)
    assert result.exit_code == 1
    assert files(out) == []
    assert "L-2026-0001: cannot render: plan.html.j2:" in result.output
    assert "refused by the template sandbox" in result.output
    assert "Traceback" not in result.output


def test_a_refused_url_is_reported_with_the_url(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    edit(
        templates / "partials/cover.html.j2",
        '<section class="cover">',
        '<section class="cover"><img src="file:///etc/passwd">',
    )
    result = run(SAMPLES, "--learner", "L-2026-0002", "--out", tmp_path / "out", "--templates", templates)
    assert result.exit_code == 1
    assert "refused to load file:///etc/passwd" in result.output
    assert files(tmp_path / "out") == []


def test_an_interrupt_leaves_whole_files_only(tmp_path, monkeypatch):
    """Ctrl-C halfway through writing the second plan: the first stays, no half file."""
    import trajectkit.commands.plan as plans
    from trajectkit.atomic import atomic_output

    written = []

    def write_then_interrupt(path, data):
        with atomic_output(path, "wb") as stream:
            stream.write(data[: len(data) // 2])
            if written:
                raise KeyboardInterrupt
            stream.write(data[len(data) // 2 :])
        written.append(path)

    monkeypatch.setattr(plans, "write_atomic", write_then_interrupt)
    out = tmp_path / "out"
    result = run(
        SAMPLES, "--learner", "L-2026-0001", "--learner", "L-2026-0002", "--out", out, "--format", "html", "--jobs", "1"
    )
    assert result.exit_code == 130
    assert result.output.rstrip().endswith("trajectkit: interrupted")
    assert files(out) == ["L-2026-0001.html"]
    assert (out / "L-2026-0001.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_failed_write_is_reported_per_learner(tmp_path):
    out = tmp_path / "out"
    (out / "L-2026-0001.html").mkdir(parents=True)  # a folder where the file should go
    result = run(SAMPLES, "--learner", "L-2026-0001", "--learner", "L-2026-0002", "--out", out, "--format", "html")
    assert result.exit_code == 1
    assert "L-2026-0001: " in result.output and "L-2026-0001.html: a folder" in result.output
    assert files(out) == ["L-2026-0001.html", "L-2026-0002.html"]
    assert not [name for name in os.listdir(out) if name.endswith(".part")]


# --------------------------------------------------------------------------- usage errors (exit 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "choose the learners: --learner ID (repeatable) or --all"),
        (("--all", "--learner", "L-2026-0001"), "either --learner or --all"),
        (("--learner", "L-2099-0001"), "unknown learner id L-2099-0001"),
        (("--all", "--format", "docx"), "'docx' is not one of 'pdf', 'html'"),
        (("--all", "--jobs", "0"), "0 is not in the range x>=1"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    result = CliRunner().invoke(main, ["plan", str(SAMPLES), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()  # a usage error leaves no empty output folder behind


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run(SAMPLES, "--all", "--out", blocker / "sub")
    assert result.exit_code == 2
    assert f"cannot write there: {blocker} is not a folder" in result.output


def test_a_missing_catalogue_path_is_a_usage_error(tmp_path):
    result = run(tmp_path / "nowhere", "--all", "--out", tmp_path / "out")
    assert result.exit_code == 2


def test_a_templates_folder_without_the_plan_template_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(SAMPLES, "--all", "--out", tmp_path / "out", "--templates", tmp_path / "empty")
    assert result.exit_code == 2
    assert "not a templates folder" in result.output


def test_a_missing_message_catalogue_is_a_usage_error(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "i18n/en.yaml").unlink()
    result = run(SAMPLES, "--learner", "L-2026-0004", "--out", tmp_path / "out", "--templates", templates)
    assert result.exit_code == 2
    assert "no message catalogue for language 'en'" in result.output


# --------------------------------------------------------------------------- the installed command


def test_the_command_runs_as_a_subprocess(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1790000000"}
    env.pop("CI", None)
    completed = subprocess.run(
        [sys.executable, "-m", "trajectkit", "plan", str(SAMPLES), "--learner", "L-2026-0005", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == ""
    assert "1 plan written" in completed.stderr
    assert files(out) == ["L-2026-0005.pdf"]
    reader = PdfReader(out / "L-2026-0005.pdf")
    assert reader.metadata.title == "Opleidingsplan – Ilias Azzouzi"
    assert reader.metadata.creation_date.date().isoformat() == "2026-09-21"  # SOURCE_DATE_EPOCH
    assert "Opgemaakt op 21 september 2026" in pdf_text(out / "L-2026-0005.pdf")
