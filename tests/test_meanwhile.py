"""While the bounded child renders the narrative, this process does what it needs next (isolate.meanwhile):
the child imports Jinja2, this process reportlab and the fonts, on two processors at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportkit.narrative import TemplateFailure, isolate

from conftest import ROOT


@pytest.fixture(autouse=True)
def _no_tasks_left() -> Iterator[None]:
    isolate._MEANWHILE.clear()
    yield
    isolate._MEANWHILE.clear()


def _slow(seconds: float) -> float:
    time.sleep(seconds)
    return time.monotonic()


def test_tasks_run_here_while_the_child_works() -> None:
    ran: list[tuple[int, float]] = []
    isolate.meanwhile(lambda: ran.append((os.getpid(), time.monotonic())))
    started = time.monotonic()
    finished = isolate.run_bounded(lambda: _slow(0.5), "t.j2")
    (pid, at), = ran
    assert pid == os.getpid() and started <= at < finished  # here, before the child was done
    assert not isolate._MEANWHILE


def test_a_failing_task_says_nothing_and_the_result_stands(recwarn: pytest.WarningsRecorder) -> None:
    def failing() -> None:
        import warnings

        warnings.warn("from a warm-up", UserWarning, stacklevel=1)
        raise RuntimeError("a warm-up failed")

    isolate.meanwhile(failing)
    assert isolate.run_bounded(lambda: 42, "t.j2") == 42
    assert not [w for w in recwarn if "warm-up" in str(w.message)]


def test_a_task_the_child_outlasts_not_waits_for_the_next_child() -> None:
    ran: list[str] = []
    isolate.meanwhile(lambda: (ran.append("first"), time.sleep(2)))
    isolate.meanwhile(lambda: ran.append("last"), last=True)
    isolate.meanwhile(lambda: ran.append("second"))
    assert isolate.run_bounded(lambda: 1, "t.j2") == 1  # done long before the first task is
    assert ran == ["first"] and len(isolate._MEANWHILE) == 2
    isolate.run_bounded(lambda: _slow(0.5), "t.j2")
    assert ran == ["first", "second", "last"]


def test_the_time_limit_holds_with_tasks_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_LIMIT_TEMPLATE_SECONDS", "1")
    isolate.meanwhile(lambda: time.sleep(0.5))
    started = time.monotonic()
    with pytest.raises(TemplateFailure, match="takes too long"):
        isolate.run_bounded(lambda: _slow(30), "t.j2")
    assert time.monotonic() - started < 5


def test_the_narrative_child_imports_jinja_this_process_need_not() -> None:
    """Before the child is forked this process has not imported Jinja2 (a one-file render: it imports it only
    meanwhile, for later reports); the narrative is the same."""
    code = ("import sys; import reportkit.narrative.isolate as i; i._run_meanwhile = lambda *args: None; "
            "from reportkit import load_report; "
            f"r = load_report({str(ROOT / 'examples' / 'tongxin-2018' / 'report.toml')!r}); "
            "print('jinja2' in sys.modules, len(r.body))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False" and int(out[1]) > 3


def test_a_result_larger_than_a_pipe_stands_when_the_tasks_ran_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is on the child's work: its result, written once the work is done, is read whole even if this
    # process was busy beyond the deadline (review: "takes too long" for a narrative over 64 KiB).
    monkeypatch.setenv("REPORTKIT_LIMIT_TEMPLATE_SECONDS", "1")
    isolate.meanwhile(lambda: time.sleep(1.3))
    assert isolate.run_bounded(lambda: "字" * 100_000, "t.j2") == "字" * 100_000


def test_a_task_is_queued_once_however_often_it_is_asked_for() -> None:
    from reportkit.render.formats import FORMATS

    for _ in range(3):
        isolate.meanwhile(FORMATS["pdf"].warm_up)  # a bound method: a new object each time
    assert len(isolate._MEANWHILE) == 1


def test_a_relative_cache_folder_is_made_absolute(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from reportkit import user_cache, word_index

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", "cache")
    monkeypatch.setattr(word_index, "_OPEN", {})
    assert user_cache.cache_folder() == tmp_path / "cache"
    assert word_index._index() is not None  # the word index is used, not jieba loaded whole each run
