"""``trajectkit attest``: the certificates a learner has earned, and what the next one needs;
with ``--format elm``, as an unsigned Europass credential (``trajectkit.standards.elm``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trajectkit.commands.common import (
    check_destination,
    destination,
    emit,
    inputs_of,
    language_of,
    render,
    trajectory_of,
    unknown,
)
from trajectkit.errors import UsageError
from trajectkit.translation import _

if TYPE_CHECKING:
    from trajectkit.analysis.attest import Attestation
    from trajectkit.catalogue.catalogue import Catalogue
    from trajectkit.catalogue.model import Learner
    from trajectkit.config import Config


ELM = "elm"
NO_WORDS = "{folder}: the message catalogue i18n/{language}.yaml has no complete `credential` section (title, unsigned, exempted)"


@dataclass(frozen=True)
class AttestOptions:
    paths: tuple[str, ...]
    learner_id: str
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    templates: str | None = None
    on: dt.date | None = None  # date of issue of an ELM credential
    base_uri: str | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: AttestOptions) -> int:
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.formats.attest import FORMATS, Issue, attest_pdf

    check_destination(options.output_format, options.out)
    reads = inputs_of(options.paths, options.config_path, options.profile, folders=[options.templates])
    out = destination(options.out, reads, options.force)
    config = load_config(
        options.config_path, options.profile, options.paths, exclude=options.exclude, language=options.language
    )
    if options.output_format == ELM:
        return _credential(options, config, out)
    catalogue, learner, attestation = load_attestation(options.paths, options.learner_id, config, options.on)
    attestation = replace(attestation, language=language_of(options.language, config, [learner]))
    folder = Path(options.templates) if options.templates else None
    pdf: Callable[[Any], bytes] = partial(attest_pdf, templates=folder)
    if options.output_format == "pdf":  # the document to hand over: issued today unless --on says otherwise
        day = reference_date(options.on, config)
        pdf = partial(attest_pdf, templates=folder, issue=Issue(catalogue.school_of(learner), learner.birth_date, day))
    formats: dict[str, Callable[[Any], str | bytes]] = {**FORMATS, "pdf": pdf}
    emit(render(formats, options.output_format, attestation), out)
    return 0


def load_attestation(
    paths: tuple[str, ...], learner_id: str, config: Config, on: dt.date | None = None
) -> tuple[Catalogue, Learner, Attestation]:
    """The catalogue, the learner and what the learner has earned (on the learner's
    effective trajectory on ``on``), refusing on errors in the documents that answer reads."""
    from trajectkit.analysis.attest import attest
    from trajectkit.validation import refusal

    catalogue = refusal.load_catalogue_for(
        paths,
        config,
        _("the certificates of %(learner)s") % {"learner": learner_id},
        lambda found: refusal.for_attest(found, learner_id),
    )
    learner = catalogue.learners.get(learner_id)
    if learner is None:
        raise unknown("learner", learner_id, list(catalogue.learners))
    return (
        catalogue,
        learner,
        attest(catalogue, learner, trajectory_of(catalogue, learner.trajectory), config.profile.ladder, on),
    )


def _credential(options: AttestOptions, config: Config, out: Path | None) -> int:
    """The earned certificates as an unsigned Europass credential (ELM, JSON-LD)."""
    from trajectkit.commands.export import emit_json
    from trajectkit.dates import reference_date
    from trajectkit.rendering import RenderError, load_messages, render_document
    from trajectkit.resources import templates_dir
    from trajectkit.standards.elm import (
        CredentialInput,
        ElmOptions,
        credential,
        issuer_of,
    )
    from trajectkit.standards.identifiers import identifiers_for
    from trajectkit.standards.jurisdiction import jurisdiction_of

    ids = identifiers_for(options.base_uri)
    day = reference_date(options.on, config)
    jurisdiction = jurisdiction_of(config.profile, "an ELM credential")
    catalogue, learner, attestation = load_attestation(options.paths, options.learner_id, config, day)
    attestation = replace(attestation, language=language_of(options.language, config, [learner]))
    issuer = issuer_of(catalogue, learner, jurisdiction)
    folder = (Path(options.templates) if options.templates else templates_dir()).resolve()
    try:
        image = render_document(
            "credential", attestation.language, folder, attestation=attestation, issuer=issuer, issued=day
        )
        messages = load_messages(folder, attestation.language)
    except RenderError as error:
        raise UsageError(_("cannot render: %(reason)s") % {"reason": error}) from error
    words = messages.get("credential")
    if not isinstance(words, dict) or not {"title", "unsigned", "exempted"} <= set(words):
        raise UsageError(NO_WORDS.format(folder=folder, language=attestation.language))
    names = dict(messages.get("certificate_types") or {})
    source = CredentialInput(attestation, learner, issuer, day, words, names, image.encode("utf-8"))
    emit_json(credential(catalogue, source, ElmOptions(ids, jurisdiction)), out)
    return 0
