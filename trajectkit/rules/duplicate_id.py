"""Two documents, competences or local items share an id (both places are named).

What it checks: document ids are unique per kind across the whole catalogue;
competence ids are unique across all professional qualifications (and do not clash
with general-education goals); partial qualifications have unique ids; within a
trajectory, learning places, phases, clusters, evaluation moments and allocated
competences appear once; within a workplace, mentor ids appear once. A
general-education goal may be listed by several educational qualifications.

Why it matters: references name ids; with two targets, trajectkit (and the reader)
cannot know which one is meant.

Example that fails::

    competences:
      - id: bkc0051279
        title: Werkt in teamverband
      - id: bkc0051279
        title: Werkt veilig

Example that passes::

    competences:
      - id: bkc0051279
        title: Werkt in teamverband
      - id: bkc0051280
        title: Werkt veilig

How to fix: give one of the two another id, or remove the copy.

Options: none.
"""

from collections.abc import Iterator

from trajectkit.problems import Finding, Level
from trajectkit.rules.context import RuleContext

ID = "duplicate-id"
DEFAULT_LEVEL = Level.ERROR


def check(context: RuleContext) -> Iterator[Finding]:
    # The catalogue finds duplicates while it indexes ids: it has to decide which wins.
    yield from context.catalogue.duplicates
