"""Outputs all or nothing (issue 13, class 6), and Ctrl-C (class 4): the old pair stays as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reportkit.render import output
from reportkit.render.output import OutputError, write_outputs

from conftest import BODY_EXAMPLE
from hostile import refused


def _old_pair(out: Path) -> dict[Path, bytes]:
    out.mkdir()
    pair = {out / f"{BODY_EXAMPLE.stem}.docx": b"last year's docx", out / f"{BODY_EXAMPLE.stem}.pdf": b"last year's pdf"}
    for path, data in pair.items():
        path.write_bytes(data)
    return pair


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def _no_space_for_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    real = output._temporary

    def temporary(target: Path, data: bytes) -> str:
        if target.suffix == ".pdf":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(output, "_temporary", temporary)


def test_a_failing_second_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _old_pair(tmp_path / "out")
    real = os.replace

    def replace(source: str, target: str | Path) -> None:
        if str(target).endswith(".pdf"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError) as caught:
        write_outputs([(path, b"new " + path.suffix.encode()) for path in pair])
    assert caught.value.filename.endswith(".pdf") and caught.value.strerror == "No space left on device"
    assert {path: path.read_bytes() for path in pair} == pair
    assert _temporaries(tmp_path / "out") == []


def test_a_failing_write_leaves_no_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _no_space_for_pdfs(monkeypatch)
    with pytest.raises(OutputError, match="No space"):
        write_outputs([(out / "a.docx", b"1"), (out / "a.pdf", b"2")])
    assert list(out.iterdir()) == []


def test_a_folder_where_the_pdf_goes_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / f"{BODY_EXAMPLE.stem}.pdf").mkdir(parents=True)
    refused(["render", str(BODY_EXAMPLE), "-o", str(out)], capsys, tmp_path,
            f"error: cannot write {out / BODY_EXAMPLE.stem}.pdf: is a folder; nothing written", chinese=True)
    assert not (out / f"{BODY_EXAMPLE.stem}.docx").exists()


def test_the_disk_filling_up_keeps_the_old_pair(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _old_pair(tmp_path / "out")
    _no_space_for_pdfs(monkeypatch)
    refused(["render", str(BODY_EXAMPLE), "-o", str(tmp_path / "out")], capsys, tmp_path,
            f"error: cannot write {tmp_path / 'out' / BODY_EXAMPLE.stem}.pdf: No space left on device; nothing written", chinese=True)
    assert {path: path.read_bytes() for path in pair} == pair


def test_a_killed_runs_temporary_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".a.docx.999999999.x1y2.tmp"  # no process has that id
    living = out / f".a.docx.{os.getpid()}.x1y2.tmp"  # a run still writing
    other = out / ".b.docx.999999999.x1y2.tmp"  # another target's
    for path in (dead, living, other):
        path.write_bytes(b"partial")
    write_outputs([(out / "a.docx", b"new")])
    assert (out / "a.docx").read_bytes() == b"new"
    assert not dead.exists() and living.exists() and other.exists()


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pair = _old_pair(tmp_path / "out")

    real = output._temporary

    def interrupted(target: Path, data: bytes) -> str:  # Ctrl-C with the DOCX's temporary file written
        if target.suffix == ".pdf":
            raise KeyboardInterrupt
        return real(target, data)

    monkeypatch.setattr(output, "_temporary", interrupted)
    refused(["render", str(BODY_EXAMPLE), "-o", str(tmp_path / "out")], capsys, tmp_path,
            "error: interrupted (Ctrl-C); nothing written", status=130, chinese=True)
    assert {path: path.read_bytes() for path in pair} == pair
