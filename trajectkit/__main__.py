"""``python -m trajectkit`` and the installed ``trajectkit`` command."""

from __future__ import annotations

import sys

from trajectkit import INTERRUPTED, INTERRUPTED_EXIT


def run() -> None:
    """Run the command line. Ctrl-C while the libraries are still being imported,
    before click is there to catch it, also ends with one line and 130, never a
    traceback."""
    try:
        from trajectkit.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        sys.exit(INTERRUPTED_EXIT)


if __name__ == "__main__":
    run()
