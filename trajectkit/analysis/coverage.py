"""Dekkingskaart: which competence is learned and assessed at which learning place.

A :class:`CoverageMatrix` is pure data: rows are the trajectory's competences, grouped
by professional qualification and then by cluster, columns its learning places; each
cell says whether the competence is learned (``at``) and/or assessed
(``assessed_by``) there, and each row its phase. General-education goals form a
section of their own.

Per learning place the matrix sums up how many professional competences are learned
there and what share of all of them that is, beside the place's share of the weekly
hours. A place with much of the time and few of the competences is flagged: the
advisory councils and the GO! vision text on workplace learning ask for a workplace
that teaches, not one that only employs. The reverse (many
competences in few hours) is normal for a school that prepares every competence, so
it is shown (the gap) but not flagged.

Decisions:

- Rows are the competences the educational qualification (or, for a
  beroepskwalificerende trajectory, the professional one) requires, plus any the
  trajectory allocates or clusters besides (marked ``foreign``). A required
  competence without allocation is a row with empty cells (``allocated=False``).
- A competence in two clusters is shown under the first (in trajectory order); the
  row lists every cluster. Competences in no cluster come last in their group.
- Shares count professional competences only; general-education goals have their own
  count per place. Since a competence may be learned at several places, the
  competence shares of the places add up to more than 100 %.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import Allocation, Learner, StandardTrajectory

#: A place is flagged when its share of the hours exceeds its share of the competences
#: by at least this much (0.25 = 25 percentage points); ``--flag-gap`` changes it.
DEFAULT_GAP = 0.25

#: Qualification groups: scope of a professional qualification in the OK.
COMPLETE, PARTIAL, OUTSIDE = "complete", "partial", "outside"


@dataclass(frozen=True)
class Cell:
    """One competence at one learning place: learned there, assessed there, or both."""

    learn: bool
    assess: bool

    @property
    def code(self) -> str:
        """``LA``, ``L``, ``A`` or empty: the cell in text and CSV."""
        return ("L" if self.learn else "") + ("A" if self.assess else "")


@dataclass(frozen=True)
class CoverageRow:
    """A competence (or general-education goal) across the learning places."""

    competence: str
    title: str
    phase: str | None
    phase_title: str | None
    cells: tuple[Cell, ...]
    clusters: tuple[str, ...]
    allocated: bool
    foreign: bool
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClusterGroup:
    """The rows of one cluster within one qualification; ``id`` None: in no cluster."""

    id: str | None
    title: str
    rows: tuple[CoverageRow, ...]


@dataclass(frozen=True)
class QualificationGroup:
    """The rows of one professional qualification (beroepskwalificatie)."""

    id: str
    title: str
    scope: str
    clusters: tuple[ClusterGroup, ...]

    @property
    def rows(self) -> tuple[CoverageRow, ...]:
        return tuple(row for cluster in self.clusters for row in cluster.rows)


@dataclass(frozen=True)
class PlaceSummary:
    """A learning place: its hours, and the competences learned and assessed there."""

    id: str
    type: str
    hours: float
    hours_share: float
    learned: int
    assessed: int
    competence_share: float
    goals_learned: int
    flagged: bool

    @property
    def gap(self) -> float:
        """Share of the hours minus share of the competences (positive: time-heavy)."""
        return self.hours_share - self.competence_share


@dataclass(frozen=True)
class PhaseLabel:
    id: str
    title: str


@dataclass(frozen=True)
class CoverageMatrix:
    """The coverage map of one standard trajectory."""

    trajectory: str
    title: str
    qualification: str
    qualification_title: str
    agreement: str
    total_hours: float
    places: tuple[PlaceSummary, ...]
    phases: tuple[PhaseLabel, ...]
    qualifications: tuple[QualificationGroup, ...]
    general_education: tuple[CoverageRow, ...]
    gap_flag: float
    #: For one learner's map (``--learner``): the learner, and the standard
    #: trajectory's place summaries beside the effective ones.
    learner: str | None = None
    standard_places: tuple[PlaceSummary, ...] = ()

    @property
    def rows(self) -> tuple[CoverageRow, ...]:
        """Every professional competence row, in display order."""
        return tuple(row for group in self.qualifications for row in group.rows)

    @property
    def competences(self) -> int:
        return len(self.rows)

    @property
    def unallocated(self) -> tuple[str, ...]:
        return tuple(row.competence for row in (*self.rows, *self.general_education) if not row.allocated)


def build_coverage(
    catalogue: Catalogue, trajectory: StandardTrajectory, gap_flag: float = DEFAULT_GAP
) -> CoverageMatrix:
    """The coverage matrix of ``trajectory``."""
    qualification = catalogue.qualification_of(trajectory)
    required = catalogue.required_competences(trajectory)
    allocations = {item.competence: item for item in trajectory.allocations}
    cluster_of: dict[str, list[str]] = {}
    for cluster in trajectory.clusters:
        for ident in cluster.competences:
            cluster_of.setdefault(ident, []).append(cluster.id)

    # every competence of the trajectory, in a stable order: required first, then the rest
    idents = list(required)
    for ident in [*allocations, *cluster_of]:
        if ident not in required and ident not in idents:
            idents.append(ident)

    phase_titles = {phase.id: phase.title for phase in trajectory.phases}
    places = trajectory.learning_places

    def row(ident: str) -> CoverageRow:
        allocation: Allocation | None = allocations.get(ident)
        cells = tuple(
            Cell(
                allocation is not None and place.id in allocation.at,
                allocation is not None and place.id in allocation.assessed_by,
            )
            for place in places
        )
        phase = allocation.phase if allocation else None
        return CoverageRow(
            ident,
            catalogue.title_of(ident),
            phase,
            phase_titles.get(phase) if phase else None,
            cells,
            tuple(cluster_of.get(ident, ())),
            allocation is not None,
            ident not in required,
            allocation.requires if allocation else (),
        )

    goals = [row(ident) for ident in idents if ident in catalogue.general_education]
    professional = [row(ident) for ident in idents if ident not in catalogue.general_education]
    groups = _group(catalogue, trajectory, professional, catalogue.scopes_of(trajectory))
    rows = [item for group in groups for item in group.rows]

    total_hours = sum(trajectory.hours_per_week.get(place.id, 0.0) for place in places)
    summaries = []
    for index, place in enumerate(places):
        hours = trajectory.hours_per_week.get(place.id, 0.0)
        learned = sum(1 for item in rows if item.cells[index].learn)
        hours_share = hours / total_hours if total_hours else 0.0
        competence_share = learned / len(rows) if rows else 0.0
        summaries.append(
            PlaceSummary(
                place.id,
                place.type,
                hours,
                hours_share,
                learned,
                sum(1 for item in rows if item.cells[index].assess),
                competence_share,
                sum(1 for item in goals if item.cells[index].learn),
                # a small tolerance, so that a gap of exactly the limit counts despite rounding
                hours_share - competence_share >= gap_flag - 1e-9,
            )
        )
    return CoverageMatrix(
        trajectory.id,
        trajectory.title,
        trajectory.qualification,
        qualification.title if qualification else trajectory.qualification,
        trajectory.agreement,
        total_hours,
        tuple(summaries),
        tuple(PhaseLabel(phase.id, phase.title) for phase in trajectory.phases),
        groups,
        tuple(goals),
        gap_flag,
    )


def build_learner_coverage(
    catalogue: Catalogue,
    learner: Learner,
    trajectory: StandardTrajectory,
    on: dt.date | None = None,
    gap_flag: float = DEFAULT_GAP,
) -> CoverageMatrix:
    """One learner's coverage matrix: on the effective trajectory (adjustments and own
    hours applied, on ``on``, default the learner's start), with the standard
    trajectory's place summaries beside it."""
    effective = effective_trajectory(learner, trajectory, on or learner.start)
    standard = build_coverage(catalogue, trajectory, gap_flag)
    own = build_coverage(catalogue, effective.trajectory, gap_flag)
    return dataclasses.replace(own, learner=learner.id, standard_places=standard.places)


def _group(
    catalogue: Catalogue, trajectory: StandardTrajectory, rows: list[CoverageRow], scopes: tuple
) -> tuple[QualificationGroup, ...]:
    """Rows by professional qualification (in the OK's order, others after), then by cluster."""
    order: list[tuple[str, str]] = [(scope.ref, COMPLETE if scope.complete else PARTIAL) for scope in scopes]
    by_qualification: dict[str, list[CoverageRow]] = {}
    for item in rows:
        competence = catalogue.competences.get(item.competence)
        owner = competence.qualification if competence else ""
        by_qualification.setdefault(owner, []).append(item)
        if owner not in [ref for ref, _ in order]:
            order.append((owner, OUTSIDE))
    clusters = {cluster.id: cluster for cluster in trajectory.clusters}
    groups = []
    for ref, scope in order:
        members = by_qualification.get(ref)
        if not members:
            continue
        profession = catalogue.professional_qualifications.get(ref)
        title = profession.title if profession else (ref or "not in the catalogue")
        cluster_groups = []
        for cluster in trajectory.clusters:
            inside = tuple(item for item in members if item.clusters and item.clusters[0] == cluster.id)
            if inside:
                cluster_groups.append(ClusterGroup(cluster.id, clusters[cluster.id].title, inside))
        loose = tuple(item for item in members if not item.clusters or item.clusters[0] not in clusters)
        if loose:
            cluster_groups.append(ClusterGroup(None, "in no cluster", loose))
        groups.append(QualificationGroup(ref, title, scope, tuple(cluster_groups)))
    return tuple(groups)
