"""``trajectkit import``: an edited allocation matrix back into the trajectory's file.

The sheet's cells are checked against the trajectory and the catalogue, and the
trajectory's file is written anew with the sheet's ``allocations`` and ``clusters``
(``sheets.trajectory_writer``) to ``--out``: never over the trajectory's own file, so
the change can be reviewed and validated first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from trajectkit.atomic import check_output
from trajectkit.commands.common import inputs_of, load_trajectory
from trajectkit.errors import SheetProblems, UsageError
from trajectkit.terminal import note
from trajectkit.translation import _


@dataclass(frozen=True)
class ImportOptions:
    sheet: str
    paths: tuple[str, ...]
    out: str
    trajectory_id: str | None = None
    force: bool = False
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()


def run(options: ImportOptions) -> int:
    from trajectkit.atomic import write_atomic
    from trajectkit.catalogue.files import decode
    from trajectkit.config import load_config
    from trajectkit.sheets.matrix import read_matrix
    from trajectkit.sheets.trajectory_writer import RewriteError, rewrite_trajectory
    from trajectkit.sheets.workbook import read_table

    paths = options.paths or (".",)
    table = read_table(options.sheet)
    config = load_config(options.config_path, options.profile, paths, exclude=options.exclude)
    catalogue, trajectory = load_trajectory(paths, config, options.trajectory_id, _("the import"))
    source = trajectory.source.document.path
    _check_target(Path(options.out), Path(source), Path(options.sheet))
    reads = inputs_of(paths, options.config_path, options.profile, files=[options.sheet])
    target = check_output(options.out, reads, options.force, recognise=False)
    imported = read_matrix(table.rows, trajectory, catalogue, table.sheet)
    if not imported.ok:
        raise SheetProblems(Path(options.sheet).as_posix(), imported.problems, imported.more_problems)
    try:
        # Read as validate read it (BOM, UTF-16); it passed, so it decodes.
        text = decode(Path(source).read_bytes())
        new_text = rewrite_trajectory(text, source, trajectory, imported.allocations, imported.clusters)
    except OSError as error:
        raise UsageError(
            _("%(path)s: cannot read the trajectory file again: %(reason)s")
            % {"path": source, "reason": error.strerror}
        ) from error
    except RewriteError as error:
        raise UsageError(str(error)) from error
    try:
        write_atomic(target, new_text)
    except OSError as error:
        raise UsageError(
            _("%(path)s: cannot write: %(reason)s") % {"path": target, "reason": error.strerror}
        ) from error
    note(
        _(
            "wrote %(target)s: trajectory %(trajectory)s from %(source)s with "
            "%(allocations)d allocations and %(clusters)d clusters from %(sheet)s"
        )
        % {
            "target": target.as_posix(),
            "trajectory": trajectory.id,
            "source": source,
            "allocations": len(imported.allocations),
            "clusters": len(imported.clusters),
            "sheet": options.sheet,
        }
    )
    note(
        _("next: trajectkit validate with %(target)s in place of %(source)s")
        % {"target": target.as_posix(), "source": source}
    )
    return 0


def _check_target(target: Path, source: Path, sheet: Path) -> None:
    """Never write over the trajectory's file or the sheet (said in so many words; the
    other inputs and existing files are ``check_output``'s)."""
    for protected, what in ((source, _("the trajectory's own file")), (sheet, _("the sheet being read"))):
        if _same_file(target, protected):
            raise UsageError(
                _(
                    "%(path)s: that is %(what)s; write to a new file, check it with `trajectkit validate`, then replace the old one"
                )
                % {"path": target, "what": what}
            )


def _same_file(first: Path, second: Path) -> bool:
    """The same file, also through a link; a file that does not exist is no other."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False
