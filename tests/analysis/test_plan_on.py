"""`trajectkit plan --on DATE`: the date printed on the plan, read like every reference date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plan_support import pdf_text

LEARNER = "L-2026-0003"


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _plan(cli, samples: Path, out: Path, *args: str) -> bytes:
    result = cli("plan", samples, "--learner", LEARNER, "--out", out, "--jobs", "1", *args)
    assert result.exit_code == 0, result.output
    return (out / f"{LEARNER}.pdf").read_bytes()


def test_the_same_on_gives_the_same_bytes_and_prints_that_date(cli, samples: Path, tmp_path: Path) -> None:
    first = _plan(cli, samples, tmp_path / "a", "--on", "2027-03-15")
    second = _plan(cli, samples, tmp_path / "b", "--on", "2027-03-15")
    assert first == second
    text = pdf_text(tmp_path / "a" / f"{LEARNER}.pdf")
    assert "Opgemaakt op 15 maart 2027" in text


def test_on_goes_before_the_configuration_and_the_epoch(
    cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18, after what the plan reports
    config = tmp_path / "settings" / "trajectkit.yaml"  # not found from the working directory
    config.parent.mkdir()
    config.write_text("today: 2027-01-04\n", encoding="utf-8")
    _plan(cli, samples, tmp_path / "on", "--on", "2027-03-15", "--config", str(config))
    assert "Opgemaakt op 15 maart 2027" in pdf_text(tmp_path / "on" / f"{LEARNER}.pdf")
    _plan(cli, samples, tmp_path / "today", "--config", str(config))
    assert "Opgemaakt op 4 januari 2027" in pdf_text(tmp_path / "today" / f"{LEARNER}.pdf")
    _plan(cli, samples, tmp_path / "epoch")
    assert "Opgemaakt op 18 november 2026" in pdf_text(tmp_path / "epoch" / f"{LEARNER}.pdf")


def test_an_unsupported_on_is_a_usage_error(cli, samples: Path, tmp_path: Path) -> None:
    result = cli("plan", samples, "--learner", LEARNER, "--out", tmp_path / "out", "--on", "1800-01-01")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- never before what it reports


def test_a_date_before_what_the_plan_reports_is_refused_with_the_date_that_would_do(
    cli, samples: Path, tmp_path: Path
) -> None:
    """L-2026-0003 reached bkc0051283 on 23 October and bkc0051285 on 6 November 2026: a
    plan dated 1 October 2026 would report both before they happened."""
    result = cli("plan", samples, "--learner", LEARNER, "--out", tmp_path / "out", "--on", "2026-10-01")
    assert result.exit_code == 2
    path = (samples / "learners" / f"{LEARNER}.yaml").as_posix()
    assert (
        f"{LEARNER}: refused [plan-date]: the plan is dated 2026-10-01, before bkc0051285 attained on 2026-11-06 "
        f"({path}:27) that it reports; give --on 2026-11-06 or later"
    ) in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out" / f"{LEARNER}.pdf").exists()
    # the day itself is allowed
    assert cli("plan", samples, "--learner", LEARNER, "--out", tmp_path / "ok", "--on", "2026-11-06").exit_code == 0


def test_in_a_batch_the_others_are_written_and_the_refused_listed_at_the_end(
    cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 1 October 2026 (SOURCE_DATE_EPOCH) L-2026-0001 and L-2026-0003 have attained
    competences still to come, and the 2028 learners agreements registered in 2028; the
    other learners have nothing dated after it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790812800")  # 2026-10-01
    out = tmp_path / "out"
    result = cli("plan", samples, "--all", "--out", out, "--jobs", "1")
    assert result.exit_code == 2, result.output
    written = sorted(path.stem for path in out.glob("*.pdf"))
    assert written == ["L-2026-0002", "L-2026-0004", "L-2026-0005"]
    lines = result.output.splitlines()
    assert "3 plans written to" in result.output and "4 failed:" in lines
    tail = lines[lines.index("4 failed:") + 1 :]
    assert [line.split(":")[0] for line in tail] == ["L-2026-0001", "L-2026-0003", "L-2028-0001", "L-2028-0002"]
    assert all("refused [plan-date]" in line and "give --on" in line for line in tail)
    assert "before the agreement at WP-0003 registered on 2029-08-27" in tail[2]  # the latest of them


def test_every_reported_fact_counts_signatures_of_shown_versions_only(tmp_path: Path) -> None:
    """The check is one function over the facts a plan reports: attained competences,
    evaluations, agreement registration and early end, and the signatures of the versions
    shown; a version dated after the plan is not shown, so its signatures do not count."""
    import datetime as dt

    from tests.plan_support import copy_samples, load
    from trajectkit.analysis.plan_context import PlanRefused
    from trajectkit.analysis.plan_dates import check_document_date, document_day, reported_facts

    folder = copy_samples(tmp_path, learners=("L-2026-0002",))
    path = folder / "learners" / "L-2026-0002.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("agreement: OAO", "agreement: {type: OAO, ended_on: 2027-03-31}")
        + "evaluations:\n  - {date: 2026-12-10, results: []}\n"
        "plan_versions:\n"
        "  - {version: 1, date: 2026-08-28, status: signed, signed: {learner: 2026-08-28, school: 2026-09-02}}\n"
        "  - {version: 2, date: 2027-06-01, status: signed, signed: {learner: 2027-06-20}}\n",
        encoding="utf-8",
    )
    catalogue, _ = load(folder)
    learner = catalogue.learners["L-2026-0002"]
    assert document_day(learner, None, dt.date(2026, 12, 1)) == dt.date(
        2027, 6, 20
    )  # the latest fact: version 2's signature
    assert document_day(learner, None, dt.date(2027, 7, 1)) == dt.date(2027, 7, 1)  # today, after every fact

    facts = [(fact.day, fact.what) for fact in reported_facts(learner, dt.date(2027, 5, 1))]
    assert facts == [
        (dt.date(2026, 12, 10), "an evaluation"),
        (dt.date(2027, 3, 31), "the agreement at WP-0001 ended"),
        (dt.date(2026, 8, 28), "the signature of the learner on version 1"),
        (dt.date(2026, 9, 2), "the signature of the school on version 1"),
    ]  # version 2 (1 June 2027) is not shown on 1 May 2027

    def refusal(day: dt.date) -> str:
        with pytest.raises(PlanRefused) as raised:
            check_document_date(learner, day)
        assert raised.value.rule == "plan-date"
        return raised.value.reason

    # the latest fact after the date is named, with where the file says it
    assert refusal(dt.date(2026, 9, 1)).startswith(
        "the plan is dated 2026-09-01, before the agreement at WP-0001 ended on 2027-03-31 ("
    )
    assert f"{path.as_posix()}:13) that it reports; give --on 2027-03-31 or later" in refusal(dt.date(2026, 9, 1))
    check_document_date(learner, dt.date(2027, 5, 1))
    assert "before the signature of the learner on version 2 on 2027-06-20" in refusal(dt.date(2027, 6, 10))
    check_document_date(learner, dt.date(2027, 6, 20))
