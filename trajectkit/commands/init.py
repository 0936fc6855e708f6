"""``trajectkit init DIR``: a new catalogue to start from, one commented file per kind.

The files are copied from ``templates/init/`` (shipped in the package), and the JSON
Schemas go to ``DIR/schemas/`` so the ``# yaml-language-server`` line at the top of
each file gives completion in an editor straight away. Nothing that exists is ever
overwritten: if any file to be written is already there, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trajectkit.atomic import write_atomic
from trajectkit.errors import UsageError
from trajectkit.resources import templates_dir

SCHEMAS_FOLDER = "schemas"


@dataclass(frozen=True)
class ScaffoldFile:
    """A file ``init`` writes: where it goes (relative to DIR) and where it comes from."""

    target: Path
    source: Path


def init_templates() -> Path:
    return templates_dir() / "init"


def scaffold_files() -> list[ScaffoldFile]:
    """The template files and the schemas, in a fixed order."""
    from trajectkit.commands.schema import schema_files

    root = init_templates()
    files = [
        ScaffoldFile(path.relative_to(root), path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    ]
    files += [ScaffoldFile(Path(SCHEMAS_FOLDER, schema.file_name), schema.path) for schema in schema_files()]
    return files


def init_catalogue(directory: str | Path) -> list[Path]:
    """Write the starter catalogue into ``directory``; the paths written, in order."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    files = scaffold_files()
    existing = [folder / item.target for item in files if (folder / item.target).exists()]
    if existing:
        shown = "\n".join(f"  {path.as_posix()}" for path in existing)
        raise UsageError(
            f"{folder.as_posix()} already has {len(existing)} of the files `init` writes; "
            f"nothing was written (move them away or choose another folder):\n{shown}"
        )
    written = []
    try:
        for item in files:
            target = folder / item.target
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, item.source.read_bytes())
            written.append(target)
    except OSError as error:
        raise UsageError(f"{folder.as_posix()}: cannot write the catalogue: {error.strerror}") from error
    return written


@dataclass(frozen=True)
class InitOptions:
    directory: str


def run(options: InitOptions) -> int:
    import click

    for path in init_catalogue(options.directory):
        click.echo(f"wrote {path.as_posix()}")
    click.echo(f"next: cd {options.directory} && trajectkit validate .")
    return 0
