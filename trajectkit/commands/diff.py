"""``trajectkit diff``: what changed between two versions of trajectories and qualifications."""

from __future__ import annotations

from dataclasses import dataclass

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.commands.common import destination, emit, inputs_of, render
from trajectkit.errors import UsageError
from trajectkit.translation import _


@dataclass(frozen=True)
class DiffOptions:
    old: str
    new: str
    catalogues: tuple[str, ...] = ()
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: DiffOptions) -> int:
    """Exit 1 when something changed and a learner follows a changed trajectory, or
    when a learner's plan changed and no new plan version records it."""
    from trajectkit.analysis.diff import compare
    from trajectkit.config import load_config
    from trajectkit.formats.diff import FORMATS
    from trajectkit.validation import refusal

    reads = inputs_of((options.old, options.new, *options.catalogues), options.config_path, options.profile)
    out = destination(options.out, reads, options.force)
    config = load_config(
        options.config_path,
        options.profile,
        (options.old, options.new, *options.catalogues),
        exclude=options.exclude,
        language=options.language,
    )

    def load(path: str, what: str, learners: bool) -> Catalogue:
        return refusal.load_catalogue_for([path], config, what, lambda found: refusal.for_diff(found, learners))

    before = load(options.old, "the diff (OLD side)", learners=False)
    after = load(options.new, "the diff (NEW side)", learners=True)
    extra = [load(path, f"the learners in {path}", learners=True) for path in options.catalogues]
    designs = any(side.table(kind) for side in (before, after) for kind in refusal.DIFF_KINDS)
    if not designs and not before.learners.keys() & after.learners.keys():
        raise UsageError(
            _(
                "nothing to compare: neither %(old)s nor %(new)s holds a standard trajectory or "
                "qualification, and they hold no learner in common"
            )
            % {"old": options.old, "new": options.new}
        )
    result = compare(before, after, extra)
    emit(render(FORMATS, options.output_format, result), out)
    return 1 if result.affects_learners or result.unrecorded else 0
