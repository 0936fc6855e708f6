"""What the commands share: writing their output, and naming what the catalogue lacks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from trajectkit.atomic import Inputs, check_output
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.model import StandardTrajectory
from trajectkit.config import Config
from trajectkit.errors import CatalogueErrors, UsageError, did_you_mean
from trajectkit.formats import BINARY_FORMATS
from trajectkit.translation import N_, _

#: What :func:`unknown` may say the catalogue lacks, translated when said.
KINDS_OF_IDS = (
    N_("cluster"),
    N_("learner"),
    N_("learning place"),
    N_("phase"),
    N_("standard trajectory"),
    N_("workplace"),
)


def check_destination(output_format: str, out: str | None) -> None:
    """Fail early (before any work) when a binary format has nowhere to go."""
    if output_format in BINARY_FORMATS and out is None:
        raise UsageError(_("--format %(format)s writes a file; give --out FILE") % {"format": output_format})


def inputs_of(
    paths: Iterable[str | os.PathLike[str]] = (),
    config_path: str | None = None,
    profile: str | None = None,
    files: Iterable[str | os.PathLike[str] | None] = (),
    folders: Iterable[str | os.PathLike[str] | None] = (),
) -> Inputs:
    """What a command reads, which no output may replace: the catalogue files (found as
    ``validate`` finds them), the configuration and profile, other ``files`` (a sheet, a
    CASE file) and every file in ``folders`` (templates). Listed only when needed."""
    paths, files, folders = tuple(paths), tuple(files), tuple(folders)

    def find() -> Iterator[Path]:
        from trajectkit.catalogue.files import InputPathError, discover
        from trajectkit.config import files_read

        yield from (Path(file) for file in files if file is not None)
        try:
            catalogue_files = discover(paths)
        except InputPathError:
            catalogue_files = []  # the command reports it when it reads the catalogue
        yield from catalogue_files
        yield from files_read(config_path, profile, paths)
        for folder in folders:
            if folder is not None:
                yield from (path for path in Path(folder).rglob("*") if path.is_file())

    return Inputs(find)


def destination(out: str | os.PathLike[str] | None, inputs: Inputs, force: bool) -> Path | None:
    """``--out`` checked before any work (``trajectkit.atomic.check_output``); ``None``
    for standard output."""
    return None if out is None else check_output(out, inputs, force)


def emit(content: str | bytes, out: str | os.PathLike[str] | None) -> None:
    """Write ``content`` to ``out`` atomically, or text to standard output."""
    from trajectkit.atomic import write_atomic

    if out is None:
        if isinstance(content, bytes):  # check_destination prevents this
            raise UsageError(_("binary output needs --out FILE"))
        click.echo(content, nl=False)
        return
    try:
        write_atomic(out, content)
    except OSError as error:
        raise UsageError(_("%(file)s: cannot write: %(reason)s") % {"file": out, "reason": error.strerror}) from error


def render(formats: Mapping[str, Callable[[Any], str | bytes]], output_format: str, data: Any) -> str | bytes:
    """``formats[output_format](data)``; a broken template is a usage error (exit 2)."""
    from trajectkit.rendering import RenderError

    try:
        return formats[output_format](data)
    except RenderError as error:
        raise UsageError(_("cannot render: %(error)s") % {"error": error}) from error


def unknown(what: str, ident: str, known: Sequence[str]) -> UsageError:
    """The usage error for an id the catalogue does not hold, with the closest one."""
    hint = did_you_mean(ident, known) or (
        _("; known: %(ids)s") % {"ids": ", ".join(sorted(known)[:10])} if known else ""
    )
    return UsageError(_("no %(what)s '%(id)s' in the catalogue%(hint)s") % {"what": _(what), "id": ident, "hint": hint})


def trajectory_of(catalogue: Catalogue, ident: str) -> StandardTrajectory:
    trajectory = catalogue.trajectories.get(ident)
    if trajectory is None:
        raise unknown("standard trajectory", ident, list(catalogue.trajectories))
    return trajectory


def load_trajectory(
    paths: Sequence[str], config: Config, trajectory_id: str | None, what: str
) -> tuple[Catalogue, StandardTrajectory]:
    """The catalogue and the trajectory ``trajectory_id`` (or its only one), structurally sound."""
    from trajectkit.validation import refusal

    catalogue, report = refusal.checked_catalogue(paths, config)
    if trajectory_id is None:
        if len(catalogue.trajectories) != 1:
            known = ", ".join(sorted(catalogue.trajectories)) or "none"
            raise UsageError(
                _("say which trajectory with --trajectory ID (in the catalogue: %(known)s)") % {"known": known}
            )
        trajectory_id = next(iter(catalogue.trajectories))
    if trajectory_id not in catalogue.trajectories and not catalogue.knows("StandardTrajectory", trajectory_id):
        known = ", ".join(sorted(catalogue.trajectories)) or "none"
        raise UsageError(
            _("no trajectory '%(id)s' in the catalogue (trajectories: %(known)s)")
            % {"id": trajectory_id, "known": known}
        )
    blocking = refusal.refusals(report, refusal.for_sheet(catalogue, trajectory_id))
    if blocking or trajectory_id not in catalogue.trajectories:
        raise CatalogueErrors(blocking, what)
    return catalogue, catalogue.trajectories[trajectory_id]


def language_of(explicit: str | None, config: Config, learners: Iterable[Any] = ()) -> str:
    """The language of a document: ``--lang``, else ``language:``, else the learners'
    (when they share one), else the locale (:func:`trajectkit.translation.document_language`)."""
    from trajectkit.translation import document_language

    return document_language(explicit, config.language, (learner.language for learner in learners))
