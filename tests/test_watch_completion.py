"""`reportkit watch` renders again when an input changes; `reportkit completion` gives each shell a script that
completes commands and options from the parser."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from reportkit import cli
from reportkit.watch import snapshot, watch

from conftest import pdf_text


def _wait_for(condition: object, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_snapshot_sees_inputs_not_outputs(tmp_path: Path) -> None:
    (tmp_path / "report.toml").write_text("x", "utf-8")
    (tmp_path / "templates" / "2021").mkdir(parents=True)
    (tmp_path / "templates" / "2021" / "overall.j2").write_text("y", "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.toml").write_text("z", "utf-8")
    names = [Path(entry[0]).relative_to(tmp_path).as_posix() for entry in snapshot([tmp_path])]
    assert names == ["report.toml", "templates/2021/overall.j2"]


def test_watch_renders_again_after_a_template_changes(tmp_path: Path) -> None:
    assert cli.main(["new", str(tmp_path / "r"), "--county", "青山县", "--year", "2025"]) == 0
    data = tmp_path / "r" / "report.toml"
    out = tmp_path / "r" / "out"
    renders: list[int] = []
    stop = threading.Event()

    def render() -> None:
        renders.append(cli.main(["render", str(data), "-o", str(out), "--format", "pdf", "--force"]))

    worker = threading.Thread(target=watch, args=([tmp_path / "r"], render), kwargs={"interval": 0.05, "stop": stop})
    worker.start()
    try:
        assert _wait_for(lambda: len(renders) == 1)
        first = (out / "report.pdf").stat().st_mtime_ns
        (out / "report.pdf").touch()  # an output changing starts no round
        time.sleep(0.3)
        assert len(renders) == 1
        override = tmp_path / "r" / "templates" / "2021" / "preamble.j2"
        override.write_text('{% extends "default/2021/preamble.j2" %}{% block text %}青山县试写的第一段。{% endblock %}\n',
                            "utf-8")
        assert _wait_for(lambda: len(renders) == 2)
    finally:
        stop.set()
        worker.join(10)
    assert renders == [0, 0] and not worker.is_alive()
    assert (out / "report.pdf").stat().st_mtime_ns != first
    assert "青山县试写的第一段" in pdf_text(out / "report.pdf").replace("\n", "")


def _complete(line: str) -> list[str]:
    # argcomplete's protocol, as the shell script it prints drives it: the line so far in COMP_LINE, the
    # answers written to the file _ARGCOMPLETE_STDOUT_FILENAME names, separated by the IFS character.
    with tempfile.NamedTemporaryFile(suffix=".txt") as answer:
        env = dict(os.environ, _ARGCOMPLETE="1", _ARGCOMPLETE_SHELL="bash", COMP_LINE=line, COMP_POINT=str(len(line)),
                   COMP_TYPE="9", _ARGCOMPLETE_IFS="\n", _ARGCOMPLETE_STDOUT_FILENAME=answer.name)
        subprocess.run([sys.executable, "-m", "reportkit"], env=env, capture_output=True, timeout=60)
        return Path(answer.name).read_text("utf-8").split()


def test_completion_scripts_for_each_shell() -> None:
    for shell, mark in (("bash", "complete"), ("zsh", "compdef"), ("fish", "complete"), ("powershell", "Register-ArgumentCompleter")):
        result = subprocess.run([sys.executable, "-m", "reportkit", "completion", shell], capture_output=True, text=True)
        assert result.returncode == 0 and mark in result.stdout and "reportkit" in result.stdout, shell


def test_completion_answers_commands_and_options() -> None:
    assert {"render", "validate", "new", "collect", "new-return", "watch"} <= set(_complete("reportkit "))
    assert "--format" in _complete("reportkit render report.toml --fo")
