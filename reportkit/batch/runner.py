"""Running many jobs: in this process or spread over worker processes, with a progress bar on a terminal
and a summary table at the end. One report's error never stops the others."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reportkit.batch.jobs import Outcome, Task

if TYPE_CHECKING:
    from concurrent.futures import Future
from reportkit.i18n import _, _n


def cores() -> int:
    """The processor cores this process may use (the default number of workers)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _outcomes(job: Callable[[Task], Outcome], tasks: Sequence[Task], jobs: int) -> Iterator[Outcome]:
    """Each task's outcome, as it finishes."""
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield job(task)
        return
    # Workers import the renderers and parse the fonts once each, then take report after report.
    from concurrent.futures import ProcessPoolExecutor, as_completed  # multiprocessing: only for workers

    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        futures: list[Future[Outcome]] = [pool.submit(job, task) for task in tasks]
        for future in as_completed(futures):
            yield future.result()


def run(job: Callable[[Task], Outcome], tasks: Sequence[Task], jobs: int, *, progress: bool,
        say: Callable[[str], None], label: str) -> list[Outcome]:
    """Every task's outcome, in the tasks' order; what each job has to say goes to ``say`` as it finishes,
    above a progress bar when ``progress`` (and there is more than one task)."""
    done: dict[int, Outcome] = {}
    order = {task.file: k for k, task in enumerate(tasks)}
    if not progress or len(tasks) <= 1:
        for outcome in _outcomes(job, tasks, jobs):
            for message in outcome.messages:
                say(message)
            done[order[outcome.file]] = outcome
        return [done[k] for k in range(len(tasks))]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns: list[Any] = [TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          TextColumn("{task.description}")]
    with Progress(*columns, console=console, transient=True) as bar:
        counter = bar.add_task("", total=len(tasks))
        for outcome in _outcomes(job, tasks, jobs):
            for message in outcome.messages:
                console.print(message, markup=False, highlight=False, soft_wrap=True)
            done[order[outcome.file]] = outcome
            bar.update(counter, advance=1, description=str(outcome.file))
    return [done[k] for k in range(len(tasks))]


def summary(outcomes: Sequence[Outcome], *, pages: bool) -> None:
    """The table printed after several reports: one row each, and the totals."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=None, show_footer=True, box=None, pad_edge=False)
    failed = sum(1 for o in outcomes if o.status)
    reports = _n("{count} report", "{count} reports", len(outcomes))
    table.add_column(_("report"), footer=_("{reports}, {failed} not done", reports=reports, failed=failed) if failed
                     else reports)
    if pages:
        table.add_column(_("pages"), justify="right",
                         footer=str(sum(o.pages or 0 for o in outcomes)))
    table.add_column(_("findings"), justify="right", footer=str(sum(o.findings or 0 for o in outcomes)))
    table.add_column(_("time"), justify="right", footer=_("{seconds:.2f} s", seconds=sum(o.seconds for o in outcomes)))
    table.add_column(_("result"))
    for o in outcomes:
        result = {0: _("ok"), 1: _("failed")}.get(o.status, _("error"))
        row = [str(o.file)] + ([str(o.pages) if o.pages is not None else "–"] if pages else [])
        findings = str(o.findings) if o.findings is not None else "–"  # not checked: the report could not be read
        table.add_row(*row, findings, _("{seconds:.2f} s", seconds=o.seconds), result)
    # Not a terminal (a log, a pipe): wide enough that no path is cut.
    console = Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200)
    console.print(table)
