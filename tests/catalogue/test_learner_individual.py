"""A version 1.1 learner: placements, agreements, adjustments, guardians, own hours, timed rhythm.

The learner of the 1.1 format reference is accepted as written and read into one
shape; a version 1 learner reads into the same shape with one placement.
"""

from __future__ import annotations

import datetime as dt

from trajectkit.catalogue.loading import parse_bytes
from trajectkit.catalogue.model import Agreement, Learner, Placement, RhythmSlot
from trajectkit.catalogue.schema import check_document

D = dt.date

HEAD = "kind: Learner\nid: L-1\nname: Sara\nbirth_date: 2010-05-14\ntrajectory: OT-00214\nstart: 2026-09-01\nend: 2028-06-30\n"

#: The learner additions of the 1.1 format (evaluations and plan versions aside).
SPEC_LEARNER = """\
school: {provider: P-GO-TA-GENT, coach: C-01}
guardians:
  - {name: Ayse Demir, email: ayse.demir@example.org, phone: "+32 470 00 00 00"}
starting_point: >-
  Heeft een jaar ervaring als jobstudent in een bouwbedrijf.
goals: [Wil later een eigen zaak starten]
placements:
  - workplace: WP-0001
    mentor: M-01
    from: 2026-09-01
    until: 2027-06-30
    learning_places: [werkplek]
    agreement:
      type: OAO
      number: "OAO-2026-004512"
      registered_on: 2026-08-28
      ended_on: null
      end_reason: null
  - workplace: WP-0003
    mentor: M-07
    from: 2027-09-01
    agreement: {type: OAO}
adjustments:
  - competence: bkc0051300
    at: [school, opleidingscentrum]
    assessed_by: [school]
    phase: verdieping
    reason: De werkplek plaatst geen gevelisolatie
hours_per_week:
  school: 12
  opleidingscentrum: 4
  werkplek: 20
"""


def read(text: str) -> tuple[list[tuple[int, int, str]], Learner | None]:
    (document,), findings = parse_bytes((HEAD + text).encode(), "l.yaml")
    assert findings == []
    problems = [(f.location.line, f.location.column, f.message) for f in check_document(document)]
    return problems, Learner.from_document(document) if not problems else None


def test_the_learner_of_the_format_reference_is_accepted_and_read_whole() -> None:
    problems, learner = read(SPEC_LEARNER)
    assert problems == [] and learner is not None
    first, second = learner.placements
    assert (first.workplace, first.mentor, first.start, first.end, first.learning_places) == (
        "WP-0001",
        "M-01",
        D(2026, 9, 1),
        D(2027, 6, 30),
        ("werkplek",),
    )
    assert first.agreement is not None and first.agreement.number == "OAO-2026-004512"
    assert first.agreement.registered_on == D(2026, 8, 28) and first.agreement.ended_on is None
    assert (second.workplace, second.start, second.end) == ("WP-0003", D(2027, 9, 1), D(2028, 6, 30))
    assert [p.workplace for p in learner.placements_on(D(2027, 1, 15))] == ["WP-0001"]
    assert learner.placements_on(D(2027, 7, 15)) == ()
    (adjustment,) = learner.adjustments
    assert (
        adjustment.at == ("school", "opleidingscentrum")
        and adjustment.reason == "De werkplek plaatst geen gevelisolatie"
    )
    assert learner.hours_per_week == {"school": 12, "opleidingscentrum": 4, "werkplek": 20}
    assert [(g.name, g.phone) for g in learner.guardians] == [("Ayse Demir", "+32 470 00 00 00")]
    assert learner.starting_point == "Heeft een jaar ervaring als jobstudent in een bouwbedrijf."
    assert learner.goals == ("Wil later een eigen zaak starten",)


def test_a_version_1_learner_is_one_placement_over_its_whole_period() -> None:
    problems, learner = read("workplace: WP-0001\nmentor: M-01\nagreement: OAO\n")
    assert problems == [] and learner is not None
    assert learner.placements == (Placement("WP-0001", "M-01", D(2026, 9, 1), D(2028, 6, 30), (), Agreement("OAO")),)
    assert [a.type for a in learner.agreements()] == ["OAO"]


def test_a_stopped_agreement_ends_the_placement_on_its_last_day() -> None:
    text = "workplace: WP-0001\nmentor: M-01\nagreement: {type: OAO, ended_on: 2027-03-31, end_reason: by-learner}\n"
    problems, learner = read(text)
    assert problems == [] and learner is not None
    assert [bool(learner.placements_on(day)) for day in (D(2027, 3, 31), D(2027, 4, 1))] == [True, False]


def test_placements_beside_the_version_1_workplace_is_a_schema_error_at_each_key() -> None:
    text = "workplace: WP-0001\nmentor: M-01\nagreement: OAO\nplacements:\n  - {workplace: WP-0001, mentor: M-01}\n"
    problems, _ = read(text)
    assert [(line, column) for line, column, _ in problems] == [(8, 1), (9, 1), (10, 1)]
    assert all("`placements` are alternatives" in message for _, _, message in problems)


def test_a_timed_rhythm_gives_the_days_per_place_and_the_times() -> None:
    text = (
        "weekly_rhythm:\n"
        '  mon: [{place: school, from: "08:30", until: "15:30"}]\n'
        '  tue: [{place: school, from: "08:30", until: "12:00"}, {place: werkplek, from: "13:00"}]\n'
        "  wed: [{place: werkplek}]\n"
    )
    problems, learner = read(text)
    assert problems == [] and learner is not None
    assert learner.weekly_rhythm == {"school": ("mon", "tue"), "werkplek": ("tue", "wed")}
    assert learner.timetable[1] == RhythmSlot("tue", "school", "08:30", "12:00")


def test_a_time_that_is_not_hh_mm_says_how_to_write_it() -> None:
    problems, _ = read('weekly_rhythm:\n  mon: [{place: school, from: "8u30"}]\n')
    assert problems == [
        (9, 25, "weekly_rhythm.mon[0].from: '8u30' is not a time; write HH:MM in quotes, e.g. \"08:30\"")
    ]


def test_own_hours_beyond_a_week_are_refused() -> None:
    problems, _ = read("hours_per_week: {werkplek: 200}\n")
    assert [(line, column) for line, column, _ in problems] == [(8, 18)]
