"""An attestation as text, JSON or PDF: one function per format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trajectkit.analysis.attest import ATTAINED, Attestation, CertificateStatus, HeldCompetence, MissingCompetence
from trajectkit.analysis.terminations import reason_label
from trajectkit.formats import json_text
from trajectkit.terminal import for_terminal
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.catalogue.model import School


@dataclass(frozen=True)
class Issue:
    """Uitreiking: who hands the attest over and when. ``school`` is the learner's school
    written out from the catalogue (the provider's name, the coach); ``birth_date`` says
    which learner is meant to whoever reads it at a next school or employer."""

    school: School | None
    birth_date: dt.date | None
    date: dt.date


def _held_text(item: HeldCompetence) -> str:
    if item.how == ATTAINED:
        attained = _("attained %(date)s") % {"date": item.date.isoformat() if item.date else ""}
        return f"{item.id} {item.title} ({attained})"
    exempted = _("exempted: %(evidence)s") % {"evidence": item.evidence} if item.evidence else _("exempted")
    return f"{item.id} {item.title} ({exempted})"


def _where(missing: MissingCompetence) -> str:
    return f"{missing.cluster}; at {', '.join(missing.places)}" if missing.places else missing.cluster


def _certificate_name(item: CertificateStatus) -> str:
    return f"{item.type} {item.qualification} {item.title}" if item.qualification else item.type


def attest_text(attestation: Attestation) -> str:
    out = [f"{attestation.learner} {attestation.name}, {attestation.trajectory} {attestation.trajectory_title}"]
    attained = sum(1 for item in attestation.held if item.how == ATTAINED)
    if attestation.ended_on is not None:
        out.append(
            _("the agreement ended early on %(date)s (%(reason)s): what was attained up to that day counts")
            % {"date": attestation.ended_on.isoformat(), "reason": reason_label(attestation.end_reason)}
        )
    out.append(
        _("holds %(held)d competence(s): %(attained)d attained, %(exempted)d exempted")
        % {"held": len(attestation.held), "attained": attained, "exempted": len(attestation.held) - attained}
    )
    out.append("")
    if attestation.highest is None:
        out.append(_("Highest certificate: none yet"))
    else:
        out.append(_("Highest certificate: %(certificate)s") % {"certificate": attestation.highest})
    if attestation.earned:
        out.append(_("Earned:"))
        for item in attestation.earned:
            out.append(f"  {_certificate_name(item)}")
            if not item.clusters:
                out.extend(f"    {_held_text(held)}" for held in item.held)
    elif any(item.type == "proof-of-competences" for item in attestation.certificates):
        out.append(_("A proof of competences is earned as soon as one competence of the trajectory is attained."))
    out.append("")
    if attestation.next_rung is None:
        out.append(_("Next rung: none, the highest certificate of the trajectory is earned"))
    else:
        out.append(_("Next rung: %(certificate)s") % {"certificate": attestation.next_rung})
        for item in attestation.next:
            out.append(
                f"  {_certificate_name(item)}: "
                + _("%(missing)d of %(required)d competences of this certificate's clusters missing")
                % {"missing": len(item.missing), "required": item.required}
            )
            out.extend(f"    {missing.id} {missing.title} ({_where(missing)})" for missing in item.missing)
            by_place = item.missing_by_place()
            if by_place:
                out.append("    to learn: " + ", ".join(f"{count} at {place}" for place, count in by_place.items()))
    return "\n".join(out) + "\n"


def attest_data(attestation: Attestation) -> dict[str, Any]:
    def held(item: HeldCompetence) -> dict[str, Any]:
        return {
            "competence": item.id,
            "title": item.title,
            "how": item.how,
            "date": item.date.isoformat() if item.date else None,
            "evidence": item.evidence,
        }

    def certificate(item: CertificateStatus) -> dict[str, Any]:
        return {
            "type": item.type,
            "qualification": item.qualification,
            "title": item.title,
            "clusters": list(item.clusters),
            "earned": item.earned,
            "required": item.required,
            "held": [entry.id for entry in item.held],
            "missing": [
                {"competence": m.id, "title": m.title, "cluster": m.cluster, "at": list(m.places)} for m in item.missing
            ],
            "missing_by_place": item.missing_by_place(),
        }

    return {
        "learner": {"id": attestation.learner, "name": attestation.name},
        "trajectory": {"id": attestation.trajectory, "title": attestation.trajectory_title},
        "ladder": list(attestation.ladder),
        "ended": (
            {"on": attestation.ended_on.isoformat(), "reason": attestation.end_reason}
            if attestation.ended_on is not None
            else None
        ),
        "held": [held(item) for item in attestation.held],
        "highest": attestation.highest,
        "earned": [certificate(item) for item in attestation.earned],
        "next_rung": attestation.next_rung,
        "next": [certificate(item) for item in attestation.next],
        "certificates": [certificate(item) for item in attestation.certificates],
    }


def attest_json(attestation: Attestation) -> str:
    return json_text(attest_data(attestation))


def attest_pdf(attestation: Attestation, templates: Path | None = None, issue: Issue | None = None) -> bytes:
    """The attest to hand over, in the learner's language (``attest.html.j2``): the issuer
    and the date of issue (``issue``), the certificates earned, signature fields."""
    from trajectkit.rendering import render_document_pdf

    return render_document_pdf("attest", attestation.language, templates, attestation=attestation, issue=issue)


FORMATS: dict[str, Callable[[Attestation], str | bytes]] = {
    "text": for_terminal(attest_text),
    "json": attest_json,
    "pdf": attest_pdf,
}
