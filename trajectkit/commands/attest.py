"""``trajectkit attest``: the certificates a learner has earned, and what the next one needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from trajectkit.commands.common import check_destination, emit, render, trajectory_of, unknown


@dataclass(frozen=True)
class AttestOptions:
    paths: tuple[str, ...]
    learner_id: str
    output_format: str = "text"
    out: str | None = None
    templates: str | None = None
    config_path: str | None = None
    profile: str | None = None


def run(options: AttestOptions) -> int:
    from trajectkit.analysis.attest import attest
    from trajectkit.config import load_config
    from trajectkit.formats.attest import FORMATS, attest_pdf
    from trajectkit.validation import refusal

    check_destination(options.output_format, options.out)
    config = load_config(options.config_path, options.profile)
    catalogue = refusal.load_catalogue_for(
        options.paths,
        config,
        f"the certificates of {options.learner_id}",
        lambda found: refusal.for_attest(found, options.learner_id),
    )
    learner = catalogue.learners.get(options.learner_id)
    if learner is None:
        raise unknown("learner", options.learner_id, list(catalogue.learners))
    attestation = attest(catalogue, learner, trajectory_of(catalogue, learner.trajectory), config.profile.ladder)
    folder = Path(options.templates) if options.templates else None
    formats: dict[str, Callable[[Any], str | bytes]] = {**FORMATS, "pdf": partial(attest_pdf, templates=folder)}
    emit(render(formats, options.output_format, attestation), options.out)
    return 0
