"""``trajectkit import-competences``: write a ProfessionalQualification from a CSV list or
a CASE framework (``trajectkit.standards.case_import``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trajectkit.errors import SheetProblems, UsageError
from trajectkit.sheets.competences import (
    ID_PATTERN,
    qualification_yaml,
    read_competences,
)
from trajectkit.translation import N_, _

if TYPE_CHECKING:
    from trajectkit.standards.case_import import ImportedQualification


CASE = "case"
MESSAGES = {
    "csv_needs": N_(
        "a CSV list needs --qualification ID, --title TEXT and --level 1-8 (a CASE file, --from case, carries them)"
    ),
    "same_file": N_("%(target)s: that is the file being read; write to a new file"),
    "cannot_write": N_("%(target)s: cannot write: %(reason)s"),
    "invalid_result": N_(
        "%(file)s: the qualification read from it would not be valid (%(message)s); nothing was written"
    ),
    "wrote_case": N_(
        "wrote %(out)s: %(ident)s with %(competences)s competences and %(parts)s partial qualifications from %(file)s"
    ),
}


@dataclass(frozen=True)
class ImportCompetencesOptions:
    source_file: str
    out: str
    source_format: str | None = None  # csv | case; default from the file's suffix
    qualification_id: str | None = None
    title: str | None = None
    level: int | None = None
    force: bool = False


def run(options: ImportCompetencesOptions) -> int:
    """Write the qualification to ``--out``; say how many competences it holds."""
    from trajectkit.terminal import note

    source_format = options.source_format or (CASE if options.source_file.lower().endswith(".json") else "csv")
    if source_format == CASE:
        imported = import_case(
            options.source_file, options.out, options.qualification_id, options.title, options.level, options.force
        )
        note(
            _(MESSAGES["wrote_case"])
            % {
                "out": options.out,
                "ident": imported.id,
                "competences": len(imported.competences),
                "parts": len(imported.partial_qualifications),
                "file": options.source_file,
            }
        )
        return 0
    if options.qualification_id is None or options.title is None or options.level is None:
        raise UsageError(_(MESSAGES["csv_needs"]))
    count = import_competences(
        options.source_file, options.qualification_id, options.title, options.level, options.out, options.force
    )
    note(
        _("wrote %(out)s: %(ident)s with %(count)s competences")
        % {"out": options.out, "ident": options.qualification_id, "count": count}
    )
    return 0


def import_competences(
    csv_path: str | Path,
    qualification: str,
    title: str,
    level: int,
    out: str | Path,
    force: bool = False,
) -> int:
    """Write the qualification to ``out``; the number of competences written."""
    from trajectkit.atomic import write_atomic
    from trajectkit.sheets.workbook import read_table

    if not ID_PATTERN.match(qualification):
        raise UsageError(
            _("--qualification '%(id)s' is not an id (letters, digits, '-', '_' and '.', no spaces)")
            % {"id": qualification}
        )
    if not title.strip():
        raise UsageError(_("--title must not be empty"))
    source = Path(csv_path)
    if source.suffix.lower() != ".csv":
        raise UsageError(_("%(path)s: give a .csv file (id,title[,knowledge,skills])") % {"path": source})
    target = _target(source, out, force)
    table = read_table(source)
    result = read_competences(table.rows, qualification)
    if result.problems:
        raise SheetProblems(source.as_posix(), result.problems, result.more_problems)
    text = qualification_yaml(qualification, title.strip(), level, result.competences, source.as_posix())
    try:
        write_atomic(target, text)
    except OSError as error:
        raise UsageError(
            _("%(path)s: cannot write: %(reason)s") % {"path": target, "reason": error.strerror}
        ) from error
    return len(result.competences)


def import_case(
    file: str | Path,
    out: str | Path,
    qualification: str | None,
    title: str | None,
    level: int | None,
    force: bool = False,
) -> ImportedQualification:
    """Write the professional qualification of a CASE file (``standards.case_import``) to ``out``."""
    from trajectkit.atomic import write_atomic
    from trajectkit.standards.case_import import Overrides, choose_package, map_package
    from trajectkit.standards.json_input import read_json

    source = Path(file)
    shown = source.as_posix()
    target = _target(source, out, force)
    package = choose_package(read_json(source), shown, qualification)
    imported = map_package(package, shown, Overrides(qualification, title, level))
    origin = f"{source.name} (CASE CFDocument {imported.document})"
    text = qualification_yaml(
        imported.id, imported.title, imported.level, imported.competences, origin, imported.partial_qualifications
    )
    _check_written(text, shown)
    try:
        write_atomic(target, text)
    except OSError as error:
        raise UsageError(_(MESSAGES["cannot_write"]) % {"target": target, "reason": error.strerror}) from error
    return imported


def _check_written(text: str, shown: str) -> None:
    """The YAML about to be written must pass its schema, as ``validate`` will check it."""
    from trajectkit.catalogue.loading import parse_bytes
    from trajectkit.catalogue.schema import check_document

    documents, findings = parse_bytes(text.encode("utf-8"), shown)
    findings = findings or [finding for document in documents for finding in check_document(document)]
    if findings:
        raise UsageError(_(MESSAGES["invalid_result"]) % {"file": shown, "message": findings[0].message})


def _target(source: Path, out: str | Path, force: bool) -> Path:
    """``--out``: never the file being read; an existing file only with ``--force``, since
    the qualification written is a catalogue file people go on to edit."""
    from trajectkit.atomic import Inputs, check_output

    try:
        same = os.path.samefile(source, out)
    except (OSError, ValueError):
        same = False
    if same:
        raise UsageError(_(MESSAGES["same_file"]) % {"target": out})
    return check_output(out, Inputs(lambda: [source]), force, recognise=False)
