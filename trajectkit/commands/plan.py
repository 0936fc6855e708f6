"""``trajectkit plan``: validate the catalogue, plan each learner, render in parallel, write.

One plan per learner, ``<learner-id>.pdf`` (or ``.html``) in the output folder, each
written atomically (a temporary file, then a rename), so a failure or Ctrl-C never
leaves half a file. A learner whose plan fails does not stop the others; the failures
are listed at the end.

Exit codes: 0 every plan written, 1 some failed, 2 usage error (no learner chosen, an
unknown learner id, an output folder that cannot be written, a broken templates folder,
or a document date before what a learner's plan reports: the other plans are still
written, and the refused learners are listed at the end with the date that would do).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from trajectkit.analysis.plan import PlanContext, PlanRefused, build_plan
from trajectkit.analysis.plan_dates import PLAN_DATE, document_day
from trajectkit.atomic import Inputs, check_folder, check_output, write_atomic
from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.commands.common import inputs_of
from trajectkit.errors import UsageError
from trajectkit.parallel import run_in_processes, worker_count
from trajectkit.problems import Level
from trajectkit.rendering import TEMPLATES, RenderError, load_messages, render_html, render_pdf
from trajectkit.resources import templates_dir
from trajectkit.terminal import escape, note, progress, say, shows_progress
from trajectkit.translation import _, ngettext
from trajectkit.validation.report import Report

#: Load rules after which a file yields no documents at all.
UNREADABLE_RULES = frozenset({"yaml-syntax", "yaml-limits"})


@dataclass(frozen=True)
class PlanOptions:
    """What ``trajectkit plan`` was asked to do."""

    paths: tuple[str, ...]
    out: str
    learners: tuple[str, ...] = ()
    all_learners: bool = False
    output_format: str = "pdf"
    language: str | None = None
    templates: str | None = None
    jobs: int | None = None
    force: bool = False
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    on: dt.date | None = None


@dataclass(frozen=True)
class Outcome:
    """One learner's result: the file written, or why there is none."""

    learner: str
    path: Path | None = None
    error: str | None = None
    usage: bool = False  # refused for the date it was asked for: a usage error (exit 2)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class RenderJob:
    """One plan to render: what a worker process needs (all picklable)."""

    plan: PlanContext
    templates: Path
    output_format: str


def run(options: PlanOptions) -> int:
    """The ``plan`` command: returns the exit code; usage errors raise :class:`UsageError`."""
    from trajectkit.config import load_config
    from trajectkit.dates import clock_date, given_date
    from trajectkit.validation.refusal import checked_catalogue

    if not options.learners and not options.all_learners:
        raise UsageError(_("choose the learners: --learner ID (repeatable) or --all"))
    if options.learners and options.all_learners:
        raise UsageError(_("give either --learner or --all, not both"))
    templates = _templates_folder(options.templates)
    out = check_folder(options.out)
    config = load_config(options.config_path, options.profile, options.paths, exclude=options.exclude)
    printed = given_date(options.on, config)
    clock = clock_date() if printed is None else printed  # today, said once, when no date is given
    catalogue, report = checked_catalogue(options.paths, config)
    reads = inputs_of(options.paths, options.config_path, options.profile, folders=[templates])

    known = sorted(catalogue.ids("Learner"))
    if options.all_learners:
        chosen = known
    else:
        unknown = [ident for ident in options.learners if ident not in known]
        if unknown:
            raise UsageError(
                _("unknown learner id %(ids)s; the catalogue has: %(known)s")
                % {"ids": ", ".join(unknown), "known": ", ".join(known) or _("none")}
            )
        chosen = list(dict.fromkeys(options.learners))
    if not chosen:
        raise UsageError(_("the catalogue has no learners"))
    _create_folder(out)  # once the learners are known: a usage error leaves no empty folder

    # With --all, a learner in a file that could not be read at all would go missing
    # silently: list such files among the failures.
    outcomes: list[Outcome] = _unreadable(report) if options.all_learners else []
    jobs: list[RenderJob] = []
    for ident in chosen:
        plan_or_error = _plan(
            catalogue,
            report,
            ident,
            options.language or config.language,  # else each learner's own
            config.profile.value("learner_age.majority") or 18,
            printed,
            clock,
        )
        refused = _check_target(out / f"{ident}.{options.output_format}", reads, options.force)
        if isinstance(plan_or_error, Outcome):
            outcomes.append(plan_or_error)
        elif refused is not None:
            outcomes.append(Outcome(ident, error=refused))
        else:
            jobs.append(RenderJob(plan_or_error, templates, options.output_format))
    _check_languages(templates, {job.plan.language for job in jobs})
    outcomes.extend(render_all(jobs, out, worker_count(options.jobs, len(jobs))))
    return _summarise(sorted(outcomes, key=lambda item: item.learner), out)


def _plan(
    catalogue: Catalogue,
    report: Report,
    ident: str,
    language: str | None,
    majority_age: float,
    printed: dt.date | None = None,
    clock: dt.date | None = None,
) -> PlanContext | Outcome:
    """The learner's plan, or why there is none (validation errors or a refusal)."""
    from trajectkit.validation.refusal import for_plan, refusals

    problems = refusals(report, for_plan(catalogue, ident))
    if problems:
        lines = [f"  {p.path}:{p.line}:{p.column}: {p.message} [{p.rule}]" for p in problems]
        return Outcome(
            ident, error="refused: the catalogue has errors in this learner's documents:\n" + "\n".join(lines)
        )
    learner = catalogue.learners.get(ident)
    try:
        day = document_day(learner, printed, clock or learner.start) if learner else None
        return build_plan(catalogue, ident, language, day, majority_age)
    except PlanRefused as refusal:
        return Outcome(ident, error=f"refused [{refusal.rule}]: {refusal.reason}", usage=refusal.rule == PLAN_DATE)


def _unreadable(report: Report) -> list[Outcome]:
    """Files that yielded no documents (YAML syntax or size limits), one failure each."""
    first: dict[str, str] = {}
    for problem in report.problems:
        if problem.rule in UNREADABLE_RULES and problem.level is Level.ERROR:
            first.setdefault(problem.path, f"{problem.path}:{problem.line}:{problem.column}: {problem.message}")
    return [
        Outcome(path, error=f"cannot read this file, so a learner in it may have no plan: {message}")
        for path, message in first.items()
    ]


# --------------------------------------------------------------------------- rendering


def render_all(jobs: Sequence[RenderJob], out: Path, workers: int) -> Iterator[Outcome]:
    """Render every job and write its file, in as many processes as ``workers``."""
    if not jobs:
        return
    if workers > 1 and len(jobs) > 1 and any(job.output_format == "pdf" for job in jobs):
        _preload_weasyprint()
    with _progress(len(jobs)) as advance:
        for index, result in run_in_processes(_render_job, jobs, workers):
            job = jobs[index]
            yield _write(out, job.plan.learner.id, result, job.output_format)
            advance()


def _render_job(job: RenderJob) -> bytes | str:
    """Render one plan: the file's bytes, or an error message (``str``)."""
    try:
        if job.output_format == "html":
            return render_html(job.plan, job.templates).encode("utf-8")
        return render_pdf(job.plan, job.templates)
    except RenderError as error:
        return f"cannot render: {error}"
    except Exception as error:  # the renderer contains what it knows; this plan fails, not the batch
        return f"cannot render: {type(error).__name__}: {str(error)[:300]}"


def _write(out: Path, learner: str, result: bytes | str, output_format: str) -> Outcome:
    if isinstance(result, str):
        return Outcome(learner, error=result)
    target = out / f"{learner}.{output_format}"
    try:
        write_atomic(target, result)
    except OSError as error:
        return Outcome(learner, error=f"cannot write {target}: {error.strerror}")
    return Outcome(learner, path=target)


def _preload_weasyprint() -> None:
    """Import WeasyPrint once before the workers fork, so each does not pay for it."""
    import weasyprint  # noqa: F401


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal (stderr is a TTY, no -q) from two plans; nothing in CI or a pipe."""
    with progress(total, _("Rendering plans"), shows_progress(total, at_least=2)) as advance:
        yield lambda: advance(1)


def _summarise(outcomes: Iterable[Outcome], out: Path) -> int:
    outcomes = list(outcomes)
    failed = [item for item in outcomes if not item.ok]
    written = len(outcomes) - len(failed)
    note(
        ngettext("%(num)d plan written to %(out)s", "%(num)d plans written to %(out)s", written)
        % {"num": written, "out": out},
        err=True,
    )
    if failed:
        say(_("%(count)d failed:") % {"count": len(failed)}, err=True)
        for item in failed:
            say(f"{escape(item.learner)}: {item.error}", err=True)
        return 2 if any(item.usage for item in failed) else 1
    return 0


# --------------------------------------------------------------------------- options


def _templates_folder(templates: str | None) -> Path:
    """``--templates`` or the shipped folder; it must hold the plan template."""
    folder = Path(templates) if templates else templates_dir()
    if not (folder / TEMPLATES["plan"]).is_file():
        raise UsageError(
            _("%(folder)s: not a templates folder (no %(file)s)") % {"folder": folder, "file": TEMPLATES["plan"]}
        )
    return folder.resolve()


def _check_languages(templates: Path, languages: Iterable[str]) -> None:
    """Every language a plan is printed in needs its message catalogue."""
    for language in sorted(languages):
        try:
            load_messages(templates, language)
        except RenderError as error:
            raise UsageError(str(error)) from None


def _create_folder(folder: Path) -> None:
    """``--out``, created when missing (``check_folder`` found it could be)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            _("%(folder)s: cannot create the output folder: %(reason)s") % {"folder": folder, "reason": error.strerror}
        ) from None


def _check_target(target: Path, reads: Inputs, force: bool) -> str | None:
    """Why a learner's plan may not be written to ``target`` (``check_output``), if so;
    found before rendering, so the other plans are still written."""
    try:
        check_output(target, reads, force)
    except UsageError as error:
        return error.message
    return None
