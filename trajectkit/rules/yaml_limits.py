"""Too many aliases, too deep or too large: refused before anything is expanded.

What it checks: a file is at most `limits.max_file_bytes` bytes (16 MiB), nests at
most `limits.max_depth` levels (64), uses at most `limits.max_aliases` aliases
(1,000) and expands to at most `limits.max_nodes` values (1,000,000) per document.
Files are measured while they are read, before any alias is expanded.

Why it matters: a few lines of aliases ("billion laughs") can expand to gigabytes;
a CI job that checks pull requests must not be stopped by one file.

Example that fails::

    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]      # over a million values

Example that passes::

    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]      # 1,111 values: well within the limits

How to fix: write the data out, split very large files, or raise the limit in
`trajectkit.yaml` (`limits: {max_file_bytes: 67108864}`) if the file is real.

Options: `limits.max_file_bytes`, `limits.max_depth`, `limits.max_aliases`,
`limits.max_nodes` in `trajectkit.yaml`. A load rule: always an error.
"""

from trajectkit.problems import Level

ID = "yaml-limits"
DEFAULT_LEVEL = Level.ERROR
LOAD = True
