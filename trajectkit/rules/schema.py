"""The document breaks the JSON Schema of its kind (unknown key, wrong type, missing field).

What it checks: every document has a known `kind:` and follows the schema for it
(`schemas/*.schema.json`, draft 2020-12): required keys present, values of the
right type and form (ids, ISO dates, enumerations), and no unknown keys. Keys that
start with `x-` are free for your own notes. `null` counts as leaving a key out.
An empty file is reported here too.

Why it matters: a typo such as `assesed_by` must not pass silently and leave a
competence without an assessor.

Example that fails::

    kind: StandardTrajectory
    id: OT-00214
    titel: Afwerking bouw duaal      # unknown key: did you mean 'title'?

Example that passes::

    kind: StandardTrajectory
    id: OT-00214
    title: Afwerking bouw duaal

How to fix: follow the message; `trajectkit schema` exports the schemas for your
editor, which then completes keys as you type.

Options: none. A load rule: always an error.
"""

from trajectkit.problems import Level

ID = "schema"
DEFAULT_LEVEL = Level.ERROR
LOAD = True
