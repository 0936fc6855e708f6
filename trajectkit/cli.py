"""The ``trajectkit`` command: parses options and calls one function per command.

Exit codes: 0 no errors, 1 problems found (errors, or warnings with ``--strict``),
2 usage error, unreadable input path or broken configuration.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from trajectkit import __version__
from trajectkit.reporters import REPORTERS  # light: the reporters import no heavy library

FORMATS = tuple(REPORTERS)


def _config_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--config`` and ``--profile``, shared by every command that reads a catalogue."""
    command = click.option(
        "--profile",
        metavar="NAME|FILE",
        help="Jurisdiction profile: built-in name (flanders, netherlands-bbl) or a profile file. "
        "Overrides the one in trajectkit.yaml.",
    )(command)
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Configuration file (default: trajectkit.yaml in the working directory, if any).",
    )(command)


def _on_option(what: str) -> Callable[..., Any]:
    """``--on DATE``: the day a command answers for; never the clock."""
    return click.option(
        "--on",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help=f"{what} (default: `today` in trajectkit.yaml, else SOURCE_DATE_EPOCH).",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="trajectkit")
def main() -> None:
    """Dual-learning trajectories as data: validate catalogues, render learning plans.

    Exit codes: 0 clean, 1 problems found, 2 usage or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*FORMATS, "auto"]),
    default="auto",
    show_default=True,
    help="Report format; auto is github under GitHub Actions, else text.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of standard output.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check everything again; neither read nor write the cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Cache folder (default: $TRAJECTKIT_CACHE_DIR, else .trajectkit-cache in the working directory).",
)
@_config_options
def validate(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    strict: bool,
    no_cache: bool,
    cache_dir: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Check catalogue files and directories (searched recursively for *.yaml, *.yml).

    Every problem is reported at once, at the file, line and column of the YAML node.
    A run on unchanged files, configuration, profile and trajectkit reuses the stored
    report. Under GitHub Actions, a run that prints its report also appends every
    problem as a Markdown table to $GITHUB_STEP_SUMMARY.
    """
    from trajectkit.commands import run_validate

    sys.exit(run_validate(paths, output_format, output, strict, config_path, profile, cache_dir, not no_cache))


@main.command()
@click.argument("rule_id", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the rule reference with every rule's documentation (docs/rules.md).",
)
@_config_options
def rules(rule_id: str | None, output_format: str, config_path: str | None, profile: str | None) -> None:
    """List every rule with its level, or show the documentation of one rule."""
    from trajectkit.commands import run_rules

    run_rules(rule_id, config_path, profile, output_format)



@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--learner", "learners", multiple=True, metavar="ID", help="Learner to plan (repeatable).")
@click.option("--all", "all_learners", is_flag=True, help="Plan every learner in the catalogue.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for the plans, one <learner-id>.pdf each.")
@click.option("--format", "output_format", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True, help="Output format.")
@click.option("--lang", "language", type=click.Choice(["nl", "en"]), help="Language of the plans (default: each learner's).")
@click.option("--templates", type=click.Path(file_okay=False), help="Templates folder to use instead of the shipped one (a copy you edited).")
@click.option("--jobs", type=click.IntRange(min=1), help="Plans rendered in parallel (default: the number of CPUs).")
@_config_options
def plan(
    paths: tuple[str, ...],
    learners: tuple[str, ...],
    all_learners: bool,
    out: str,
    output_format: str,
    language: str | None,
    templates: str | None,
    jobs: int | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Render individual learning plans (opleidingsplannen) from the catalogue.

    One file per learner in --out. A learner whose documents have validation errors,
    or whose workplace cannot offer a competence that cannot be moved, gets no plan;
    the others are still rendered. Exit codes: 0 all written, 1 some failed, 2 usage error.
    """
    from trajectkit.plans import PlanOptions, run_plan

    options = PlanOptions(paths, out, learners, all_learners, output_format, language, templates, jobs, config_path, profile)
    sys.exit(run_plan(options))


_OUT = click.option("--out", type=click.Path(dir_okay=False), help="Write to this file (atomically) instead of standard output; required for pdf.")
_OUT_TEXT = click.option("--out", type=click.Path(dir_okay=False), help="Write to this file (atomically) instead of standard output.")
_TEMPLATES = click.option(
    "--templates", type=click.Path(exists=True, file_okay=False), help="Templates folder to use instead of the shipped one (for html and pdf)."
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--trajectory", "trajectory_id", required=True, metavar="ID", help="Standard trajectory to map.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "html", "pdf", "csv", "json", "dot", "graphml"]),
    default="text",
    show_default=True,
    help="text/csv/json: the matrix; html/pdf: a heatmap; dot/graphml: the trajectory's graph.",
)
@_OUT
@click.option(
    "--flag-gap",
    "gap",
    type=click.IntRange(1, 100),
    default=25,
    show_default=True,
    metavar="POINTS",
    help="Flag a learning place whose share of the hours and share of the competences differ by this many percentage points.",
)
@_TEMPLATES
@_config_options
def coverage(
    paths: tuple[str, ...],
    trajectory_id: str,
    output_format: str,
    out: str | None,
    gap: int,
    templates: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Map a trajectory's competences onto its learning places (learn/assess, phase).

    Per learning place: how many competences are learned there and what share of the
    weekly hours it takes. Exit codes: 0 written, 1 the catalogue has errors that would
    make the map wrong, 2 usage error.
    """
    from trajectkit.insight_commands import run_coverage

    sys.exit(run_coverage(paths, trajectory_id, output_format, out, gap / 100, templates, config_path, profile))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--learner", "learner_id", required=True, metavar="ID", help="Learner whose certificates to show.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "pdf"]), default="text", show_default=True, help="Output format.")
@_OUT
@_TEMPLATES
@_config_options
def attest(
    paths: tuple[str, ...],
    learner_id: str,
    output_format: str,
    out: str | None,
    templates: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Certificates a learner has earned (attained + prior learning), on the profile's ladder.

    Also lists, for the next rung up, the competences still missing. Exit codes: 0
    written, 1 the catalogue has errors that would make the answer wrong, 2 usage error.
    """
    from trajectkit.insight_commands import run_attest

    sys.exit(run_attest(paths, learner_id, output_format, out, templates, config_path, profile))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--without", "without", multiple=True, metavar="WORKPLACE_ID", help="A workplace that falls away (repeatable).")
@click.option(
    "--without-place", "without_places", multiple=True, metavar="PLACE_ID", help="A learning place of the trajectories that falls away, e.g. a training centre (repeatable)."
)
@_on_option("Date of the scenario")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@_OUT_TEXT
@_config_options
def scenario(
    paths: tuple[str, ...],
    without: tuple[str, ...],
    without_places: tuple[str, ...],
    on: Any,
    output_format: str,
    out: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """What if a workplace or a learning place falls away: who is affected, and where can they go?

    Exit codes: 0 every affected learner has another workplace and no competence loses
    its only learning place, 1 otherwise (or the catalogue has errors that would make
    the answer wrong), 2 usage error.
    """
    from trajectkit.insight_commands import run_scenario

    day = on.date() if on is not None else None
    sys.exit(run_scenario(paths, without, without_places, day, output_format, out, config_path, profile))


@main.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "--catalogue",
    "catalogues",
    multiple=True,
    type=click.Path(),
    metavar="PATH",
    help="Also look for learners here (repeatable); NEW is always searched.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="Output format.")
@_OUT_TEXT
@_config_options
def diff(
    old: str,
    new: str,
    catalogues: tuple[str, ...],
    output_format: str,
    out: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """What changed between two versions (files or folders) of trajectories and qualifications.

    Exit codes: 0 nothing changed or no learner is affected, 1 a change affects learners
    in NEW or --catalogue (so CI can ask for review) or the files have errors, 2 usage error.
    """
    from trajectkit.insight_commands import run_diff

    sys.exit(run_diff(old, new, catalogues, output_format, out, config_path, profile))


@main.command()
@click.argument("kind", required=False)
@click.option("--out", type=click.Path(file_okay=False), help="Write the schema file(s) into this folder instead of printing.")
def schema(kind: str | None, out: str | None) -> None:
    """Print or export the JSON Schemas: one KIND (such as StandardTrajectory) or all.

    Without KIND and --out, lists the kinds. For completion and errors as you type in
    VS Code (YAML extension) and other editors, export the schemas and start a file with:
    `# yaml-language-server: $schema=../schemas/standard-trajectory.schema.json`
    """
    from trajectkit.schema_export import export_schemas, kinds_table, schema_text

    if out is not None:
        for path in export_schemas(kind, out):
            click.echo(f"wrote {path.as_posix()}")
    elif kind is not None:
        click.echo(schema_text(kind), nl=False)
    else:
        click.echo(kinds_table(), nl=False)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Start a catalogue in DIRECTORY: one commented example file per kind, a
    trajectkit.yaml and the JSON Schemas, which validates clean. Existing files are
    never overwritten: if any is in the way, nothing is written."""
    from trajectkit.scaffold import init_catalogue

    written = init_catalogue(directory)
    for path in written:
        click.echo(f"wrote {path.as_posix()}")
    click.echo(f"next: cd {directory} && trajectkit validate .")


@main.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--trajectory", "trajectory_id", metavar="ID", help="Trajectory to export (may be left out when the catalogue has one).")
@click.option("--format", "file_format", type=click.Choice(["xlsx", "csv"]), help="File format (default: from the --out suffix).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The spreadsheet to write (replaced if it exists).")
@_config_options
def export_command(
    paths: tuple[str, ...],
    trajectory_id: str | None,
    file_format: str | None,
    out: str,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Write a trajectory's allocation matrix as a spreadsheet: one row per competence
    (id, title, qualification, cluster, phase, one column per learning place with
    L = learned, A = assessed, LA = both, and the prerequisites)."""
    from trajectkit.commands import configure
    from trajectkit.exchange import export_matrix

    result = export_matrix(paths, configure(config_path, profile), trajectory_id, out, file_format)
    click.echo(f"wrote {result.path.as_posix()}: {result.rows} competences of {result.trajectory} ({result.file_format})")


@main.command("import")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--trajectory", "trajectory_id", metavar="ID", help="Trajectory the sheet belongs to (may be left out when the catalogue has one).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="New YAML file: the trajectory's file with the sheet's allocations and clusters.")
@click.option("--force", is_flag=True, help="Replace --out if it exists (never the trajectory's own file).")
@_config_options
def import_command(
    sheet: str,
    paths: tuple[str, ...],
    trajectory_id: str | None,
    out: str,
    force: bool,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Read an edited allocation matrix (.xlsx or .csv) back into the trajectory of the
    catalogue PATHS (default: the working directory). Every bad cell is reported by
    sheet, row and column (exit 1, nothing written)."""
    from trajectkit.commands import configure
    from trajectkit.exchange import import_matrix

    result = import_matrix(sheet, paths or (".",), configure(config_path, profile), trajectory_id, out, force)
    click.echo(
        f"wrote {result.path.as_posix()}: trajectory {result.trajectory} from {result.source} with "
        f"{result.allocations} allocations and {result.clusters} clusters from {sheet}"
    )
    click.echo(f"next: trajectkit validate with {result.path.as_posix()} in place of {result.source}")


@main.command("import-competences")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.option("--qualification", "qualification_id", required=True, metavar="ID", help="Id of the professional qualification, e.g. BK-0130-5.")
@click.option("--title", required=True, help="Title of the qualification, e.g. Stukadoor.")
@click.option("--level", required=True, type=click.IntRange(1, 8), help="Qualification level, 1 to 8.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The YAML file to write.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def import_competences_command(csv_file: str, qualification_id: str, title: str, level: int, out: str, force: bool) -> None:
    """Write a ProfessionalQualification from a CSV list of competences with the columns
    id,title[,knowledge,skills] (several knowledge or skills items separated by ';')."""
    from trajectkit.competence_import import import_competences

    count = import_competences(csv_file, qualification_id, title, level, out, force)
    click.echo(f"wrote {out}: {qualification_id} with {count} competences")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_on_option("Date the places must be recognised and free on")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True, help="Output format.")
@_OUT_TEXT
@click.option("--max-distance-km", type=click.FloatRange(min=0), metavar="KM", help="Leave out workplaces farther than this from the learner's home.")
@click.option("--patch", type=click.Path(dir_okay=False), help="Also write the placements as a YAML patch to review (learner files are never changed).")
@click.option(
    "--candidate-places",
    type=click.IntRange(min=0),
    default=16,
    show_default=True,
    metavar="N",
    help="Give the solver each learner's nearest workplaces holding N free places (exact when a trajectory "
    "has at most N learners to place); 0 gives it every workplace: exact, slower.",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Processes (default: one per CPU for 2,000 learners or more, else 1).")
@_config_options
def match(
    paths: tuple[str, ...],
    on: Any,
    output_format: str,
    out: str | None,
    max_distance_km: float | None,
    patch: str | None,
    candidate_places: int,
    jobs: int | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Propose a workplace for every learner without one, nearest first, as a min-cost flow.

    A workplace qualifies when it holds a recognition for the learner's trajectory valid
    on the date, has a free place, a mentor who meets the profile, and can offer what the
    trajectory teaches only at the workplace. Most learners placed first, then the
    shortest total distance. Exit codes: 0 every learner placed, 1 some left unmatched
    (or the catalogue has errors that would make the answer wrong), 2 usage error.
    """
    from trajectkit.matching_report import run_match

    day = on.date() if on is not None else None
    sys.exit(run_match(paths, day, output_format, out, max_distance_km, patch, candidate_places, jobs, config_path, profile))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_on_option("Date of the figures")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "html", "pdf"]),
    default="text",
    show_default=True,
    help="csv: one row per trajectory; html/pdf: a one-page dashboard with charts.",
)
@_OUT
@_TEMPLATES
@_config_options
def stats(
    paths: tuple[str, ...],
    on: Any,
    output_format: str,
    out: str | None,
    templates: str | None,
    config_path: str | None,
    profile: str | None,
) -> None:
    """Figures for a data-driven offer: trajectories developed, organised and with learners
    per level and sector, places recognised and taken, learners per trajectory, mentors
    without training and recognitions ending within six months.

    Exit codes: 0 written, 1 the catalogue has errors that would make the figures wrong,
    2 usage error.
    """
    from trajectkit.offer_report import run_stats

    day = on.date() if on is not None else None
    sys.exit(run_stats(paths, day, output_format, out, templates, config_path, profile))


if __name__ == "__main__":  # pragma: no cover
    main()
