"""What changed in a professional or educational qualification: competences, parts, scopes, goals."""

from __future__ import annotations

from trajectkit.analysis.changes import Change, Changes, by_id, show
from trajectkit.catalogue.model import EducationalQualification, ProfessionalQualification

PROFESSION = "ProfessionalQualification"
EDUCATION = "EducationalQualification"


def profession_changes(old: ProfessionalQualification, new: ProfessionalQualification) -> list[Change]:
    found = Changes(PROFESSION, new.id)
    found.fields(old, new, ("title", "level", "sector"), new.source)
    before, after = by_id(old.competences), by_id(new.competences)
    for ident, competence in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "competence-added",
                ident,
                f"competence {ident} ({competence.title}) added",
                competence.source.at(),
                None,
                competence.title,
            )
            continue
        if was.title != competence.title:
            found.add(
                "retitled",
                ident,
                f"competence {ident} retitled from {was.title!r} to {competence.title!r}",
                competence.source.at("title"),
                was.title,
                competence.title,
            )
        if (was.knowledge, was.skills) != (competence.knowledge, competence.skills):
            found.add(
                "content",
                ident,
                f"knowledge or skills of competence {ident} changed",
                competence.source.at(),
                None,
                None,
            )
    for ident, competence in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                f"competence {ident} ({competence.title}) removed",
                new.source.at("competences"),
                competence.title,
                None,
            )
    before, after = by_id(old.partial_qualifications), by_id(new.partial_qualifications)
    for ident, part in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "partial-added",
                ident,
                f"partial qualification {ident} ({part.title}) added",
                part.source.at(),
                None,
                part.competences,
            )
        elif (set(was.competences), was.title) != (set(part.competences), part.title):
            found.add(
                "partial-changed",
                ident,
                f"partial qualification {ident} changed: {show(was.competences)} → {show(part.competences)}",
                part.source.at("competences"),
                was.competences,
                part.competences,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "partial-removed",
                ident,
                f"partial qualification {ident} removed",
                new.source.at("partial_qualifications"),
                ident,
                None,
            )
    return found.items


def education_changes(old: EducationalQualification, new: EducationalQualification) -> list[Change]:
    found = Changes(EDUCATION, new.id)
    found.fields(old, new, ("title", "level"), new.source)
    before, after = by_id(old.professional_qualifications, "ref"), by_id(new.professional_qualifications, "ref")
    for ident, scope in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "qualification-added",
                ident,
                f"professional qualification {ident} included ({scope.scope})",
                scope.source.at(),
                None,
                scope.scope,
            )
        elif (was.scope, set(was.competences)) != (scope.scope, set(scope.competences)):
            found.add(
                "scope-changed",
                ident,
                f"scope of {ident} changed: {was.scope} {show(was.competences)} → {scope.scope} {show(scope.competences)}",
                scope.source.at(),
                was.scope,
                scope.scope,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "qualification-removed",
                ident,
                f"professional qualification {ident} no longer included",
                new.source.at("professional_qualifications"),
                ident,
                None,
            )
    before, after = by_id(old.general_education), by_id(new.general_education)
    for ident, goal in after.items():
        was = before.get(ident)
        if was is None:
            found.add(
                "goal-added",
                ident,
                f"general-education goal {ident} ({goal.title}) added",
                goal.source.at(),
                None,
                goal.title,
            )
        elif was.title != goal.title:
            found.add(
                "retitled",
                ident,
                f"goal {ident} retitled from {was.title!r} to {goal.title!r}",
                goal.source.at("title"),
                was.title,
                goal.title,
            )
    for ident, goal in before.items():
        if ident not in after:
            found.add(
                "goal-removed",
                ident,
                f"general-education goal {ident} ({goal.title}) removed",
                new.source.at("general_education"),
                goal.title,
                None,
            )
    return found.items
