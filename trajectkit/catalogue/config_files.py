"""Where a catalogue's configuration is: the nearest ``trajectkit.yaml``.

Kept apart from the rest of file reading, with nothing but the standard library, so
that ``--help`` can look for a configuration without importing what reading needs.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_NAMES = ("trajectkit.yaml", "trajectkit.yml")


def nearest_config(start: Path) -> Path | None:
    """The first ``trajectkit.yaml`` (or ``.yml``) in ``start`` or one of its parents, up to
    the repository root (a folder holding ``.git``) or the filesystem root."""
    folder = Path(os.path.normpath(start))
    while True:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
