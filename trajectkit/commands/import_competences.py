"""``trajectkit import-competences``: write a ProfessionalQualification from a CSV list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trajectkit.errors import SheetProblems, UsageError
from trajectkit.sheets.competences import ID_PATTERN, qualification_yaml, read_competences


@dataclass(frozen=True)
class ImportCompetencesOptions:
    csv_file: str
    qualification_id: str
    title: str
    level: int
    out: str
    force: bool = False


def run(options: ImportCompetencesOptions) -> int:
    """Write the qualification to ``--out``; say how many competences it holds."""
    import click

    count = import_competences(
        options.csv_file, options.qualification_id, options.title, options.level, options.out, options.force
    )
    click.echo(f"wrote {options.out}: {options.qualification_id} with {count} competences")
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
            f"--qualification '{qualification}' is not an id (letters, digits, '-', '_' and '.', no spaces)"
        )
    if not title.strip():
        raise UsageError("--title must not be empty")
    source = Path(csv_path)
    target = Path(out)
    if source.suffix.lower() != ".csv":
        raise UsageError(f"{source}: give a .csv file (id,title[,knowledge,skills])")
    if target.exists() and (not force or target.resolve() == source.resolve()):
        raise UsageError(f"{target}: already exists; choose another --out or add --force to replace it")
    table = read_table(source)
    result = read_competences(table.rows, qualification)
    if result.problems:
        raise SheetProblems(source.as_posix(), result.problems)
    text = qualification_yaml(qualification, title.strip(), level, result.competences, source.as_posix())
    try:
        write_atomic(target, text)
    except OSError as error:
        raise UsageError(f"{target}: cannot write: {error.strerror}") from error
    return len(result.competences)
