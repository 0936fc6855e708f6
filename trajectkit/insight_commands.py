"""The work behind ``coverage``, ``attest``, ``scenario`` and ``diff``, callable without click.

Each function loads the catalogue, refuses when an error would make its answer wrong
(:mod:`trajectkit.blocking`), computes pure data and writes one output format; it
returns the exit code.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from trajectkit.catalogue import Catalogue
from trajectkit.commands import configure
from trajectkit.config import Config
from trajectkit.errors import UsageError
from trajectkit.model import StandardTrajectory

#: Formats that are bytes, not text: they need ``--out``.
BINARY_FORMATS = frozenset({"pdf"})


# --------------------------------------------------------------------------- shared


def check_destination(output_format: str, out: str | None) -> None:
    """Fail early (before any work) when a binary format has nowhere to go."""
    if output_format in BINARY_FORMATS and out is None:
        raise UsageError(f"--format {output_format} writes a file; give --out FILE")


def emit(content: str | bytes, out: str | None) -> None:
    """Write ``content`` to ``out`` atomically, or text to standard output."""
    from trajectkit.output import write_atomic

    if out is None:
        if isinstance(content, bytes):  # check_destination prevents this
            raise UsageError("binary output needs --out FILE")
        click.echo(content, nl=False)
        return
    try:
        write_atomic(out, content)
    except OSError as error:
        raise UsageError(f"{out}: cannot write: {error.strerror}") from error


def render(formats: Mapping[str, Callable[[Any], str | bytes]], output_format: str, data: Any) -> str | bytes:
    """``formats[output_format](data)``; a broken template is a usage error (exit 2)."""
    from trajectkit.rendering import RenderError

    try:
        return formats[output_format](data)
    except RenderError as error:
        raise UsageError(f"cannot render: {error}") from error


def reference_date(on: dt.date | None, config: Config, environ: Mapping[str, str] = os.environ) -> dt.date:
    """``--on``, else ``today`` from the configuration, else the date of SOURCE_DATE_EPOCH."""
    if on is not None:
        return on
    if config.today is not None:
        return config.today
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError) as error:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; give --on YYYY-MM-DD") from error
    raise UsageError(
        "no reference date: give --on YYYY-MM-DD (or set `today:` in trajectkit.yaml or SOURCE_DATE_EPOCH); "
        "trajectkit does not read the clock, so that answers can be repeated"
    )


def _unknown(what: str, ident: str, known: Sequence[str]) -> UsageError:
    import difflib

    close = difflib.get_close_matches(ident, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; known: {', '.join(sorted(known)[:10])}" if known else "")
    return UsageError(f"no {what} '{ident}' in the catalogue{hint}")


def _qualification_keys(catalogue: Catalogue, trajectory_id: str) -> list[tuple[str, str]]:
    """The trajectory, its educational qualification and the professional ones that includes."""
    keys = [("StandardTrajectory", trajectory_id)]
    trajectory = catalogue.trajectories.get(trajectory_id)
    if trajectory is not None:
        keys.append(("EducationalQualification", trajectory.qualification))
        education = catalogue.educational_qualifications.get(trajectory.qualification)
        for scope in education.professional_qualifications if education else ():
            keys.append(("ProfessionalQualification", scope.ref))
        for certificate in trajectory.certificates:
            part = catalogue.partial_qualifications.get(certificate.qualification or "")
            if part is not None:
                keys.append(("ProfessionalQualification", part.qualification))
            elif certificate.qualification and certificate.type == "professional-qualification":
                keys.append(("ProfessionalQualification", certificate.qualification))
    return keys


def _trajectory(catalogue: Catalogue, ident: str) -> StandardTrajectory:
    trajectory = catalogue.trajectories.get(ident)
    if trajectory is None:
        raise _unknown("standard trajectory", ident, list(catalogue.trajectories))
    return trajectory


# --------------------------------------------------------------------------- coverage


COVERAGE_RULES = frozenset({"unresolved-reference", "unknown-learning-place"})


def run_coverage(
    paths: Sequence[str],
    trajectory_id: str,
    output_format: str,
    out: str | None,
    gap: float,
    templates: str | None,
    config_path: str | None,
    profile: str | None,
) -> int:
    from functools import partial

    from trajectkit.blocking import Needs, load_catalogue_for
    from trajectkit.coverage import build_coverage
    from trajectkit.coverage_formats import MATRIX_FORMATS, coverage_html, coverage_pdf

    check_destination(output_format, out)
    config = configure(config_path, profile)
    catalogue = load_catalogue_for(
        paths,
        config,
        f"the coverage of {trajectory_id}",
        lambda found: Needs.of(found, _qualification_keys(found, trajectory_id), rules=COVERAGE_RULES),
    )
    trajectory = _trajectory(catalogue, trajectory_id)
    if output_format in MATRIX_FORMATS:
        folder = Path(templates) if templates else None
        formats = {**MATRIX_FORMATS, "html": partial(coverage_html, templates=folder), "pdf": partial(coverage_pdf, templates=folder)}
        content = render(formats, output_format, build_coverage(catalogue, trajectory, gap))
    else:
        from trajectkit.graph import build_graph
        from trajectkit.graph_export import graph_dot, graph_graphml, trajectory_subgraph

        subgraph = trajectory_subgraph(build_graph(catalogue), catalogue, trajectory)
        content = graph_dot(subgraph) if output_format == "dot" else graph_graphml(subgraph)
    emit(content, out)
    return 0


# --------------------------------------------------------------------------- attest


ATTEST_RULES = frozenset({"unresolved-reference", "certificate-incomplete"})


def run_attest(
    paths: Sequence[str],
    learner_id: str,
    output_format: str,
    out: str | None,
    templates: str | None,
    config_path: str | None,
    profile: str | None,
) -> int:
    from functools import partial

    from trajectkit.attest_formats import ATTEST_FORMATS, attest_pdf
    from trajectkit.blocking import Needs, load_catalogue_for
    from trajectkit.certification import attest

    check_destination(output_format, out)
    config = configure(config_path, profile)

    def needs(found: Catalogue) -> Needs:
        learner = found.learners.get(learner_id)
        keys = [("Learner", learner_id)]
        if learner is not None:
            keys += _qualification_keys(found, learner.trajectory)
        return Needs.of(found, keys, rules=ATTEST_RULES)

    catalogue = load_catalogue_for(paths, config, f"the certificates of {learner_id}", needs)
    learner = catalogue.learners.get(learner_id)
    if learner is None:
        raise _unknown("learner", learner_id, list(catalogue.learners))
    attestation = attest(catalogue, learner, _trajectory(catalogue, learner.trajectory), config.profile.ladder)
    formats = {**ATTEST_FORMATS, "pdf": partial(attest_pdf, templates=Path(templates) if templates else None)}
    emit(render(formats, output_format, attestation), out)
    return 0


# --------------------------------------------------------------------------- scenario


SCENARIO_RULES = frozenset({"unresolved-reference", "unknown-learning-place"})


def run_scenario(
    paths: Sequence[str],
    without: Sequence[str],
    without_places: Sequence[str],
    on: dt.date | None,
    output_format: str,
    out: str | None,
    config_path: str | None,
    profile: str | None,
) -> int:
    from trajectkit.blocking import Needs, load_catalogue_for
    from trajectkit.scenario import run_scenario as answer
    from trajectkit.scenario_formats import SCENARIO_FORMATS

    if not without and not without_places:
        raise UsageError("say what falls away: --without WORKPLACE_ID and/or --without-place PLACE_ID")
    config = configure(config_path, profile)
    day = reference_date(on, config)
    catalogue = load_catalogue_for(
        paths,
        config,
        "the scenario",
        lambda found: Needs.of(
            found,
            [("Workplace", ident) for ident in without],
            kinds=("Workplace", "Learner", "StandardTrajectory"),
            rules=SCENARIO_RULES,
        ),
    )
    for ident in without:
        if ident not in catalogue.workplaces:
            raise _unknown("workplace", ident, list(catalogue.workplaces))
    places = sorted({place.id for trajectory in catalogue.trajectories.values() for place in trajectory.learning_places})
    for ident in without_places:
        if ident not in places:
            raise _unknown("learning place", ident, places)
    scenario = answer(catalogue, day, without, without_places)
    emit(render(SCENARIO_FORMATS, output_format, scenario), out)
    return 1 if scenario.unsolved else 0


# --------------------------------------------------------------------------- diff


DIFF_KINDS = ("StandardTrajectory", "ProfessionalQualification", "EducationalQualification")


def run_diff(
    old: str,
    new: str,
    catalogues: Sequence[str],
    output_format: str,
    out: str | None,
    config_path: str | None,
    profile: str | None,
) -> int:
    """Exit 1 when something changed and a learner follows a changed trajectory."""
    from trajectkit.blocking import Needs, load_catalogue_for
    from trajectkit.diff import compare
    from trajectkit.diff_formats import DIFF_FORMATS

    config = configure(config_path, profile)
    # Only what the comparison reads must be sound: one side is often a single file,
    # whose references cannot resolve on their own.
    def versions(found: Catalogue) -> Needs:
        return Needs(kinds=frozenset(DIFF_KINDS), rules=frozenset())

    def with_learners(found: Catalogue) -> Needs:
        return Needs(kinds=frozenset({*DIFF_KINDS, "Learner"}), rules=frozenset())

    before = load_catalogue_for([old], config, "the diff (OLD side)", versions)
    after = load_catalogue_for([new], config, "the diff (NEW side)", with_learners)
    extra = [load_catalogue_for([path], config, f"the learners in {path}", with_learners) for path in catalogues]
    if not any(getattr(side, table) for side in (before, after) for table in ("trajectories", "professional_qualifications", "educational_qualifications")):
        raise UsageError(f"nothing to compare: neither {old} nor {new} holds a standard trajectory or qualification")
    result = compare(before, after, extra)
    emit(render(DIFF_FORMATS, output_format, result), out)
    return 1 if result.affects_learners else 0
