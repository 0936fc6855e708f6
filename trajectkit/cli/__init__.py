"""The ``trajectkit`` command: parses options and calls one function per command.

Each command's body builds the ``Options`` dataclass of ``trajectkit.commands.<name>``
from the parsed options and exits with what its ``run`` returns. The command modules
are imported only when their command runs, so ``--help`` and ``--version`` stay quick.

Exit codes: 0 no errors, 1 problems found (errors, or warnings with ``--strict``),
2 usage error, unreadable input path or broken configuration, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from typing import IO, Any, NoReturn, cast

import click

from trajectkit import INTERRUPTED, INTERRUPTED_EXIT, __version__
from trajectkit.cli.language import TranslatedHelp, install
from trajectkit.cli.options import (
    TrajectkitCommand,
    base_uri_option,
    config_options,
    delimiter_option,
    format_option,
    jobs_option,
    lang_option,
    on_option,
    out_option,
    paths_argument,
    quiet_option,
    templates_option,
    text_lang_option,
)
from trajectkit.reporters import REPORTER_NAMES  # names only: a format's module is imported when used
from trajectkit.terminal import EscapingStream, set_quiet
from trajectkit.translation import set_language, set_language_later, terminal_language

install()  # click's own words ("Usage:", "No such option") in the run's language


def _configured_language() -> str | None:
    """The working directory's configured language, read only when a message is shown
    and only when there is a configuration: `--help` stays light without one."""
    from pathlib import Path

    from trajectkit.catalogue.config_files import nearest_config

    if nearest_config(Path.cwd()) is None:
        return None
    from trajectkit.config import configured_language

    found = configured_language()
    return terminal_language(found) if found else None


class Trajectkit(TranslatedHelp, click.Group):
    """The command group, run so that what it prints cannot steer the terminal.

    Click's own handling, with two changes: an error message is escaped
    (``trajectkit.terminal``) before it is shown, since it may quote a value or a file
    name from the catalogue; and Ctrl-C exits with 130 after one line, as shells
    expect, instead of click's "Aborted!" and 1. Files are written atomically
    (``trajectkit.atomic``), so an interrupt leaves nothing half-written.
    """

    command_class = TrajectkitCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(quiet_option())

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        set_quiet(False)
        set_language(terminal_language())  # TRAJECTKIT_LANG's or the locale's; a configured language: takes over
        set_language_later(_configured_language)  # for --help and usage errors; a command's load_config decides
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            error.show(cast(IO[str], EscapingStream(sys.stderr)))
            sys.exit(error.exit_code)
        except (click.Abort, KeyboardInterrupt):
            interrupted()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            # The reader went away (`| head`): stop quietly, as click does.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # closed at exit
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def interrupted() -> NoReturn:
    """Ctrl-C: one line on standard error, exit 130 (click already closed the ``^C`` line)."""
    click.echo(INTERRUPTED, err=True)
    sys.exit(INTERRUPTED_EXIT)


@click.group(cls=Trajectkit, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="trajectkit")
def main() -> None:
    """Dual-learning trajectories as data: validate catalogues, render learning plans.

    Exit codes: 0 clean, 1 problems found, 2 usage or input error, 130 interrupted.
    """


@main.command()
@paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice([*REPORTER_NAMES, "auto"]),
    default="auto",
    show_default=True,
    help="Report format; auto is github under GitHub Actions, else text.",
)
@out_option("Write the report to this file (atomically) instead of standard output.", alias="--output")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check everything again; neither read nor write the cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Cache folder (default: $TRAJECTKIT_CACHE_DIR, else .trajectkit-cache in the working directory).",
)
@config_options
def validate(**options: Any) -> None:
    """Check catalogue files and directories (searched recursively for *.yaml, *.yml).

    Every problem is reported at once, at the file, line and column of the YAML node.
    A run on unchanged files, configuration, profile and trajectkit reuses the stored
    report. Under GitHub Actions, a run that prints its report also appends every
    problem as a Markdown table to $GITHUB_STEP_SUMMARY.
    """
    from trajectkit.commands.validate import ValidateOptions, run

    sys.exit(run(ValidateOptions(**options)))


@main.command()
@click.argument("rule_id", required=False)
@format_option("rules", help="markdown: the rule reference with every rule's documentation (docs/rules.md).")
@config_options
def rules(**options: Any) -> None:
    """List every rule with its level, or show the documentation of one rule."""
    from trajectkit.commands.rules import RulesOptions, run

    sys.exit(run(RulesOptions(**options)))


@main.command()
@paths_argument
@click.option("--learner", "learners", multiple=True, metavar="ID", help="Learner to plan (repeatable).")
@click.option("--all", "all_learners", is_flag=True, help="Plan every learner in the catalogue.")
@out_option(
    "Folder for the plans, one <learner-id>.pdf each.",
    required=True,
    folder=True,
    force_help="Replace a plan file there that is not a trajectkit output.",
)
@format_option("plan")
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    help="Language of the plans (default: language: in trajectkit.yaml, else each learner's).",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False),
    help="Templates folder to use instead of the shipped one (a copy you edited).",
)
@jobs_option("Plans rendered in parallel (default: the number of CPUs).")
@on_option("The date printed on the plans; without one, not before what the plan reports")
@config_options
def plan(**options: Any) -> None:
    """Render individual learning plans (opleidingsplannen) from the catalogue.

    One file per learner in --out. A learner whose documents have validation errors,
    or whose workplace cannot offer a competence that cannot be moved, gets no plan;
    the others are still rendered. Exit codes: 0 all written, 1 some failed, 2 usage error.
    """
    from trajectkit.commands.plan import PlanOptions, run

    sys.exit(run(PlanOptions(**options)))


@main.command()
@paths_argument
@click.option("--trajectory", "trajectory_id", metavar="ID", help="Standard trajectory to map.")
@click.option(
    "--learner",
    "learner_id",
    metavar="ID",
    help="Map one learner's effective trajectory (adjustments, own hours), beside the standard one.",
)
@format_option("coverage", help="text/csv/json: the matrix; html/pdf: a heatmap; dot/graphml: the trajectory's graph.")
@out_option("Write to this file (atomically) instead of standard output; required for pdf.")
@delimiter_option
@click.option(
    "--flag-gap",
    "gap",
    type=click.IntRange(1, 100),
    default=25,
    show_default=True,
    metavar="POINTS",
    help="Flag a learning place whose share of the hours and share of the competences differ by this many percentage points.",
)
@templates_option
@lang_option
@config_options
def coverage(**options: Any) -> None:
    """Map a trajectory's competences onto its learning places (learn/assess, phase).

    Per learning place: how many competences are learned there and what share of the
    weekly hours it takes. Exit codes: 0 written, 1 the catalogue has errors that would
    make the map wrong, 2 usage error.
    """
    from trajectkit.commands.coverage import CoverageOptions, run

    sys.exit(run(CoverageOptions(**options)))


@main.command()
@paths_argument
@click.option("--learner", "learner_id", required=True, metavar="ID", help="Learner whose certificates to show.")
@format_option("attest")
@out_option("Write to this file (atomically) instead of standard output; required for pdf.")
@templates_option
@lang_option
@on_option("pdf, elm: the date of issue")
@base_uri_option
@config_options
def attest(**options: Any) -> None:
    """Certificates a learner has earned (attained + prior learning), on the profile's ladder.

    Also lists, for the next rung up, the competences still missing. --format elm
    writes the earned certificates as an unsigned Europass learning credential (ELM,
    JSON-LD). Exit codes: 0 written, 1 the catalogue has errors that would make the
    answer wrong, 2 usage error.
    """
    from trajectkit.commands.attest import AttestOptions, run

    sys.exit(run(AttestOptions(**options)))


@main.command()
@paths_argument
@click.option(
    "--without", "without", multiple=True, metavar="WORKPLACE_ID", help="A workplace that falls away (repeatable)."
)
@click.option(
    "--without-place",
    "without_places",
    multiple=True,
    metavar="PLACE_ID",
    help="A learning place of the trajectories that falls away, e.g. a training centre (repeatable).",
)
@on_option("Date of the scenario")
@format_option("scenario")
@out_option()
@text_lang_option
@config_options
def scenario(**options: Any) -> None:
    """What if a workplace or a learning place falls away: who is affected, and where can they go?

    Exit codes: 0 every affected learner has another workplace and no competence loses
    its only learning place, 1 otherwise (or the catalogue has errors that would make
    the answer wrong), 2 usage error.
    """
    from trajectkit.commands.scenario import ScenarioOptions, run

    sys.exit(run(ScenarioOptions(**options)))


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
@format_option("diff")
@out_option()
@text_lang_option
@config_options
def diff(**options: Any) -> None:
    """What changed between two versions (files or folders) of trajectories and qualifications.

    Exit codes: 0 nothing changed or no learner is affected, 1 a change affects learners
    in NEW or --catalogue (so CI can ask for review) or the files have errors, 2 usage error.
    """
    from trajectkit.commands.diff import DiffOptions, run

    sys.exit(run(DiffOptions(**options)))


@main.command()
@click.argument("kind", required=False)
@out_option(
    "Write the schema file(s) into this folder instead of printing.",
    folder=True,
    force_help="Replace a file there that is not a trajectkit schema.",
)
def schema(**options: Any) -> None:
    """Print or export the JSON Schemas: one KIND (such as StandardTrajectory) or all.

    Without KIND and --out, lists the kinds. For completion and errors as you type in
    VS Code (YAML extension) and other editors, export the schemas and start a file with:
    `# yaml-language-server: $schema=../schemas/standard-trajectory.schema.json`
    """
    from trajectkit.commands.schema import SchemaOptions, run

    sys.exit(run(SchemaOptions(**options)))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False), default=".")
def init(**options: Any) -> None:
    """Start a catalogue in DIRECTORY (default: the working directory): one commented example file per kind, a
    trajectkit.yaml and the JSON Schemas, which validates clean. Existing files are
    never overwritten: if any is in the way, nothing is written."""
    from trajectkit.commands.init import InitOptions, run

    sys.exit(run(InitOptions(**options)))


@main.command("export")
@paths_argument
@click.option(
    "--trajectory",
    "trajectory_id",
    metavar="ID",
    help="Trajectory to export as xlsx/csv (may be left out when the catalogue has one).",
)
@format_option(
    "export",
    name="file_format",
    defaulted=False,
    help="xlsx/csv: the allocation matrix (default: from the --out suffix); case: 1EdTech CASE 1.1 packages; "
    "elm: ELM Qualification objects (JSON-LD).",
)
@click.option(
    "--id",
    "ids",
    multiple=True,
    metavar="ID",
    help="case/elm: a qualification or trajectory to export (repeatable; default: all).",
)
@out_option("The file to write; case and elm print to standard output without it.")
@delimiter_option
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    help="xlsx/csv: language of the headers and the legend (default: language: in trajectkit.yaml, else the locale).",
)
@base_uri_option
@on_option("case: the packages' lastChangeDateTime")
@config_options
def export_command(**options: Any) -> None:
    """Write a trajectory's allocation matrix as a spreadsheet (xlsx, csv): one row per
    competence (id, title, qualification, cluster, phase, one column per learning place
    with L = learned, A = assessed, LA = both, and the prerequisites); or qualifications
    and trajectories in an open standard (case, elm).

    case: one --id writes that CFPackage, as OpenSALT and CASS import it; otherwise a
    JSON list of packages. elm: one JSON-LD document with a Qualification each."""
    from trajectkit.commands.export import ExportOptions, run

    sys.exit(run(ExportOptions(**options)))


@main.command("import")
@click.argument("sheet", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--trajectory",
    "trajectory_id",
    metavar="ID",
    help="Trajectory the sheet belongs to (may be left out when the catalogue has one).",
)
@out_option(
    "New YAML file: the trajectory's file with the sheet's allocations and clusters.",
    required=True,
    force_help="Replace --out if it exists (never one of the files read, such as the trajectory's own file).",
)
@config_options
def import_command(**options: Any) -> None:
    """Read an edited allocation matrix (.xlsx or .csv) back into the trajectory of the
    catalogue PATHS (default: the working directory). Every bad cell is reported by
    sheet, row and column (exit 1, nothing written)."""
    from trajectkit.commands.import_ import ImportOptions, run

    sys.exit(run(ImportOptions(**options)))


@main.command("import-competences")
@click.argument("source_file", metavar="FILE", type=click.Path(dir_okay=False))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(["csv", "case"]),
    help="csv: a list of competences; case: a CASE framework (CFPackage JSON). Default: from the FILE suffix (.json is case).",
)
@click.option(
    "--qualification",
    "qualification_id",
    metavar="ID",
    help="Id of the professional qualification, e.g. BK-0130-5 (case: the package's).",
)
@click.option("--title", help="Title of the qualification, e.g. Stukadoor (case: the package's).")
@click.option("--level", type=click.IntRange(1, 8), help="Qualification level, 1 to 8 (case: the package's).")
@out_option(
    "The YAML file to write.", required=True, force_help="Replace --out if it exists (never the file being read)."
)
def import_competences_command(**options: Any) -> None:
    """Write a ProfessionalQualification from a CSV list of competences with the columns
    id,title[,knowledge,skills] (several knowledge or skills items separated by ';'),
    or from a CASE framework: its competences, their knowledge and skills, and its
    partial qualifications. What a ProfessionalQualification cannot hold is refused
    with what to do, and then nothing is written (exit 2)."""
    from trajectkit.commands.import_competences import ImportCompetencesOptions, run

    sys.exit(run(ImportCompetencesOptions(**options)))


@main.command()
@paths_argument
@on_option("Date the places must be recognised and free on")
@format_option("match")
@out_option()
@delimiter_option
@click.option(
    "--max-distance-km",
    type=click.FloatRange(min=0),
    metavar="KM",
    help="Leave out workplaces farther than this from the learner's home.",
)
@click.option(
    "--patch",
    type=click.Path(dir_okay=False),
    help="Also write the placements as a YAML patch to review (learner files are never changed).",
)
@click.option(
    "--candidate-places",
    type=click.IntRange(min=0),
    default=32,
    show_default=True,
    metavar="N",
    help="Give the solver each learner's nearest workplaces holding N free places (exact when a trajectory "
    "has at most N learners to place); 0 gives it every workplace: exact, slower.",
)
@text_lang_option
@jobs_option("Processes (default: one per CPU for 2,000 learners or more, else 1).")
@config_options
def match(**options: Any) -> None:
    """Propose a workplace for every learner without one, nearest first, as a min-cost flow.

    A workplace qualifies when it holds a recognition for the learner's trajectory valid
    on the date, has a free place, a mentor who meets the profile, and can offer what the
    trajectory teaches only at the workplace. Most learners placed first, then the
    shortest total distance. Exit codes: 0 every learner placed, 1 some left unmatched
    (or the catalogue has errors that would make the answer wrong), 2 usage error.
    """
    from trajectkit.commands.match import MatchOptions, run

    sys.exit(run(MatchOptions(**options)))


@main.command()
@paths_argument
@on_option("Date of the figures")
@format_option("stats", help="csv: one row per trajectory; html/pdf: a one-page dashboard with charts.")
@out_option("Write to this file (atomically) instead of standard output; required for pdf.")
@delimiter_option
@templates_option
@lang_option
@config_options
def stats(**options: Any) -> None:
    """Figures for a data-driven offer: trajectories developed, organised and with learners
    per level and sector, places recognised and taken, learners per trajectory, mentors
    without training and recognitions ending within six months.

    Exit codes: 0 written, 1 the catalogue has errors that would make the figures wrong,
    2 usage error.
    """
    from trajectkit.commands.stats import StatsOptions, run

    sys.exit(run(StatsOptions(**options)))


@main.command()
@paths_argument
@click.option("--learner", metavar="ID", help="Only this learner.")
@click.option("--coach", metavar="ID", help="Only the learners whose school names this coach.")
@click.option("--provider", metavar="ID", help="Only the learners of this school or centre.")
@on_option("Date of the progress")
@format_option("progress", help="csv: one row per learner; html/pdf: a dashboard for the coach.")
@out_option("Write to this file (atomically) instead of standard output; required for pdf.")
@delimiter_option
@templates_option
@lang_option
@config_options
def progress(**options: Any) -> None:
    """Per learner: competences planned by now, attained, in progress, exempt and to do,
    the evaluation moments and the plan's status; those who need attention first.

    Exit codes: 0 nobody behind, 1 a learner behind schedule or an evaluation overdue
    (or the catalogue has errors that would make the answer wrong), 2 usage error.
    """
    from trajectkit.commands.progress import ProgressOptions, run

    sys.exit(run(ProgressOptions(**options)))
