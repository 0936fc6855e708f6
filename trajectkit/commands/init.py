"""``trajectkit init DIR``: a new catalogue to start from, one commented file per kind.

The files are copied from ``templates/init/`` (shipped in the package), and the JSON
Schemas go to ``DIR/schemas/`` so the ``# yaml-language-server`` line at the top of
each file gives completion in an editor straight away. Nothing that exists is ever
overwritten: if any file to be written is already there, nothing is written. The files
appear all at once (``trajectkit.atomic.atomic_tree``): an interrupted ``init`` leaves
none of them, and a run after one stopped by an older version completes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from trajectkit.atomic import atomic_tree, check_folder
from trajectkit.errors import UsageError
from trajectkit.resources import templates_dir
from trajectkit.translation import _

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
    """Write the starter catalogue into ``directory``, all of it or nothing; the paths
    written, in order.

    A file already there with the content ``init`` would write counts as written
    before (an earlier run that was stopped); any other file in the way, a link among
    the folders, and nothing is written.
    """
    folder = check_folder(directory, "DIRECTORY")
    missing: list[tuple[ScaffoldFile, bytes]] = []
    in_the_way: list[Path] = []
    for item in scaffold_files():
        data = item.source.read_bytes()
        state = _state(folder, item.target, data)
        if state == "missing":
            missing.append((item, data))
        elif state == "in the way":
            in_the_way.append(folder / item.target)
    if in_the_way:
        shown = "\n".join(f"  {path.as_posix()}" for path in in_the_way)
        raise UsageError(
            _(
                "%(folder)s already has %(count)d of the files `init` writes; "
                "nothing was written (move them away or choose another folder):\n%(files)s"
            )
            % {"folder": folder.as_posix(), "count": len(in_the_way), "files": shown}
        )
    try:
        with atomic_tree(folder) as staging:
            for item, data in missing:
                staged = staging / item.target
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_bytes(data)
    except OSError as error:
        raise UsageError(
            _("%(folder)s: cannot write the catalogue: %(reason)s")
            % {"folder": folder.as_posix(), "reason": error.strerror}
        ) from error
    return [folder / item.target for item, _ in missing]


def _state(folder: Path, target: Path, data: bytes) -> str:
    """``missing``, ``there`` (the same bytes) or ``in the way`` (anything else,
    or a folder on the way that is a link or a file)."""
    for parent in reversed(target.parents[:-1]):
        place = folder / parent
        if place.is_symlink() or (os.path.lexists(place) and not place.is_dir()):
            return "in the way"
    path = folder / target
    if not os.path.lexists(path):
        return "missing"
    try:
        same = not path.is_symlink() and path.is_file() and path.read_bytes() == data
    except OSError:
        same = False
    return "there" if same else "in the way"


@dataclass(frozen=True)
class InitOptions:
    directory: str


def run(options: InitOptions) -> int:
    from trajectkit.terminal import note

    for path in init_catalogue(options.directory):
        note(_("wrote %(path)s") % {"path": path.as_posix()})
    enter = "" if Path(options.directory) == Path(".") else f"cd {options.directory} && "
    note(_("next: %(command)s") % {"command": f"{enter}trajectkit validate ."})
    return 0
