"""One module per command, named after it: an ``Options`` dataclass and ``run(options)``.

The CLI (``trajectkit.cli``) parses the options into the dataclass and calls ``run``,
which returns the exit code; everything a test would want to reach is callable here
without click.
"""
