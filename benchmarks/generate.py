"""A seeded synthetic catalogue at Flanders scale and beyond, valid unless told otherwise.

    python3 benchmarks/generate.py --out /tmp/flanders            # 600 BKs, 700 trajectories,
                                                                  # 10,000 workplaces, 20,000 learners
    python3 benchmarks/generate.py --out /tmp/small --qualifications 10 --trajectories 12 \\
        --workplaces 40 --learners 80 --seed 7
    python3 benchmarks/generate.py --out /tmp/broken --plant-problems 3   # + expected.json
    python3 benchmarks/generate.py --out /tmp/over-time --over-time       # + evaluations, plan
                                                                  # versions, early endings

The same options and seed give the same bytes. Everything generated validates with
``trajectkit validate`` (0 errors, 0 warnings) unless ``--plant-problems N`` is given;
then N problems per planted rule are added, each in documents of its own (a new
workplace, new learners, or one trajectory changed), so that each causes exactly one
finding of its rule and nothing else, and ``expected.json`` says ``{rule: count}``.

The YAML is written as text directly (no YAML library), which keeps generation fast:
one file per qualification and trajectory, workplaces and learners 100 to a file as
multi-document files. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from over_time import TERMINATION_SHARE, OverTime, histories, trajectory_lines

#: Without evaluations, plan versions or early endings.
NO_HISTORY = OverTime()

#: Documents per multi-document file for workplaces and learners.
PER_FILE = 100
#: The school year the learners start in (most of them) and the one before.
START = dt.date(2026, 9, 1)
EARLIER_START = dt.date(2025, 9, 1)
#: Recognitions start between these dates and last five years (profile recognition.max_years).
RECOGNISED_FROM = (dt.date(2021, 9, 1), dt.date(2026, 8, 1))
#: Share of sites and homes with coordinates; the others have a postcode and municipality only.
COORDINATE_SHARE = 0.85

# (municipality, postcode, latitude, longitude, weight ~ population)
MUNICIPALITIES: tuple[tuple[str, str, float, float, int], ...] = (
    ("Antwerpen", "2000", 51.2194, 4.4025, 53),
    ("Gent", "9000", 51.0543, 3.7174, 27),
    ("Brugge", "8000", 51.2093, 3.2247, 12),
    ("Leuven", "3000", 50.8798, 4.7005, 10),
    ("Mechelen", "2800", 51.0259, 4.4776, 9),
    ("Aalst", "9300", 50.9378, 4.0403, 9),
    ("Hasselt", "3500", 50.9307, 5.3325, 8),
    ("Kortrijk", "8500", 50.8280, 3.2649, 8),
    ("Sint-Niklaas", "9100", 51.1652, 4.1437, 8),
    ("Oostende", "8400", 51.2154, 2.9287, 7),
    ("Genk", "3600", 50.9650, 5.5008, 7),
    ("Roeselare", "8800", 50.9469, 3.1227, 6),
    ("Brussel", "1000", 50.8467, 4.3525, 18),
    ("Turnhout", "2300", 51.3227, 4.9446, 5),
    ("Dendermonde", "9200", 51.0287, 4.1005, 5),
    ("Beveren", "9120", 51.2132, 4.2568, 5),
    ("Lokeren", "9160", 51.1036, 3.9934, 4),
    ("Vilvoorde", "1800", 50.9281, 4.4245, 4),
    ("Ninove", "9400", 50.8280, 4.0250, 4),
    ("Geel", "2440", 51.1617, 4.9907, 4),
    ("Lier", "2500", 51.1313, 4.5704, 4),
    ("Herentals", "2200", 51.1766, 4.8364, 3),
    ("Mol", "2400", 51.1913, 5.1160, 3),
    ("Ieper", "8900", 50.8511, 2.8857, 3),
    ("Waregem", "8790", 50.8893, 3.4270, 4),
    ("Oudenaarde", "9700", 50.8454, 3.6053, 3),
    ("Ronse", "9600", 50.7458, 3.6005, 3),
    ("Eeklo", "9900", 51.1870, 3.5590, 2),
    ("Tienen", "3300", 50.8072, 4.9378, 3),
    ("Diest", "3290", 50.9893, 5.0506, 2),
    ("Tongeren", "3700", 50.7805, 5.4643, 3),
    ("Sint-Truiden", "3800", 50.8164, 5.1860, 4),
    ("Beringen", "3580", 51.0494, 5.2260, 4),
    ("Lommel", "3920", 51.2306, 5.3131, 3),
    ("Maasmechelen", "3630", 50.9656, 5.6943, 3),
    ("Halle", "1500", 50.7339, 4.2345, 4),
    ("Zaventem", "1930", 50.8837, 4.4734, 3),
    ("Deinze", "9800", 50.9818, 3.5304, 4),
    ("Wetteren", "9230", 51.0061, 3.8826, 3),
    ("Zele", "9240", 51.0662, 4.0398, 2),
    ("Mortsel", "2640", 51.1700, 4.4567, 3),
    ("Boom", "2850", 51.0884, 4.3666, 2),
    ("Heist-op-den-Berg", "2220", 51.0757, 4.7283, 4),
    ("Izegem", "8870", 50.9144, 3.2138, 3),
    ("Tielt", "8700", 50.9992, 3.3269, 2),
    ("Poperinge", "8970", 50.8552, 2.7268, 2),
    ("Knokke-Heist", "8300", 51.3500, 3.2660, 3),
    ("Menen", "8930", 50.7966, 3.1215, 3),
    ("Bilzen", "3740", 50.8731, 5.5190, 3),
    ("Merelbeke", "9820", 50.9944, 3.7458, 2),
    ("Sint-Amandsberg", "9040", 51.0722, 3.7500, 3),
    ("Erembodegem", "9320", 50.9197, 4.0526, 2),
)

# sector → professions (titles of professional qualifications)
SECTORS: dict[str, tuple[str, ...]] = {
    "bouw": (
        "Metselaar",
        "Stukadoor",
        "Tegelzetter",
        "Dakwerker",
        "Vloerder",
        "Schilder-decorateur",
        "Bekister-betonneerder",
        "Voeger",
        "Plaatser droge binnenafwerking",
    ),
    "metaal en technologie": (
        "Lasser",
        "Plaatwerker",
        "CNC-operator",
        "Onderhoudstechnicus",
        "Monteur industriële installaties",
        "Pijpfitter",
    ),
    "elektriciteit": (
        "Residentieel elektrotechnisch installateur",
        "Industrieel elektrotechnisch installateur",
        "Installateur zonnepanelen",
    ),
    "auto": ("Onderhoudsmechanicus personenwagens", "Carrosseriehersteller", "Bandenmonteur"),
    "hout": ("Meubelmaker", "Schrijnwerker", "Interieurbouwer"),
    "zorg en welzijn": ("Zorgkundige", "Begeleider kinderopvang", "Logistiek assistent zorg", "Verzorgende"),
    "horeca": ("Kok", "Hulpkok", "Kelner", "Barman", "Hotelreceptionist"),
    "voeding": ("Bakker", "Slager", "Medewerker voedingsindustrie", "Banketbakker"),
    "handel": ("Winkelmedewerker", "Verkoper", "Magazijnier", "Kassamedewerker"),
    "logistiek": ("Heftruckchauffeur", "Logistiek medewerker", "Vrachtwagenchauffeur"),
    "schoonheidszorg": ("Kapper", "Schoonheidsspecialist", "Nagelstylist"),
    "groen": ("Groenbeheerder", "Tuinaanlegger", "Medewerker land- en tuinbouw"),
    "chemie": ("Procesoperator chemie", "Laborant"),
    "grafische": ("Medewerker drukvoorbereiding", "Operator drukpers"),
    "textiel": ("Operator textielproductie", "Confectiemedewerker"),
}

GENERIC_COMPETENCES = (
    "Werkt in teamverband",
    "Werkt met oog voor veiligheid, milieu, kwaliteit en welzijn",
    "Communiceert met klanten en collega's",
    "Organiseert de eigen werkzaamheden",
    "Richt de werkplek in",
    "Ruimt de werkplek op en sorteert het afval",
    "Onderhoudt het gereedschap en de machines",
)
VERBS = (
    "Bereidt",
    "Plaatst",
    "Controleert",
    "Herstelt",
    "Bedient",
    "Stelt af",
    "Werkt af",
    "Meet en tekent",
    "Monteert",
    "Reinigt",
    "Registreert",
    "Plant",
)
OBJECTS = (
    "de ondergrond",
    "de materialen",
    "de installatie",
    "de machine",
    "het eindproduct",
    "de onderdelen",
    "de afwerking",
    "de werkzaamheden",
    "het werkstuk",
    "de bestellingen",
    "de voorraad",
    "de kwaliteitscontrole",
)
GOALS = tuple(
    (f"ET-{area}-{number:02d}", f"{title} ({number})")
    for area, title in (
        ("NL", "Begrijpt werkinstructies en schrijft een kort verslag"),
        ("WIS", "Rekent met maten, hoeveelheden en geld"),
        ("MAV", "Kent de eigen rechten en plichten als werknemer en burger"),
        ("ICT", "Gebruikt digitale toepassingen op het werk"),
        ("ENG", "Begrijpt eenvoudige Engelstalige instructies"),
    )
    for number in range(1, 7)
)
FIRST_NAMES = (
    "Emma",
    "Noah",
    "Olivia",
    "Arthur",
    "Louise",
    "Jules",
    "Mila",
    "Lucas",
    "Elena",
    "Adam",
    "Lina",
    "Victor",
    "Nora",
    "Finn",
    "Sara",
    "Yusuf",
    "Lotte",
    "Kobe",
    "Fatima",
    "Ilias",
    "Amira",
    "Seppe",
    "Hanne",
    "Mehmet",
    "Dawit",
    "Ines",
    "Wout",
    "Zoë",
    "Rayan",
    "Fien",
)
LAST_NAMES = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Vermeulen",
    "De Clercq",
    "Van de Velde",
    "El Amrani",
    "Demir",
    "Yılmaz",
    "Azzouzi",
    "Tesfay",
    "Vandenbulcke",
    "Desmet",
    "Hermans",
    "Aerts",
    "Michiels",
    "Coppens",
    "Van Damme",
    "Martens",
    "Bogaert",
    "Smets",
)
SCHOOLS = (
    "GO! Technisch Atheneum",
    "VTI",
    "Sint-Jozefinstituut",
    "Centrum voor Deeltijds Onderwijs",
    "Syntra-campus",
    "Provinciaal Instituut",
    "Spectrumcollege",
)
STREETS = (
    "Dorpsstraat",
    "Kerkstraat",
    "Stationsstraat",
    "Industrieweg",
    "Nijverheidsstraat",
    "Molenstraat",
    "Kouter",
    "Ambachtenlaan",
    "Brugsesteenweg",
    "Zandstraat",
)
LEGAL_FORMS = ("BV", "NV", "CV", "VZW")


# --------------------------------------------------------------------------- records


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Qualification:
    id: str
    title: str
    level: int
    sector: str
    competences: list[tuple[str, str]]
    partial: tuple[str, str, list[str]] | None


@dataclass
class Trajectory:
    id: str
    title: str
    ok_id: str
    ok_level: int
    bk: Qualification
    partial_bk: Qualification | None
    partial_competences: list[str]
    goals: list[tuple[str, str]]
    agreement: str
    school_years: int
    centre: bool
    hours: dict[str, int]
    weight: float
    drop: str | None = None  # planted: a competence left without allocation


@dataclass
class Recognition:
    trajectory: str
    valid_from: dt.date
    valid_until: dt.date
    capacity: int

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until


@dataclass
class Mentor:
    id: str
    name: str
    birth_date: dt.date
    experience: int
    trained: dt.date | None
    conduct: dt.date | None = None  # extract from the criminal record (model 596.2)


@dataclass
class Provider:
    """A school or centre that organises trajectories (offers), with its coaches."""

    id: str
    name: str
    number: str
    place: tuple[str, str, float, float, int]
    offers: list[tuple[str, dt.date]]
    coaches: list[tuple[str, str]]


@dataclass
class Workplace:
    id: str
    name: str
    number: str
    street: str
    place: tuple[str, str, float, float, int]
    coordinates: tuple[float, float] | None
    recognitions: list[Recognition]
    cannot_offer: list[str]
    mentors: list[Mentor]
    placed: dict[str, int] = field(default_factory=dict)


@dataclass
class Learner:
    id: str
    name: str
    birth_date: dt.date
    language: str
    trajectory: Trajectory
    start: dt.date
    school: str
    coach: str
    place: tuple[str, str, float, float, int]
    coordinates: tuple[float, float] | None
    workplace: Workplace | None = None
    mentor: Mentor | None = None
    agreement: str | None = None
    attained: list[tuple[str, dt.date]] = field(default_factory=list)
    provider: Provider | None = None  # the school as a Provider, with its first coach

    @property
    def end(self) -> dt.date:
        return dt.date(self.start.year + self.trajectory.school_years, 6, 30)


# --------------------------------------------------------------------------- generation


class Generator:
    """Draws a whole catalogue from one seeded random generator, in a fixed order."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.competence_number = 51000
        self.mentor_number = 0
        self.municipality_weights = list(itertools.accumulate(item[4] for item in MUNICIPALITIES))

    # ----- helpers
    def place(self) -> tuple[str, str, float, float, int]:
        return self.random.choices(MUNICIPALITIES, cum_weights=self.municipality_weights)[0]

    def coordinates(self, place: tuple[str, str, float, float, int]) -> tuple[float, float] | None:
        if self.random.random() >= COORDINATE_SHARE:
            return None
        return (
            round(place[2] + self.random.uniform(-0.04, 0.04), 5),
            round(place[3] + self.random.uniform(-0.06, 0.06), 5),
        )

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def day_between(self, low: dt.date, high: dt.date) -> dt.date:
        return low + dt.timedelta(days=self.random.randint(0, (high - low).days))

    # ----- qualifications
    def qualifications(self, count: int) -> list[Qualification]:
        # round-robin over the sectors, so that even a small catalogue has several
        professions = [
            (sector, titles[depth])
            for depth in range(max(len(titles) for titles in SECTORS.values()))
            for sector, titles in SECTORS.items()
            if depth < len(titles)
        ]
        result = []
        for index in range(count):
            sector, title = professions[index % len(professions)]
            round_ = index // len(professions)
            shown = title if round_ == 0 else f"{title} (variant {round_ + 1})"
            size = self.random.randint(20, 60)
            competences = []
            for position in range(size):
                self.competence_number += 1
                if position < len(GENERIC_COMPETENCES):
                    name = GENERIC_COMPETENCES[position]
                else:
                    name = f"{self.random.choice(VERBS)} {self.random.choice(OBJECTS)} ({position - len(GENERIC_COMPETENCES) + 1})"
                competences.append((f"bkc{self.competence_number:07d}", name))
            ident = f"BK-{index + 1:04d}-{self.random.randint(1, 6)}"
            partial = None
            if self.random.random() < 0.5:
                chosen = [ident_ for ident_, _ in competences[: len(GENERIC_COMPETENCES)]]
                chosen += [c for c, _ in self.random.sample(competences[len(GENERIC_COMPETENCES) :], 5)]
                partial = (f"{ident}-DBK-01", f"{shown}: basis", sorted(chosen))
            result.append(Qualification(ident, shown, self.random.randint(2, 5), sector, competences, partial))
        return result

    # ----- trajectories (each with an educational qualification of its own)
    def trajectories(self, count: int, bks: Sequence[Qualification]) -> list[Trajectory]:
        result = []
        for index in range(count):
            bk = bks[index % len(bks)]
            partial_bk = None
            partial_competences: list[str] = []
            if len(bks) > 1 and self.random.random() < 0.3:
                partial_bk = self.random.choice([other for other in bks if other is not bk])
                pool = [c for c, _ in partial_bk.competences[len(GENERIC_COMPETENCES) :]]
                partial_competences = sorted(self.random.sample(pool, min(4, len(pool))))
            agreement = "OAO" if self.random.random() < 0.8 else "SAO"
            centre = self.random.random() < 0.3
            if agreement == "OAO":
                hours = (
                    {"school": 12, "opleidingscentrum": 2, "werkplek": 22} if centre else {"school": 14, "werkplek": 22}
                )
            else:
                hours = (
                    {"school": 18, "opleidingscentrum": 2, "werkplek": 16} if centre else {"school": 20, "werkplek": 16}
                )
            # Popularity: a third of the trajectories attract no learners at all, as in
            # Flanders (204 developed, 133 organised, 62 with learners in 2023-24).
            weight = 0.0 if self.random.random() < 0.35 else self.random.lognormvariate(0.0, 1.0)
            result.append(
                Trajectory(
                    id=f"OT-{index + 1:05d}",
                    title=f"{bk.title} duaal",
                    ok_id=f"OK-{index + 1:04d}-duaal",
                    ok_level=max(2, min(4, bk.level)),
                    bk=bk,
                    partial_bk=partial_bk,
                    partial_competences=partial_competences,
                    goals=sorted(self.random.sample(GOALS, 3)),
                    agreement=agreement,
                    school_years=self.random.choice((1, 2, 2, 3)),
                    centre=centre,
                    hours=hours,
                    weight=weight,
                )
            )
        return result

    # ----- workplaces
    def workplaces(self, count: int, trajectories: Sequence[Trajectory]) -> list[Workplace]:
        # Recognitions follow popularity, but trajectories without learners are recognised
        # too (organised without learners) and some are never recognised.
        recognised = [t for t in trajectories if self.random.random() < 0.8 or t.weight > 0]
        weights = list(itertools.accumulate(0.3 + t.weight for t in recognised))
        result = []
        for index in range(count):
            place = self.place()
            chosen: list[Trajectory] = []
            for _ in range(self.random.choice((1, 1, 1, 2, 2, 3))):
                candidate = self.random.choices(recognised, cum_weights=weights)[0] if recognised else None
                if candidate is not None and candidate not in chosen:
                    chosen.append(candidate)
            recognitions = []
            for trajectory in chosen:
                start = self.day_between(*RECOGNISED_FROM)
                until = years_later(start, 5) - dt.timedelta(days=1)
                recognitions.append(Recognition(trajectory.id, start, until, self.random.choice((1, 1, 2, 2, 2, 3, 4))))
            earliest = min((r.valid_from for r in recognitions), default=START)
            mentors = []
            for _ in range(self.random.choice((1, 1, 2, 2, 3))):
                self.mentor_number += 1
                birth = self.day_between(dt.date(1962, 1, 1), dt.date(1994, 12, 31))
                experience = self.random.randint(5, max(5, START.year - birth.year - 20))
                trained: dt.date | None = earliest + dt.timedelta(days=self.random.randint(14, 350))
                if trained > START or self.random.random() < 0.05:
                    trained = None  # not trained yet (gets learners only while within the grace period)
                conduct = earliest - dt.timedelta(days=self.random.randint(10, 60))
                mentors.append(
                    Mentor(f"M-{self.mentor_number:05d}", self.person(), birth, experience, trained, conduct)
                )
            cannot_offer = []
            if chosen and self.random.random() < 0.05:
                # something the trajectory also teaches at school: not a problem
                cannot_offer = [self.random.choice(chosen[0].bk.competences[len(GENERIC_COMPETENCES) :])[0]]
            name = f"{self.random.choice(LAST_NAMES)} {chosen[0].bk.title.split(' (')[0] if chosen else 'Diensten'} {self.random.choice(LEGAL_FORMS)}"
            result.append(
                Workplace(
                    id=f"WP-{index + 1:05d}",
                    name=name,
                    number=self.enterprise_number(),
                    street=f"{self.random.choice(STREETS)} {self.random.randint(1, 240)}",
                    place=place,
                    coordinates=self.coordinates(place),
                    recognitions=recognitions,
                    cannot_offer=cannot_offer,
                    mentors=mentors,
                )
            )
        return result

    def enterprise_number(self) -> str:
        base = self.random.randint(2_000_000, 99_999_999)
        digits = f"0{base:08d}{97 - base % 97:02d}"[-10:]
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"

    # ----- providers
    def providers(self, trajectories: Sequence[Trajectory]) -> list[Provider]:
        """Schools that organise the trajectories: every trajectory that attracts learners,
        and some that do not (organised, without learners), as in Flanders."""
        result = []
        for index in range(max(1, len(trajectories) // 3)):
            place = self.place()
            coaches = [(f"C-{number:02d}", self.person()) for number in range(1, self.random.choice((2, 3, 4)))]
            name = f"{self.random.choice(SCHOOLS)} {place[0]}"
            number = f"{self.random.randint(10_000, 99_999):06d}"
            result.append(Provider(f"P-{index + 1:04d}", name, number, place, [], coaches))
        for trajectory in trajectories:
            if trajectory.weight > 0 or self.random.random() < 0.5:
                for provider in self.random.sample(result, min(len(result), self.random.choice((1, 1, 2)))):
                    provider.offers.append((trajectory.id, EARLIER_START - dt.timedelta(days=365)))
        return result

    # ----- learners
    def learners(
        self,
        count: int,
        trajectories: Sequence[Trajectory],
        workplaces: Sequence[Workplace],
        placed_share: float,
        providers: Sequence[Provider] = (),
    ) -> list[Learner]:
        offering: dict[str, list[Provider]] = {}
        for provider in providers:
            for trajectory_id, _ in provider.offers:
                offering.setdefault(trajectory_id, []).append(provider)
        popular = [t for t in trajectories if t.weight > 0] or list(trajectories)
        weights = list(itertools.accumulate(t.weight or 1.0 for t in popular))
        slots: dict[str, list[tuple[Workplace, Recognition]]] = {}
        for workplace in workplaces:
            for recognition in workplace.recognitions:
                slots.setdefault(recognition.trajectory, []).append((workplace, recognition))
        # per (trajectory, start): the slots valid on that start that may still have room
        open_slots: dict[tuple[str, dt.date], list[tuple[Workplace, Recognition]]] = {}
        result = []
        for index in range(count):
            trajectory = self.random.choices(popular, cum_weights=weights)[0]
            start = START if self.random.random() < 0.7 else EARLIER_START
            age = self.random.randint(15, 19)
            birth = self.day_between(years_later(start, -age - 1) + dt.timedelta(days=1), years_later(start, -age))
            place = self.place()
            learner = Learner(
                id=f"L-{index + 1:06d}",
                name=self.person(),
                birth_date=birth,
                language="en" if self.random.random() < 0.05 else "nl",
                trajectory=trajectory,
                start=start,
                school=f"{self.random.choice(SCHOOLS)} {place[0]}",
                coach=self.person(),
                place=place,
                coordinates=self.coordinates(place),
            )
            if offering.get(trajectory.id) and self.random.random() < 0.5:
                learner.provider = self.random.choice(offering[trajectory.id])
            if self.random.random() < placed_share:
                key = (trajectory.id, start)
                if key not in open_slots:
                    open_slots[key] = [(w, r) for w, r in slots.get(trajectory.id, ()) if r.valid_on(start)]
                self.place_learner(learner, open_slots[key])
            result.append(learner)
        return result

    def place_learner(self, learner: Learner, candidates: list[tuple[Workplace, Recognition]]) -> None:
        """A workplace with a recognition valid on the start, a free place and a fitting mentor.

        ``candidates`` shrinks as slots fill up, so placing stays cheap at any scale.
        """
        for _ in range(8):
            if not candidates:
                return
            at = self.random.randrange(len(candidates))
            workplace, recognition = candidates[at]
            if workplace.placed.get(recognition.trajectory, 0) >= recognition.capacity:
                candidates[at] = candidates[-1]
                candidates.pop()
                continue
            mentors = [mentor for mentor in workplace.mentors if self.may_guide(mentor, workplace, learner)]
            if not mentors:
                continue
            # Every placed learner counts against the capacity, whatever the period:
            # capacity-exceeded can then never fire, however the periods overlap.
            workplace.placed[recognition.trajectory] = workplace.placed.get(recognition.trajectory, 0) + 1
            learner.workplace, learner.mentor = workplace, self.random.choice(mentors)
            learner.agreement = learner.trajectory.agreement
            if self.random.random() < 0.2:
                competence = learner.trajectory.bk.competences[0][0]
                learner.attained.append((competence, learner.start + dt.timedelta(days=self.random.randint(20, 200))))
            return

    @staticmethod
    def may_guide(mentor: Mentor, workplace: Workplace, learner: Learner) -> bool:
        if mentor.trained is not None:
            return True
        # mentor-training-overdue: untrained mentors only while the grace year lasts
        earliest = min(r.valid_from for r in workplace.recognitions)
        return learner.start <= earliest + dt.timedelta(days=365)


# --------------------------------------------------------------------------- planted problems


class Planter:
    """Adds N problems per rule, each in documents of its own, and counts them."""

    RULES = (
        "learner-age",
        "agreement-mismatch",
        "recognition-missing",
        "mentor-requirements",
        "capacity-exceeded",
        "mentor-training-overdue",
        "unresolved-reference",
        "duplicate-id",
        "uncovered-competence",
        "hours-agreement-mismatch",
        "weekly-hours",
    )

    def __init__(
        self, generator: Generator, trajectories: list[Trajectory], workplaces: list[Workplace], learners: list[Learner]
    ) -> None:
        self.g = generator
        self.trajectories = trajectories
        self.workplaces = workplaces
        self.learners = learners
        self.expected: dict[str, int] = {}
        self.untouched = list(trajectories)  # trajectories not yet changed by a planted problem

    def plant(self, count: int) -> dict[str, int]:
        for rule in self.RULES:
            method = getattr(self, "_" + rule.replace("-", "_"))
            for _ in range(count):
                if method():
                    self.expected[rule] = self.expected.get(rule, 0) + 1
        return self.expected

    # ----- new documents
    def _workplace(
        self,
        trajectory: Trajectory | None,
        capacity: int = 3,
        since: dt.date = dt.date(2024, 9, 1),
        mentor_birth: dt.date = dt.date(1975, 1, 1),
        experience: int = 15,
        trained: bool = True,
    ) -> Workplace:
        place = self.g.place()
        self.g.mentor_number += 1
        recognitions = (
            []
            if trajectory is None
            else [Recognition(trajectory.id, since, years_later(since, 5) - dt.timedelta(days=1), capacity)]
        )
        mentor = Mentor(
            f"M-{self.g.mentor_number:05d}",
            self.g.person(),
            mentor_birth,
            experience,
            since + dt.timedelta(days=30) if trained else None,
            since - dt.timedelta(days=30),
        )
        workplace = Workplace(
            f"WP-P{len(self.workplaces) + 1:05d}",
            "Planted problem BV",
            self.g.enterprise_number(),
            "Teststraat 1",
            place,
            None,
            recognitions,
            [],
            [mentor],
        )
        self.workplaces.append(workplace)
        return workplace

    def _learner(self, trajectory: Trajectory, workplace: Workplace | None = None, age: int = 16) -> Learner:
        place = self.g.place()
        learner = Learner(
            id=f"L-P{len(self.learners) + 1:06d}",
            name=self.g.person(),
            birth_date=dt.date(START.year - age, 3, 1),
            language="nl",
            trajectory=trajectory,
            start=START,
            school=f"VTI {place[0]}",
            coach=self.g.person(),
            place=place,
            coordinates=None,
        )
        if workplace is not None:
            learner.workplace, learner.mentor, learner.agreement = workplace, workplace.mentors[0], trajectory.agreement
        self.learners.append(learner)
        return learner

    def _any_trajectory(self) -> Trajectory:
        return self.g.random.choice(self.trajectories)

    def _fresh_trajectory(self) -> Trajectory | None:
        return self.untouched.pop() if self.untouched else None

    # ----- one method per rule; each returns whether it planted one problem
    def _learner_age(self) -> bool:
        self._learner(self._any_trajectory(), age=13)
        return True

    def _agreement_mismatch(self) -> bool:
        trajectory = self._any_trajectory()
        learner = self._learner(trajectory, self._workplace(trajectory))
        learner.agreement = "SAO" if trajectory.agreement == "OAO" else "OAO"
        return True

    def _recognition_missing(self) -> bool:
        if len(self.trajectories) < 2:
            return False
        trajectory, other = self.g.random.sample(self.trajectories, 2)
        self._learner(trajectory, self._workplace(other))
        return True

    def _mentor_requirements(self) -> bool:
        trajectory = self._any_trajectory()
        self._learner(
            trajectory, self._workplace(trajectory, mentor_birth=dt.date(START.year - 22, 1, 1), experience=2)
        )
        return True

    def _capacity_exceeded(self) -> bool:
        trajectory = self._any_trajectory()
        workplace = self._workplace(trajectory, capacity=1)
        self._learner(trajectory, workplace)
        self._learner(trajectory, workplace)
        return True

    def _mentor_training_overdue(self) -> bool:
        trajectory = self._any_trajectory()
        self._learner(trajectory, self._workplace(trajectory, since=dt.date(2023, 9, 1), trained=False))
        return True

    def _unresolved_reference(self) -> bool:
        workplace = self._workplace(self._any_trajectory())
        workplace.cannot_offer = ["bkc9999999"]
        return True

    def _duplicate_id(self) -> bool:
        workplace = self._workplace(self._any_trajectory())
        workplace.id = self.workplaces[0].id if self.workplaces[0] is not workplace else workplace.id
        return self.workplaces[0] is not workplace

    def _uncovered_competence(self) -> bool:
        trajectory = self._fresh_trajectory()
        if trajectory is None:
            return False
        trajectory.drop = trajectory.bk.competences[-1][0]
        return True

    def _hours_agreement_mismatch(self) -> bool:
        trajectory = self._fresh_trajectory()
        if trajectory is None:
            return False
        # 36 hours in total (within 28-38), but the workplace share breaks the agreement
        if trajectory.agreement == "OAO":
            trajectory.hours = (
                {"school": 20, "werkplek": 16}
                if not trajectory.centre
                else {"school": 18, "opleidingscentrum": 2, "werkplek": 16}
            )
        else:
            trajectory.hours = (
                {"school": 14, "werkplek": 22}
                if not trajectory.centre
                else {"school": 12, "opleidingscentrum": 2, "werkplek": 22}
            )
        return True

    def _weekly_hours(self) -> bool:
        trajectory = self._fresh_trajectory()
        if trajectory is None:
            return False
        trajectory.hours = dict(trajectory.hours, school=trajectory.hours["school"] + 6)  # 42 h a week
        return True


# --------------------------------------------------------------------------- YAML text


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def qualification_yaml(bk: Qualification) -> str:
    lines = [
        "kind: ProfessionalQualification",
        f"id: {bk.id}",
        f"title: {q(bk.title)}",
        f"level: {bk.level}",
        f"sector: {bk.sector.replace(' ', '-')}",  # an id: no spaces
        "competences:",
    ]
    for ident, title in bk.competences:
        lines += [f"  - id: {ident}", f"    title: {q(title)}"]
    if bk.partial:
        ident, title, competences = bk.partial
        lines += [
            "partial_qualifications:",
            f"  - id: {ident}",
            f"    title: {q(title)}",
            f"    competences: {flow(competences)}",
        ]
    return "\n".join(lines) + "\n"


def educational_yaml(t: Trajectory) -> str:
    lines = [
        "kind: EducationalQualification",
        f"id: {t.ok_id}",
        f"title: {q(t.title)}",
        f"level: {t.ok_level}",
        "professional_qualifications:",
        f"  - ref: {t.bk.id}",
        "    scope: complete",
    ]
    if t.partial_bk is not None:
        lines += [
            f"  - ref: {t.partial_bk.id}",
            "    scope: partial",
            f"    competences: {flow(t.partial_competences)}",
        ]
    lines.append("general_education:")
    for ident, title in t.goals:
        lines += [f"  - id: {ident}", f"    title: {q(title)}"]
    return "\n".join(lines) + "\n"


def trajectory_yaml(t: Trajectory, rng: random.Random) -> str:
    places = ["school", *(["opleidingscentrum"] if t.centre else []), "werkplek"]
    lines = [
        "kind: StandardTrajectory",
        f"id: {t.id}",
        f"title: {q(t.title)}",
        f"qualification: {t.ok_id}",
        f"school_years: {t.school_years}",
        f"agreement: {t.agreement}",
        "learning_places:",
        "  - {id: school, type: school}",
        *(["  - {id: opleidingscentrum, type: training-centre}"] if t.centre else []),
        "  - {id: werkplek, type: workplace}",
        "hours_per_week: {" + ", ".join(f"{place}: {t.hours[place]}" for place in places) + "}",
        "phases:",
        "  - {id: instap, title: Instap, weeks: 10}",
        "  - {id: verdieping, title: Verdieping, weeks: 40}",
        "  - {id: afronding, title: Afronding}",
    ]
    professional = [ident for ident, _ in t.bk.competences]
    # clusters: the BK in two to four parts, the partial BK in one, general education in
    # one; a partial qualification (deelkwalificatie) of the BK is a cluster of its own, so
    # that its certificate's clusters hold exactly its competences
    parts = rng.randint(2, 4)
    own = set(t.bk.partial[2]) if t.bk.partial else set()
    first = [ident for ident in professional if ident in own]
    rest = [ident for ident in professional if ident not in own]
    size = -(-len(rest) // max(1, parts - (1 if first else 0)))
    clusters = ([first] if first else []) + [rest[i : i + size] for i in range(0, len(rest), size)]
    profession = t.bk.title.split(" (")[0]
    lines.append("clusters:")
    for number, members in enumerate(clusters, 1):
        lines += [
            f"  - id: CL{number}",
            f"    title: {q(f'{profession} deel {number}')}",
            f"    competences: {flow(members)}",
        ]
    extra = []
    if t.partial_competences:
        extra.append(("CL-P", "Uit een tweede beroepskwalificatie", t.partial_competences))
    extra.append(("CL-AV", "Algemene vorming", [ident for ident, _ in t.goals]))
    for ident, title, members in extra:
        lines += [f"  - id: {ident}", f"    title: {q(title)}", f"    competences: {flow(members)}"]
    lines.append("allocations:")
    phases = ("instap", "verdieping", "afronding")
    ordered = professional + t.partial_competences
    for index, ident in enumerate(ordered):
        if ident == t.drop:
            continue
        phase = phases[min(2, index * 3 // len(ordered))]
        at = "[school, opleidingscentrum, werkplek]" if t.centre and index % 5 == 0 else "[school, werkplek]"
        assessed = "[school, werkplek]" if index % 2 else "[school]"
        requires = ""
        if index and index % 4 == 0 and ordered[index - 1] != t.drop:
            requires = f", requires: [{ordered[index - 1]}]"  # the one before: same or earlier phase
        lines.append(f"  - {{competence: {ident}, at: {at}, assessed_by: {assessed}, phase: {phase}{requires}}}")
    for ident, _ in t.goals:
        lines.append(f"  - {{competence: {ident}, at: [school], assessed_by: [school], phase: verdieping}}")
    lines += [
        "certificates:",
        "  - {type: educational-qualification, clusters: all}",
        f"  - {{type: professional-qualification, qualification: {t.bk.id}, clusters: {flow(f'CL{n}' for n in range(1, len(clusters) + 1))}}}",
    ]
    if t.bk.partial:
        ident, _, members = t.bk.partial
        wanted = set(members)
        names = [f"CL{n}" for n, cluster in enumerate(clusters, 1) if set(cluster) <= wanted]
        lines.append(f"  - {{type: partial-qualification, qualification: {ident}, clusters: {flow(names)}}}")
    lines.append("  - {type: proof-of-competences}")
    return "\n".join(lines) + "\n"


def address(
    street: str | None, place: tuple[str, str, float, float, int], coordinates: tuple[float, float] | None
) -> str:
    parts = [f"street: {q(street)}"] if street else []
    parts += [f'postcode: "{place[1]}"', f"municipality: {q(place[0])}"]
    if coordinates:
        parts.append(f"coordinates: [{coordinates[0]}, {coordinates[1]}]")
    return "{" + ", ".join(parts) + "}"


def workplace_yaml(w: Workplace) -> str:
    lines = [
        "kind: Workplace",
        f"id: {w.id}",
        f"name: {q(w.name)}",
        f'enterprise_number: "{w.number}"',
        f"site: {address(w.street, w.place, w.coordinates)}",
    ]
    if w.recognitions:
        lines.append("recognitions:")
        for r in w.recognitions:
            lines.append(
                f"  - {{trajectory: {r.trajectory}, valid_from: {r.valid_from}, valid_until: {r.valid_until}, capacity: {r.capacity}}}"
            )
    if w.cannot_offer:
        lines.append(f"cannot_offer: {flow(w.cannot_offer)}")
    lines.append("mentors:")
    for m in w.mentors:
        trained = f", training_completed: {m.trained}" if m.trained else ""
        conduct = f", conduct_certificate: {m.conduct}" if m.conduct else ""
        lines.append(
            f"  - {{id: {m.id}, name: {q(m.name)}, birth_date: {m.birth_date}, "
            f"experience_years: {m.experience}{trained}{conduct}}}"
        )
    return "\n".join(lines) + "\n"


def learner_yaml(learner: Learner, history: Sequence[str] = ()) -> str:
    school = learner.school
    email = learner.coach.lower().replace(" ", ".").replace("ı", "i").replace("ë", "e")
    lines = [
        "kind: Learner",
        f"id: {learner.id}",
        f"name: {q(learner.name)}",
        f"birth_date: {learner.birth_date}",
        f"language: {learner.language}",
        f"trajectory: {learner.trajectory.id}",
        f"start: {learner.start}",
        f"end: {learner.end}",
        (
            f"school: {{provider: {learner.provider.id}, coach: {learner.provider.coaches[0][0]}}}"
            if learner.provider is not None
            else f"school: {{name: {q(school)}, coach: {q(learner.coach)}, coach_email: {q(email + '@example.org')}}}"
        ),
        f"home: {address(None, learner.place, learner.coordinates)}",
    ]
    if learner.workplace is not None and learner.mentor is not None:
        lines += [
            f"workplace: {learner.workplace.id}",
            f"mentor: {learner.mentor.id}",
            f"agreement: {learner.agreement}",
            f"weekly_rhythm: {rhythm(learner.trajectory.hours)}",
        ]
    if learner.attained:
        lines.append("attained:")
        for competence, day in learner.attained:
            lines.append(f"  - {{competence: {competence}, date: {day}}}")
    lines += history
    return "\n".join(lines) + "\n"


#: Hours one place takes in a day of the weekly rhythm (profile rhythm.max_hours_per_day).
HOURS_PER_DAY = 8
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def rhythm(hours: dict[str, int]) -> str:
    """School days from Monday, workplace days back from Friday, enough of each for the
    hours; the training centre's hours are block weeks, outside the weekly rhythm."""
    school = WEEKDAYS[: -(-hours["school"] // HOURS_PER_DAY)]
    workplace = WEEKDAYS[len(WEEKDAYS) - -(-hours["werkplek"] // HOURS_PER_DAY) :]
    return f"{{school: {flow(school)}, werkplek: {flow(workplace)}}}"


def provider_yaml(p: Provider) -> str:
    lines = [
        "kind: Provider",
        f"id: {p.id}",
        f"name: {q(p.name)}",
        f'institution_number: "{p.number}"',
        f"site: {address(None, p.place, None)}",
    ]
    if p.offers:
        lines.append("offers:")
        lines += [f"  - {{trajectory: {trajectory}, from: {start}}}" for trajectory, start in p.offers]
    lines.append("coaches:")
    lines += [f"  - {{id: {ident}, name: {q(name)}}}" for ident, name in p.coaches]
    return "\n".join(lines) + "\n"


def write_grouped(folder: Path, prefix: str, documents: Sequence[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number, first in enumerate(range(0, len(documents), PER_FILE), 1):
        text = "---\n".join(documents[first : first + PER_FILE])
        (folder / f"{prefix}-{number:04d}.yaml").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- main


@dataclass(frozen=True)
class Sizes:
    qualifications: int = 600
    trajectories: int = 700
    workplaces: int = 10_000
    learners: int = 20_000
    placed_share: float = 0.6


def generate(
    out: Path, sizes: Sizes = Sizes(), seed: int = 1, plant: int = 0, over_time: OverTime = NO_HISTORY
) -> dict[str, int]:
    """Write a catalogue to ``out`` (replacing its generated folders); return the planted
    counts. ``over_time`` adds evaluations, plan versions and early endings (over_time.py)."""
    if sizes.qualifications < 1 or sizes.trajectories < 1:
        raise ValueError("at least one qualification and one trajectory are needed")
    g = Generator(seed)
    bks = g.qualifications(sizes.qualifications)
    trajectories = g.trajectories(sizes.trajectories, bks)
    workplaces = g.workplaces(sizes.workplaces, trajectories)
    providers = g.providers(trajectories)
    learners = g.learners(sizes.learners, trajectories, workplaces, sizes.placed_share, providers)
    expected = Planter(g, trajectories, workplaces, learners).plant(plant) if plant else {}
    history = histories(learners, over_time, seed) if over_time.any else {}

    out.mkdir(parents=True, exist_ok=True)
    for name in ("qualifications", "trajectories", "workplaces", "learners", "providers"):
        shutil.rmtree(out / name, ignore_errors=True)
    (out / "qualifications").mkdir()
    (out / "trajectories").mkdir()
    for bk in bks:
        (out / "qualifications" / f"{bk.id}.yaml").write_text(qualification_yaml(bk), encoding="utf-8")
    layout = random.Random(seed + 1)  # cluster sizes: independent of the catalogue draws
    for t in trajectories:
        (out / "qualifications" / f"{t.ok_id}.yaml").write_text(educational_yaml(t), encoding="utf-8")
        moments = trajectory_lines(t) if over_time.evaluations else ""
        (out / "trajectories" / f"{t.id}.yaml").write_text(trajectory_yaml(t, layout) + moments, encoding="utf-8")
    write_grouped(out / "workplaces", "workplaces", [workplace_yaml(w) for w in workplaces])
    write_grouped(
        out / "learners",
        "learners",
        [learner_yaml(learner, history[learner.id].lines if learner.id in history else ()) for learner in learners],
    )
    write_grouped(out / "providers", "providers", [provider_yaml(provider) for provider in providers])
    expectation = out / "expected.json"
    if plant:
        expectation.write_text(json.dumps(dict(sorted(expected.items())), indent=2) + "\n", encoding="utf-8")
    elif expectation.exists():
        expectation.unlink()
    return expected


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", required=True, type=Path, help="folder to write the catalogue to")
    parser.add_argument(
        "--qualifications",
        type=int,
        default=Sizes.qualifications,
        help="professional qualifications (default 600), 20-60 competences each",
    )
    parser.add_argument(
        "--trajectories",
        type=int,
        default=Sizes.trajectories,
        help="standard trajectories, each with its educational qualification (default 700)",
    )
    parser.add_argument("--workplaces", type=int, default=Sizes.workplaces, help="workplaces (default 10000)")
    parser.add_argument("--learners", type=int, default=Sizes.learners, help="learners (default 20000)")
    parser.add_argument(
        "--placed",
        type=float,
        default=Sizes.placed_share,
        help="share of learners placed at a workplace, 0-1 (default 0.6)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same files")
    parser.add_argument(
        "--plant-problems",
        type=int,
        default=0,
        metavar="N",
        help="add N problems per planted rule and write expected.json",
    )
    parser.add_argument(
        "--evaluations", action="store_true", help="add evaluation moments to the trajectories, evaluations to learners"
    )
    parser.add_argument("--plan-versions", action="store_true", help="add plan versions to the placed learners")
    parser.add_argument(
        "--terminations",
        type=float,
        default=0.0,
        metavar="SHARE",
        help=f"share of placed learners whose agreement stops early, 0-1 (default 0; --over-time: {TERMINATION_SHARE})",
    )
    parser.add_argument(
        "--over-time",
        action="store_true",
        help=f"all three: --evaluations --plan-versions --terminations {TERMINATION_SHARE} (unless given)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.placed <= 1:
        parser.error("--placed is a share between 0 and 1")
    if not 0 <= args.terminations <= 1:
        parser.error("--terminations is a share between 0 and 1")
    over_time = OverTime(
        args.evaluations or args.over_time,
        args.plan_versions or args.over_time,
        args.terminations or (TERMINATION_SHARE if args.over_time else 0.0),
    )
    if min(args.qualifications, args.trajectories) < 1 or min(args.workplaces, args.learners, args.plant_problems) < 0:
        parser.error("counts must be positive (at least one qualification and one trajectory)")
    sizes = Sizes(args.qualifications, args.trajectories, args.workplaces, args.learners, args.placed)
    expected = generate(args.out, sizes, args.seed, args.plant_problems, over_time)
    planted = f", planted {sum(expected.values())} problems (expected.json)" if expected else ""
    print(
        f"wrote {args.out}: {sizes.qualifications} qualifications, {sizes.trajectories} trajectories, "
        f"{sizes.workplaces} workplaces, {sizes.learners} learners{planted}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
