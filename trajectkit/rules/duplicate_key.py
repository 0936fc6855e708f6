"""The same key twice in one mapping (both lines are named).

What it checks: no mapping repeats a key. The first value stands; the second is
reported at its own line, with the line of the first.

Why it matters: YAML parsers silently keep the last value, so a copied block can
quietly overwrite a title or a list of learning places.

Example that fails::

    - competence: bkc0051290
      at: [school, werkplek]
      at: [werkplek]
      assessed_by: [school, werkplek]

Example that passes::

    - competence: bkc0051290
      at: [school, werkplek]
      assessed_by: [school, werkplek]

How to fix: keep one of the two keys.

Options: none. A load rule: always an error.
"""

from trajectkit.problems import Level

ID = "duplicate-key"
DEFAULT_LEVEL = Level.ERROR
LOAD = True
