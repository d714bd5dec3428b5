"""The parsed fonts kept in the user's cache folder (issue 18): the same face as reportlab's own parse, the
same PDF, and never a stale or broken cache."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reportkit.fonts import resolve_all
from reportkit.layout import Role
from reportkit.render import font_cache


def _face(font: Any) -> dict[str, Any]:
    state = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
    return {k: (v, getattr(v, "ustr", None)) for k, v in state.items()}


@pytest.fixture
def font_file(tmp_path: Path) -> Path:
    """A copy of the body font (its modification time is the test's to change)."""
    face = resolve_all(warn=False)[Role.BODY].face
    copy = tmp_path / f"body{face.path.suffix}"
    copy.write_bytes(face.path.read_bytes())
    return copy


def _files(folder: Path) -> list[Path]:
    return sorted((folder / "fonts").glob("*.marshal")) if (folder / "fonts").is_dir() else []


def test_a_cached_face_is_reportlabs_own(font_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    parsed = TTFont("parsed", str(font_file))
    first = font_cache.load_font("first", font_file, 0)  # parsed, then kept
    assert len(_files(tmp_path / "cache")) == 1
    monkeypatch.setattr(TTFont, "__init__", lambda *a, **k: pytest.fail("parsed again"))
    cached = font_cache.load_font("cached", font_file, 0)
    assert _face(cached) == _face(parsed) == _face(first)
    assert cached.face._pdfScale(512) == parsed.face._pdfScale(512)
    assert cached.stringWidth("政府信息公开 2025", 16) == parsed.stringWidth("政府信息公开 2025", 16)
    assert (cached.shapable, cached._asciiReadable) == (parsed.shapable, parsed._asciiReadable)


def test_a_changed_font_file_is_parsed_again(font_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    font_cache.load_font("a", font_file, 0)
    stat = font_file.stat()
    os.utime(font_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    parses: list[int] = []
    init = TTFont.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        parses.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(TTFont, "__init__", counted)
    font_cache.load_font("b", font_file, 0)
    assert parses == [1]
    assert len(_files(tmp_path / "cache")) == 2  # a file of its own: the old one is never read for it


def test_a_broken_cache_file_is_no_cache(font_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    parsed = font_cache.load_font("a", font_file, 0)
    (kept,) = _files(tmp_path / "cache")
    for broken in (b"", b"\x00garbage", kept.read_bytes()[: len(kept.read_bytes()) // 2]):
        kept.write_bytes(broken)
        assert _face(font_cache.load_font("b", font_file, 0)) == _face(parsed)


def test_no_cache_when_told_or_when_the_folder_cannot_be_written(font_file: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", "off")
    assert font_cache.cache_folder() is None
    font_cache.load_font("a", font_file, 0)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(blocked))
    assert font_cache.load_font("b", font_file, 0).face.charToGlyph
    assert blocked.read_text() == "not a folder"
