"""``trajectkit export``: a trajectory's allocation matrix as a spreadsheet (.xlsx or .csv),
or qualifications and trajectories in an open standard (CASE, ELM).

The shape of an open-standard export depends on the command line only, never on the
catalogue:

- ``--format case`` with one ``--id`` writes that one CFPackage, the unit OpenSALT
  and CASS import; otherwise a JSON list of every selected package (professional
  qualifications, then educational qualifications, then trajectories, each by id).
  ``import-competences --from case`` reads either.
- ``--format elm`` writes one JSON-LD document whose ``@graph`` holds a
  ``Qualification`` per selected professional, partial and educational qualification.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.commands.common import destination, emit, inputs_of, load_trajectory, unknown
from trajectkit.config import Config
from trajectkit.errors import UsageError
from trajectkit.terminal import note
from trajectkit.translation import N_, _

CASE = "case"
ELM = "elm"
OPEN_STANDARDS = (CASE, ELM)

MESSAGES = {
    "partial": N_("'%(ident)s' is a partial qualification of %(whole)s; export %(whole)s, which holds it"),
    "elm_trajectory": N_("'%(ident)s' is a standard trajectory; ELM describes qualifications: give the id of one"),
    "nothing": N_("nothing to export: the catalogue holds no %(what)s"),
    "trajectory_option": N_(
        "--trajectory chooses the trajectory of a spreadsheet; for %(file_format)s, name it with --id %(ident)s"
    ),
    "lang_option": N_(
        "--lang is for xlsx and csv; --format %(file_format)s writes identifiers and the catalogue's own titles"
    ),
    "ids_option": N_(
        "--id chooses what a case or elm export holds; a spreadsheet holds one trajectory: give --trajectory ID"
    ),
    "no_out": N_("a spreadsheet is written to a file: give --out FILE (.xlsx or .csv)"),
    "wrote": N_("wrote %(out)s: %(count)s %(what)s: %(ids)s"),
}


@dataclass(frozen=True)
class ExportOptions:
    paths: tuple[str, ...]
    out: str | None = None
    force: bool = False
    delimiter: str | None = None
    trajectory_id: str | None = None
    file_format: str | None = None
    ids: tuple[str, ...] = ()
    base_uri: str | None = None
    on: dt.date | None = None
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: ExportOptions) -> int:
    from trajectkit.sheets.cells import csv_delimiter

    if options.file_format in OPEN_STANDARDS:
        csv_delimiter(options.delimiter, options.file_format)
        if options.language is not None:
            raise UsageError(_(MESSAGES["lang_option"]) % {"file_format": options.file_format})
        return _open_standard(options, _destination(options))
    if options.ids:
        raise UsageError(_(MESSAGES["ids_option"]))
    if options.out is None:
        raise UsageError(_(MESSAGES["no_out"]))
    return _matrix(options, _destination(options))


def _destination(options: ExportOptions) -> Path | None:
    return destination(options.out, inputs_of(options.paths, options.config_path, options.profile), options.force)


def _matrix(options: ExportOptions, out: Path | None) -> int:
    """Write the matrix (``sheets.matrix``) in the chosen file format (``sheets.workbook``)."""
    from trajectkit.config import load_config
    from trajectkit.sheets.cells import csv_delimiter
    from trajectkit.sheets.matrix import build_matrix
    from trajectkit.sheets.workbook import format_for, write_matrix
    from trajectkit.translation import reader_language

    assert out is not None  # run() checked
    chosen = format_for(out, options.file_format)
    csv_delimiter(options.delimiter, chosen)  # a usage error before any work
    config = load_config(options.config_path, options.profile, options.paths, exclude=options.exclude)
    language = reader_language(options.language, config.language)
    delimiter = csv_delimiter(options.delimiter, chosen, language)
    catalogue, trajectory = load_trajectory(options.paths, config, options.trajectory_id, _("the export"))
    matrix = build_matrix(catalogue, trajectory)
    write_matrix(matrix, out, chosen, delimiter, language)
    note(
        _("wrote %(out)s: %(count)d competences of %(trajectory)s (%(format)s)")
        % {"out": out.as_posix(), "count": len(matrix.rows), "trajectory": trajectory.id, "format": chosen}
    )
    return 0


def _open_standard(options: ExportOptions, out: Path | None) -> int:
    """Write the selected qualifications (and, for CASE, trajectories) as CASE or ELM."""
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.standards.case import KINDS
    from trajectkit.standards.identifiers import identifiers_for
    from trajectkit.validation import refusal

    file_format = str(options.file_format)
    if options.trajectory_id is not None:
        raise UsageError(
            _(MESSAGES["trajectory_option"]) % {"file_format": file_format, "ident": options.trajectory_id}
        )
    ids = identifiers_for(options.base_uri)
    config = load_config(options.config_path, options.profile, options.paths, exclude=options.exclude)
    day = reference_date(options.on, config)
    kinds = KINDS if file_format == CASE else KINDS[:2]

    def needs(found: Catalogue) -> refusal.Needs:
        return refusal.Needs.of(
            found, selected(found, options.ids, kinds, file_format), kinds=() if options.ids else kinds
        )

    catalogue = refusal.load_catalogue_for(
        options.paths, config, _("the %(format)s export") % {"format": file_format.upper()}, needs
    )
    keys = selected(catalogue, options.ids, kinds, file_format)
    if not keys:
        raise UsageError(
            _(MESSAGES["nothing"])
            % {"what": _("qualifications") if file_format == ELM else _("qualifications or trajectories")}
        )
    if file_format == CASE:
        content = _case(catalogue, keys, len(options.ids) == 1, ids, day, config)
    else:
        content = _elm(catalogue, keys, ids, config)
    emit_json(content, out)
    if out is not None:
        what = _("CASE package(s)") if file_format == CASE else _("qualification(s) as ELM")
        note(
            _(MESSAGES["wrote"])
            % {"out": out.as_posix(), "count": len(keys), "what": what, "ids": ", ".join(ident for _, ident in keys)}
        )
    return 0


def _case(
    catalogue: Catalogue, keys: list[tuple[str, str]], single: bool, ids: Any, day: dt.date, config: Config
) -> Any:
    from trajectkit.standards.case import CaseOptions, case_packages
    from trajectkit.standards.jurisdiction import language_of

    packages = case_packages(
        catalogue, keys, CaseOptions(ids, f"{day.isoformat()}T00:00:00Z", language_of(config.profile))
    )
    return packages[0] if single else packages


def _elm(catalogue: Catalogue, keys: list[tuple[str, str]], ids: Any, config: Config) -> Any:
    from trajectkit.standards.elm import ElmOptions, qualification_graph
    from trajectkit.standards.jurisdiction import jurisdiction_of

    return qualification_graph(catalogue, keys, ElmOptions(ids, jurisdiction_of(config.profile, "ELM")))


def selected(
    catalogue: Catalogue, wanted: Sequence[str], kinds: Sequence[str], file_format: str
) -> list[tuple[str, str]]:
    """(kind, id) of each ``--id``, or of every document of ``kinds`` without one."""
    from trajectkit.standards.case import all_keys

    if not wanted:
        return all_keys(catalogue, kinds)
    keys = []
    for ident in dict.fromkeys(wanted):
        kind = next((kind for kind in kinds if ident in catalogue.table(kind) or catalogue.knows(kind, ident)), None)
        if kind is None and file_format == ELM and catalogue.knows("StandardTrajectory", ident):
            raise UsageError(_(MESSAGES["elm_trajectory"]) % {"ident": ident})
        if kind is None:
            part = catalogue.partial_qualifications.get(ident)
            if part is not None:
                raise UsageError(_(MESSAGES["partial"]) % {"ident": ident, "whole": part.qualification})
            raise unknown(
                "qualification or trajectory", ident, [key for kind in kinds for key in catalogue.table(kind)]
            )
        keys.append((kind, ident))
    return keys


def emit_json(content: Any, out: str | os.PathLike[str] | None) -> None:
    """``content`` as indented UTF-8 JSON, to ``out`` atomically or to standard output.

    Keys keep the order they were built in, which is fixed: the same catalogue gives
    the same bytes.
    """
    emit(json.dumps(content, indent=2, ensure_ascii=False) + "\n", out)
