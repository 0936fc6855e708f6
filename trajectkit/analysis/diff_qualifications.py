"""What changed in a professional or educational qualification: competences, parts, scopes, goals."""

from __future__ import annotations

from trajectkit.analysis.changes import Change, Changes, by_id, show
from trajectkit.catalogue.model import EducationalQualification, ProfessionalQualification
from trajectkit.translation import _

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
                _("competence %(competence)s (%(title)s) added") % {"competence": ident, "title": competence.title},
                competence.source.at(),
                None,
                competence.title,
            )
            continue
        if was.title != competence.title:
            found.add(
                "retitled",
                ident,
                _("competence %(competence)s retitled from %(old)s to %(new)s")
                % {"competence": ident, "old": repr(was.title), "new": repr(competence.title)},
                competence.source.at("title"),
                was.title,
                competence.title,
            )
        if (was.knowledge, was.skills) != (competence.knowledge, competence.skills):
            found.add(
                "content",
                ident,
                _("knowledge or skills of competence %(competence)s changed") % {"competence": ident},
                competence.source.at(),
                None,
                None,
            )
    for ident, competence in before.items():
        if ident not in after:
            found.add(
                "competence-removed",
                ident,
                _("competence %(competence)s (%(title)s) removed") % {"competence": ident, "title": competence.title},
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
                _("partial qualification %(part)s (%(title)s) added") % {"part": ident, "title": part.title},
                part.source.at(),
                None,
                part.competences,
            )
        elif (set(was.competences), was.title) != (set(part.competences), part.title):
            found.add(
                "partial-changed",
                ident,
                _("partial qualification %(part)s changed: %(old)s → %(new)s")
                % {"part": ident, "old": show(was.competences), "new": show(part.competences)},
                part.source.at("competences"),
                was.competences,
                part.competences,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "partial-removed",
                ident,
                _("partial qualification %(part)s removed") % {"part": ident},
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
                _("professional qualification %(qualification)s included (%(scope)s)")
                % {"qualification": ident, "scope": scope.scope},
                scope.source.at(),
                None,
                scope.scope,
            )
        elif (was.scope, set(was.competences)) != (scope.scope, set(scope.competences)):
            found.add(
                "scope-changed",
                ident,
                _("scope of %(qualification)s changed: %(old_scope)s %(old)s → %(new_scope)s %(new)s")
                % {
                    "qualification": ident,
                    "old_scope": was.scope,
                    "old": show(was.competences),
                    "new_scope": scope.scope,
                    "new": show(scope.competences),
                },
                scope.source.at(),
                was.scope,
                scope.scope,
            )
    for ident in before:
        if ident not in after:
            found.add(
                "qualification-removed",
                ident,
                _("professional qualification %(qualification)s no longer included") % {"qualification": ident},
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
                _("general-education goal %(goal)s (%(title)s) added") % {"goal": ident, "title": goal.title},
                goal.source.at(),
                None,
                goal.title,
            )
        elif was.title != goal.title:
            found.add(
                "retitled",
                ident,
                _("goal %(goal)s retitled from %(old)s to %(new)s")
                % {"goal": ident, "old": repr(was.title), "new": repr(goal.title)},
                goal.source.at("title"),
                was.title,
                goal.title,
            )
    for ident, goal in before.items():
        if ident not in after:
            found.add(
                "goal-removed",
                ident,
                _("general-education goal %(goal)s (%(title)s) removed") % {"goal": ident, "title": goal.title},
                new.source.at("general_education"),
                goal.title,
                None,
            )
    return found.items
