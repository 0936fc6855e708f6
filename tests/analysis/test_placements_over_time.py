"""Commands see the placements in force on their date: a learner with two workplaces
in turn (sample L-2028-0001: WP-0001 in 2028-2029, WP-0003 in 2029-2030) is at one
of them on a given day, never at both, and loses only the one in force."""

from __future__ import annotations

import json
from pathlib import Path


def scenario(cli, *args: str | Path) -> dict:
    result = cli("scenario", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_losing_a_workplace_affects_the_placement_in_force_only(cli, samples: Path) -> None:
    first_year = scenario(cli, samples, "--without", "WP-0001", "--on", "2028-10-01")
    assert [(item["learner"], item["workplace"]) for item in first_year["learners"]] == [("L-2028-0001", "WP-0001")]
    # a year later the same learner is at WP-0003: losing WP-0001 concerns nobody
    assert scenario(cli, samples, "--without", "WP-0001", "--on", "2029-10-01")["learners"] == []
    second_year = scenario(cli, samples, "--without", "WP-0003", "--on", "2029-10-01")
    assert [(item["learner"], item["workplace"]) for item in second_year["learners"]] == [
        ("L-2028-0001", "WP-0003"),
        ("L-2028-0002", "WP-0003"),
    ]


def test_a_placement_not_in_force_takes_no_place(cli, samples: Path) -> None:
    # In 2028-2029 WP-0003 holds L-2028-0002 only; L-2028-0001 comes in September 2029.
    data = scenario(cli, samples, "--without", "WP-0001", "--on", "2028-10-01")
    (alternatives,) = [item["alternatives"] for item in data["learners"]]
    assert [(alt["workplace"], alt["free"], alt["capacity"]) for alt in alternatives] == [("WP-0003", 1, 2)]
