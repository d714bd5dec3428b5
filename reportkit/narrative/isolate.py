"""Run the narrative's rendering in a child process bounded in time and memory.

Jinja2's sandbox keeps a template away from files and Python internals, but not from loops of ``range``, huge
``center`` widths or strings doubled in a loop: no list of intercepted operations is complete. A forked child
with an address-space limit, killed when its time is up, bounds them all; the result (or the failure) comes
back pickled through a pipe. Where ``fork`` does not exist the work runs in this process, unbounded.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import select
import signal
import time
import warnings
from collections.abc import Callable
from typing import TypeVar

from reportkit.i18n import _
from reportkit.limits import exceeded, limit
from reportkit.narrative.errors import TemplateFailure, TemplateWarning

T = TypeVar("T")


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(work: Callable[[], T], write_end: int, where: str) -> None:
    outcome: tuple[str, object, list[str]]
    caught: list[warnings.WarningMessage] = []
    try:
        budget = limit("template_megabytes") * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]  # a finite hard limit can only be kept, never raised
        soft = _address_space() + budget
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TemplateWarning)
            result = work()
        outcome = ("ok", result, [str(w.message) for w in caught if issubclass(w.category, TemplateWarning)])
    except TemplateFailure as exc:
        outcome = ("failure", (exc.file, exc.line, exc.message), [])
    except MemoryError:
        outcome = ("failure", (where, None, _("the templates need too much memory {limit}",
                                              limit=exceeded("template_megabytes"))), [])
    except RecursionError:
        outcome = ("failure", (where, None, _("a template includes, extends or calls itself without end")), [])
    except BaseException as exc:  # anything else is reported, never a traceback from the child
        outcome = ("failure", (where, None, _("failed: {detail}", detail=str(exc))), [])
    try:
        payload = pickle.dumps(outcome)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
    finally:
        os._exit(0)


_MEANWHILE: list[tuple[bool, Callable[[], object]]] = []


def meanwhile(task: Callable[[], object], *, last: bool = False) -> None:
    """``task`` (an import, fonts: what this process will need soon) done while the next bounded child works, so
    that the two overlap on a second processor. Each task runs once; ``last`` ones after the others. One the
    child outlasts not is left for the next child: a warm-up only, its failure is left to whoever needs it."""
    if not hasattr(os, "fork"):  # no child to overlap with: the work is done when it is needed
        return
    if all(queued != task for _, queued in _MEANWHILE):  # ==: a bound method is a new object each time
        _MEANWHILE.append((last, task))
        _MEANWHILE.sort(key=lambda entry: entry[0])


def _run_meanwhile(read_end: int, deadline: float) -> None:
    # Never a task once the child's time is up: a looping template is killed at most one task late.
    while _MEANWHILE and time.monotonic() < deadline and not select.select([read_end], [], [], 0)[0]:
        __, task = _MEANWHILE.pop(0)
        # A warm-up: whoever needs it meets its failure, and is told what it warns of.
        with warnings.catch_warnings(), contextlib.suppress(Exception):
            warnings.simplefilter("ignore")
            task()


def _read_all(read_end: int, where: str, deadline: float) -> bytes:
    """What the child writes once its work is done. The limit is on the work, so on the first byte: the rest
    (more than a pipe holds at once) follows as fast as it is read, even if this process was busy (meanwhile)
    past the deadline."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if chunks:  # the work is done; writing the rest cannot take long
            left = max(left, limit("template_seconds"))
        ready = select.select([read_end], [], [], max(left, 0))[0]  # what is there is read, even late
        if not ready:
            raise TemplateFailure(where, None, _("rendering the templates takes too long {limit}",
                                                 limit=exceeded("template_seconds")))
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run_bounded(work: Callable[[], T], where: str) -> T:
    """``work()`` in a child process; its TemplateWarnings are warned here, its failure raised here."""
    if not hasattr(os, "fork"):
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns
        os.close(read_end)
        _child(work, write_end, where)
    os.close(write_end)
    deadline = time.monotonic() + limit("template_seconds")
    try:
        _run_meanwhile(read_end, deadline)
        payload = _read_all(read_end, where, deadline)
    finally:  # done, out of time or Ctrl-C: the child never outlives this call
        os.close(read_end)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not payload:
        raise TemplateFailure(where, None, _("rendering the templates stopped without a result"))
    kind, value, messages = pickle.loads(payload)  # our own child's bytes, never a file's
    for message in messages:
        warnings.warn(TemplateWarning(message), stacklevel=2)
    if kind == "failure":
        file, line, message = value
        raise TemplateFailure(file, line, message)
    return value  # type: ignore[no-any-return]
