"""``trajectkit scenario``: what if a workplace or a learning place falls away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from trajectkit.commands.common import destination, emit, inputs_of, render, unknown
from trajectkit.errors import UsageError
from trajectkit.translation import _


@dataclass(frozen=True)
class ScenarioOptions:
    paths: tuple[str, ...]
    without: tuple[str, ...] = ()
    without_places: tuple[str, ...] = ()
    on: dt.date | None = None
    output_format: str = "text"
    out: str | None = None
    force: bool = False
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    language: str | None = None


def run(options: ScenarioOptions) -> int:
    """Exit 1 when an affected learner has nowhere to go or a competence loses its only place."""
    from trajectkit.analysis.scenario import run_scenario
    from trajectkit.config import load_config
    from trajectkit.dates import reference_date
    from trajectkit.formats.scenario import FORMATS
    from trajectkit.validation import refusal

    if not options.without and not options.without_places:
        raise UsageError(_("say what falls away: --without WORKPLACE_ID and/or --without-place PLACE_ID"))
    out = destination(options.out, inputs_of(options.paths, options.config_path, options.profile), options.force)
    config = load_config(
        options.config_path, options.profile, options.paths, exclude=options.exclude, language=options.language
    )
    day = reference_date(options.on, config)
    catalogue = refusal.load_catalogue_for(
        options.paths, config, _("the scenario"), lambda found: refusal.for_scenario(found, options.without)
    )
    for ident in options.without:
        if ident not in catalogue.workplaces:
            raise unknown("workplace", ident, list(catalogue.workplaces))
    places = sorted(
        {place.id for trajectory in catalogue.trajectories.values() for place in trajectory.learning_places}
    )
    for ident in options.without_places:
        if ident not in places:
            raise unknown("learning place", ident, places)
    scenario = run_scenario(catalogue, day, config.profile, options.without, options.without_places)
    emit(render(FORMATS, options.output_format, scenario), out)
    return 1 if scenario.unsolved else 0
