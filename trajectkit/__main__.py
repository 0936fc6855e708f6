"""``python -m trajectkit`` and the installed ``trajectkit`` command."""

from __future__ import annotations

import os
import sys

from trajectkit import INTERRUPTED, INTERRUPTED_EXIT, __version__

#: What ``trajectkit --version`` prints, as click's version option words it.
VERSION_LINE = f"trajectkit, version {__version__}"


def run() -> None:
    """Run the command line. Ctrl-C while the libraries are still being imported,
    before click is there to catch it, also ends with one line and 130, never a
    traceback.

    ``--version`` alone is answered before click is imported: importing click costs
    three times the interpreter's own start-up, and scripts ask for the version often.
    So is ``--help``, where its page was laid out ahead (``trajectkit.help_pages``).
    """
    if sys.argv[1:] in (["--version"], ["-V"]):
        try:
            sys.stdout.write(VERSION_LINE + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away (`| head -c0`): stop quietly, as click does
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # closed at exit
        return
    try:
        from trajectkit import help_pages

        if help_pages.answer(sys.argv[1:]):
            return
        from trajectkit.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        sys.exit(INTERRUPTED_EXIT)


if __name__ == "__main__":
    run()
