"""Opleidingsplan: learner + trajectory + workplace → PlanContext (pure data, no rendering).

The individual learning plan (opleidingsplan) is annexed to the learner's agreement and
signed by the learner, the workplace and the school. It says which competences the
learner learns where and when, who assesses them, and what the learner can earn.

Everything here is plain data: no Jinja, no translated strings. Labels (learning-place
types, statuses, notices) are codes that the templates translate through their message
catalogue, so a plan can be tested without rendering and printed in any language.

Decisions worth knowing:

- A competence the workplace ``cannot_offer`` (rule ``workplace-cannot-offer``):

  * learned elsewhere too → the workplace is dropped from its places (and assessors),
    noted with a ``not-at-workplace`` notice;
  * learned only at the workplace → moved to the trajectory's training centre, else its
    school, and flagged with a ``moved`` notice;
  * no such place → the plan is refused (:class:`PlanRefused`, rule
    ``workplace-cannot-offer``), unless the learner is already exempted from it or
    has reached it, in which case nothing has to be learned any more.

- A learner whose ``end`` comes before its ``start`` is refused (rule ``date-order``),
  also when the configuration makes that rule a warning or turns it off.
- An unplaced learner (no workplace yet) still gets a plan: the workplace, mentor and
  recognition are empty, and a ``not-placed`` notice marks the plan as provisional.
- Phases are laid out over the learner's dates by :mod:`trajectkit.analysis.phases`.
- Evaluation moments are dated by :meth:`EvaluationMoment.due` (weeks from the
  learner's start, as rule ``evaluation-overdue`` and ``progress`` date them).
- A learner's ``training_centre`` names the trajectory's training-centre place (its
  ``place``, else the first) and gives it its block weeks.

The plan's data classes are in :mod:`trajectkit.analysis.plan_context`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping

from trajectkit.analysis.phases import lay_out_phases
from trajectkit.analysis.plan_context import (
    ATTAINED,
    EXEMPTED,
    PLANNED,
    WEEKDAYS,
    Notice,
    PlanContext,
    PlannedCertificate,
    PlannedCluster,
    PlannedCompetence,
    PlannedLearner,
    PlannedMoment,
    PlannedPhase,
    PlannedPlace,
    PlannedRecognition,
    PlannedWorkplace,
    PlanRefused,
    Signatory,
)
from trajectkit.analysis.plan_dates import check_document_date, document_day
from trajectkit.analysis.plan_evaluations import with_evaluations
from trajectkit.analysis.plan_individual import planned_adjustments, planned_placements
from trajectkit.analysis.plan_versions import planned_versions
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.effective import effective_trajectory
from trajectkit.catalogue.model import (
    SCHOOL,
    TRAINING_CENTRE,
    WORKPLACE,
    Allocation,
    Learner,
    Mentor,
    School,
    StandardTrajectory,
    Workplace,
    age_on,
)
from trajectkit.dates import source_date

#: Rule whose findings planning handles itself (moving or refusing), see the module doc.
CANNOT_OFFER = "workplace-cannot-offer"
#: Where a competence the workplace cannot offer goes, in order of preference.
SUBSTITUTE_TYPES = (TRAINING_CENTRE, SCHOOL)


# --------------------------------------------------------------------------- building


def document_date(learner: Learner, environ: Mapping[str, str] = os.environ) -> dt.date:
    """The date printed on the plan: ``SOURCE_DATE_EPOCH`` (reproducible builds) if set,
    else today, or its latest plan version's date or reported fact when that is later
    (:mod:`trajectkit.analysis.plan_dates`)."""
    from trajectkit.dates import today

    return document_day(learner, source_date(environ), today())


def build_plan(
    catalogue: Catalogue,
    learner_id: str,
    language: str | None = None,
    on: dt.date | None = None,
    majority_age: float = 18,
) -> PlanContext:
    """The plan of one learner; raises :class:`PlanRefused` when none can be made.

    ``language`` overrides the learner's; ``on`` is the document date (default: the
    learner's start, or its latest plan version's date or reported fact when later; a
    date before a fact the plan reports is refused, rule ``plan-date``); a learner younger
    than ``majority_age`` (the profile's ``learner_age.majority``) at the start signs
    with a parent or guardian.
    """
    # A document with schema errors is modelled only in part (its valid part); a plan
    # that is signed needs the whole of it.
    learner = catalogue.learners.get(learner_id)
    if learner is None or ("Learner", learner_id) in catalogue.partial:
        raise PlanRefused(learner_id, f"the learner's document has errors{_SEE_VALIDATE}")
    if learner.end < learner.start:
        # Refused whatever level ``date-order`` is given: a signed plan from September
        # 2026 to June 2025 is no plan.
        raise PlanRefused(
            learner_id, f"the learner ends on {learner.end}, before the start on {learner.start}", "date-order"
        )
    trajectory = catalogue.trajectories.get(learner.trajectory)
    if trajectory is None or ("StandardTrajectory", trajectory.id) in catalogue.partial:
        raise PlanRefused(learner_id, _missing(catalogue, "StandardTrajectory", "trajectory", learner.trajectory))
    for placement in learner.placements:
        if placement.workplace not in catalogue.workplaces or ("Workplace", placement.workplace) in catalogue.partial:
            raise PlanRefused(learner_id, _missing(catalogue, "Workplace", "workplace", placement.workplace))
    workplace = catalogue.workplaces.get(learner.workplace) if learner.workplace else None
    # The plan covers the whole period: adjustments and own hours, every placement.
    effective = effective_trajectory(learner, trajectory, on or learner.start)
    standard, trajectory = trajectory, effective.trajectory

    competences = with_evaluations(
        learner, _plan_competences(catalogue, learner, trajectory, _lacking(catalogue, learner))
    )
    clusters = _plan_clusters(catalogue, trajectory, competences)
    phases = lay_out_phases(trajectory, learner.start, learner.end, competences)
    mentor = workplace.mentor(learner.mentor) if workplace and learner.mentor else None
    qualification = catalogue.qualification_of(trajectory)
    school = catalogue.school_of(learner) or School(name="")
    day = document_day(learner, on, learner.start)  # the command passes the run's date
    check_document_date(learner, day)  # never a date before what the plan reports
    signatories = _signatories(learner, school, workplace, mentor, majority_age)
    return PlanContext(
        language=language or learner.language,
        document_date=day,
        learner=PlannedLearner(learner.id, learner.name, learner.birth_date, learner.age_at_start(), learner.home),
        start=learner.start,
        end=learner.end,
        trajectory_id=standard.id,
        trajectory_title=trajectory.title,
        qualification_id=trajectory.qualification,
        qualification_title=qualification.title if qualification else trajectory.qualification,
        school_years=trajectory.school_years,
        agreement=next((stated.type for stated in learner.agreements()), trajectory.agreement),
        school=school,
        workplace=_plan_workplace(workplace, mentor, trajectory.id, learner.start),
        places=_plan_places(learner, school, trajectory, _workplace_names(catalogue, learner)),
        phases=phases,
        clusters=clusters,
        certificates=_plan_certificates(catalogue, trajectory, clusters),
        signatories=signatories,
        notices=_notices(workplace, competences, phases),
        professional=catalogue.is_professional(trajectory),
        versions=planned_versions(learner, (item.role for item in signatories), day),
        placements=planned_placements(catalogue, learner),
        guardians=learner.guardians,
        starting_point=learner.starting_point,
        goals=learner.goals,
        adjustments=planned_adjustments(catalogue, effective),
        timetable=learner.timetable,
        evaluation_moments=_plan_moments(learner, trajectory),
    )


def _lacking(catalogue: Catalogue, learner: Learner) -> dict[str, str]:
    """Each competence that a workplace of the learner cannot offer, with the first such workplace."""
    lacking: dict[str, str] = {}
    for placement in learner.placements:
        for competence in catalogue.workplaces[placement.workplace].cannot_offer:
            lacking.setdefault(competence, placement.workplace)
    return lacking


_SEE_VALIDATE = " (`trajectkit validate` lists them)"


def _missing(catalogue: Catalogue, kind: str, what: str, ident: str) -> str:
    if catalogue.knows(kind, ident):
        return f"{what} {ident} has errors in its document{_SEE_VALIDATE}"
    return f"{what} {ident} is not in the catalogue"


def _plan_competences(
    catalogue: Catalogue,
    learner: Learner,
    trajectory: StandardTrajectory,
    cannot_offer: Mapping[str, str],
) -> dict[str, PlannedCompetence]:
    """Every competence the (effective) trajectory allocates, adjusted to the workplaces,
    with status; ``cannot_offer`` maps a competence to a workplace that cannot offer it."""
    exempted = {item.competence: item.evidence for item in learner.prior_learning}
    attained = learner.attained_on()
    planned: dict[str, PlannedCompetence] = {}
    unplaceable: list[str] = []
    for allocation in trajectory.allocations:
        ident = allocation.competence
        status, evidence, reached = PLANNED, None, None
        if ident in exempted:
            status, evidence = EXEMPTED, exempted[ident]
        elif ident in attained:
            status, reached = ATTAINED, attained[ident]
        places, assessors, moved_to, elsewhere = allocation.at, allocation.assessed_by, None, False
        if ident in cannot_offer:
            places, assessors, moved_to, elsewhere = _without_workplace(trajectory, allocation)
            if not places and status == PLANNED:
                unplaceable.append(ident)
        planned[ident] = PlannedCompetence(
            ident,
            catalogue.title_of(ident),
            allocation.phase,
            places,
            assessors,
            allocation.requires,
            status,
            evidence,
            reached,
            moved_to,
            elsewhere,
        )
    if unplaceable:
        workplace = cannot_offer[unplaceable[0]]
        raise PlanRefused(
            learner.id,
            f"workplace {workplace} cannot offer {', '.join(unplaceable)}, which {trajectory.id} teaches only "
            "at the workplace, and the trajectory has no school or training centre to move it to; "
            "place the learner elsewhere or add a school or training-centre place to the trajectory",
            CANNOT_OFFER,
        )
    return planned


def _without_workplace(
    trajectory: StandardTrajectory, allocation: Allocation
) -> tuple[tuple[str, ...], tuple[str, ...], str | None, bool]:
    """Places and assessors of a competence the workplace cannot offer.

    Returns (places, assessors, moved_to, learned_elsewhere); places is empty when there
    is nowhere to learn it.
    """
    workplace_ids = {place.id for place in trajectory.places_of_type(WORKPLACE)}
    places = tuple(place for place in allocation.at if place not in workplace_ids)
    assessors = tuple(place for place in allocation.assessed_by if place not in workplace_ids)
    if places:
        return places, assessors or places[:1], None, True
    substitute = substitute_place(trajectory)
    if substitute is None:
        return (), assessors, None, False
    # The place that now teaches it assesses it too, unless another non-workplace place does.
    return (substitute,), assessors or (substitute,), substitute, False


def substitute_place(trajectory: StandardTrajectory) -> str | None:
    """Where a workplace-only competence goes when the workplace cannot offer it:
    the first training centre, else the first school, else nowhere."""
    for kind in SUBSTITUTE_TYPES:
        places = trajectory.places_of_type(kind)
        if places:
            return places[0].id
    return None


def _plan_clusters(
    catalogue: Catalogue, trajectory: StandardTrajectory, competences: Mapping[str, PlannedCompetence]
) -> tuple[PlannedCluster, ...]:
    """Clusters in trajectory order, competences by phase then allocation order.

    Competences of a cluster without an allocation still appear (no places, no
    assessors); allocated competences in no cluster are gathered in a last cluster with
    an empty id.
    """
    phase_order = trajectory.phase_index()
    order = {ident: index for index, ident in enumerate(competences)}

    def key(item: PlannedCompetence) -> tuple[int, int]:
        return (phase_order.get(item.phase or "", len(phase_order)), order.get(item.id, len(order)))

    def planned(ident: str) -> PlannedCompetence:
        return competences.get(ident) or PlannedCompetence(ident, catalogue.title_of(ident), None, (), (), (), PLANNED)

    clusters = [
        PlannedCluster(cluster.id, cluster.title, tuple(sorted((planned(i) for i in cluster.competences), key=key)))
        for cluster in trajectory.clusters
    ]
    clustered = {ident for cluster in trajectory.clusters for ident in cluster.competences}
    rest = [item for ident, item in competences.items() if ident not in clustered]
    if rest:
        clusters.append(PlannedCluster("", "", tuple(sorted(rest, key=key))))
    return tuple(clusters)


def _workplace_names(catalogue: Catalogue, learner: Learner) -> str | None:
    """The names of the learner's workplaces, in placement order, each once."""
    names = dict.fromkeys(catalogue.workplaces[placement.workplace].name for placement in learner.placements)
    return ", ".join(names) or None


def _plan_places(
    learner: Learner, school: School, trajectory: StandardTrajectory, workplaces: str | None
) -> tuple[PlannedPlace, ...]:
    centre = learner.training_centre
    centres = [place.id for place in trajectory.places_of_type(TRAINING_CENTRE)]
    centre_place = (centre.place or next(iter(centres), None)) if centre is not None else None

    def name(place: str, kind: str) -> str | None:
        if kind == SCHOOL and school.name:
            return school.name
        if kind == WORKPLACE and workplaces:
            return workplaces
        if centre is not None and place == centre_place:
            return centre.name
        return None

    return tuple(
        PlannedPlace(
            place.id,
            place.type,
            name(place.id, place.type),
            trajectory.hours_per_week.get(place.id, 0.0),
            _week_order(learner.weekly_rhythm.get(place.id, ())),
            centre.block_weeks if centre is not None and place.id == centre_place else (),
        )
        for place in trajectory.learning_places
    )


def _plan_moments(learner: Learner, trajectory: StandardTrajectory) -> tuple[PlannedMoment, ...]:
    """The trajectory's evaluation moments on the learner's calendar, in date order; a
    moment that would fall after the learner's end is left out (it never comes)."""
    moments = (
        PlannedMoment(moment.id, moment.title, moment.week, moment.due(learner.start), moment.by)
        for moment in trajectory.evaluation_moments
    )
    return tuple(sorted((item for item in moments if item.due <= learner.end), key=lambda item: item.due))


def _week_order(days: Iterable[str]) -> tuple[str, ...]:
    chosen = set(days)
    return tuple(day for day in WEEKDAYS if day in chosen)


def _plan_workplace(
    workplace: Workplace | None, mentor: Mentor | None, trajectory: str, start: dt.date
) -> PlannedWorkplace | None:
    if workplace is None:
        return None
    recognition = workplace.recognition_on(trajectory, start) or next(
        iter(workplace.recognitions_for(trajectory)), None
    )
    return PlannedWorkplace(
        workplace.id,
        workplace.name,
        workplace.enterprise_number,
        workplace.site,
        mentor.name if mentor else None,
        PlannedRecognition(recognition.valid_from, recognition.valid_until, recognition.capacity)
        if recognition
        else None,
    )


def _plan_certificates(
    catalogue: Catalogue, trajectory: StandardTrajectory, clusters: tuple[PlannedCluster, ...]
) -> tuple[PlannedCertificate, ...]:
    by_id = {cluster.id: cluster for cluster in clusters if cluster.id}
    certificates = []
    for certificate in trajectory.certificates:
        if certificate.all_clusters:
            chosen = list(by_id.values())
        else:
            chosen = [by_id[ident] for ident in certificate.clusters or () if ident in by_id]
        competences = [item for cluster in chosen for item in cluster.competences]
        qualification = certificate.qualification
        if certificate.type == "educational-qualification" and qualification is None:
            qualification = trajectory.qualification
        certificates.append(
            PlannedCertificate(
                certificate.type,
                qualification,
                _qualification_title(catalogue, qualification),
                tuple((cluster.id, cluster.title) for cluster in chosen),
                len(competences),
                sum(1 for item in competences if item.done),
            )
        )
    return tuple(certificates)


def _qualification_title(catalogue: Catalogue, ident: str | None) -> str | None:
    if ident is None:
        return None
    for table in (
        catalogue.educational_qualifications,
        catalogue.professional_qualifications,
        catalogue.partial_qualifications,
    ):
        if ident in table:
            return table[ident].title
    return None


def _signatories(
    learner: Learner, school: School, workplace: Workplace | None, mentor: Mentor | None, majority_age: float
) -> tuple[Signatory, ...]:
    """Learner, a parent or guardian when the learner is a minor at the start, the
    workplace (its mentor) and the school (its trajectory coach)."""
    signatories = [Signatory("learner", learner.name)]
    if age_on(learner.birth_date, learner.start) < majority_age:
        signatories.append(Signatory("guardian", ", ".join(item.name for item in learner.guardians) or None))
    signatories.append(Signatory("workplace", mentor.name if mentor else None, workplace.name if workplace else None))
    signatories.append(Signatory("school", school.coach, school.name or None))
    return tuple(signatories)


def _notices(
    workplace: Workplace | None, competences: Mapping[str, PlannedCompetence], phases: tuple[PlannedPhase, ...]
) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    if workplace is None:
        notices.append(Notice("not-placed"))
    for item in competences.values():
        if item.moved_to:
            notices.append(Notice("moved", item.id, item.title, (item.moved_to,)))
        elif item.not_at_workplace:
            notices.append(Notice("not-at-workplace", item.id, item.title, item.places))
    for phase in phases:
        if phase.clipped:
            notices.append(Notice("phase-clipped", title=phase.title))
    return tuple(notices)
