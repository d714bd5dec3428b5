"""The parsed fonts kept in the user's cache folder (issue 18): the same face as reportlab's own parse, the
same widths, subsets and PDF, and never a stale or broken cache."""

from __future__ import annotations

import gc
import hashlib
import mmap
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reportkit.fonts import FontError, FontFace, resolve_all
from reportkit.layout import Role
from reportkit.render import font_cache, pdf_grid

from conftest import EXAMPLE, ROOT

_NOT_COMPARED = ("_ttf_data", "_pdfScale", "get_table", "_pos")  # data, functions, a reading position


def _same(value: Any) -> Any:
    """A face's attribute as reportlab reads it: dicts by key, lists item by item, each with its type."""
    if isinstance(value, dict):
        return {key: _same(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return type(value), value, getattr(value, "ustr", None)
    if isinstance(value, str | int | float | type(None)):
        return type(value), value
    items = [_same(value[i]) for i in range(len(value))]  # lists, tuples, arrays and the cache's columns
    return (tuple, items) if isinstance(value, tuple) else items


def _face(font: Any, like: Any) -> dict[str, Any]:
    """The attributes of ``font``'s face that reportlab's own parse (``like``) has."""
    return {key: _same(getattr(font.face, key)) for key in vars(like.face) if key not in _NOT_COMPARED}


@pytest.fixture(params=[Role.BODY, Role.LATIN, Role.HEADING1])  # a CJK font, one with composite glyphs, a .ttc
def font_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int]:
    """A copy of a role's font (its modification time is the test's to change), and its index."""
    face = resolve_all(warn=False)[request.param].face
    copy = tmp_path / f"font{face.path.suffix}"
    copy.write_bytes(face.path.read_bytes())
    return copy, face.index


def _files(folder: Path) -> list[Path]:
    return sorted((folder / "fonts").glob("*.marshal")) if (folder / "fonts").is_dir() else []


def _subsets(font: Any) -> list[list[int]]:
    """Subsets as a document makes them (up to 256 characters: space, ASCII, the rest), drawn from the font's
    own characters and a few it lacks."""
    chosen = random.Random(18)
    codes = sorted(font.face.charToGlyph)
    return [[0, 32, *chosen.sample(codes, min(len(codes), 250)), 0x10FFFD], [32, 65, 0xE9, 0x4E00], codes[:200]]


def test_a_cached_face_is_reportlabs_own(font_file: tuple[Path, int], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    parsed = TTFont("parsed", str(path), subfontIndex=index)
    first = font_cache.load_font("first", path, index)  # parsed, then kept
    assert len(_files(tmp_path / "cache")) == 1
    monkeypatch.setattr(TTFont, "__init__", lambda *a, **k: pytest.fail("parsed again"))
    cached = font_cache.load_font("cached", path, index)
    assert "_ttf_data" not in vars(cached.face)  # the file is read when a subset is cut
    assert _face(cached, parsed) == _face(parsed, parsed) == _face(first, parsed)
    assert cached.face._pdfScale(512) == parsed.face._pdfScale(512)
    assert (cached.shapable, cached._asciiReadable) == (parsed.shapable, parsed._asciiReadable)
    text = "".join(map(chr, sorted(parsed.face.charToGlyph)[::7])) + "政府信息公开 2025 \u00a0\U0010fffd"
    assert cached.stringWidth(text, 16) == parsed.stringWidth(text, 16)
    for subset in _subsets(parsed):
        assert cached.face.makeSubset(subset) == first.face.makeSubset(subset) == parsed.face.makeSubset(subset)


@pytest.mark.parametrize("keep", [True, False])  # as on Linux and macOS, as on Windows
def test_a_cached_face_maps_its_file_when_it_cuts_a_subset(font_file: tuple[Path, int], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, keep: bool) -> None:
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(font_cache, "_KEEP_MAPPED", keep)
    font_cache.load_font("first", path, index)
    maps: list[mmap.mmap] = []
    real = mmap.mmap

    def mapped(*args: Any, **kwargs: Any) -> mmap.mmap:
        maps.append(real(*args, **kwargs))
        return maps[-1]

    monkeypatch.setattr(font_cache.mmap, "mmap", mapped)
    cached = font_cache.load_font("cached", path, index)
    assert maps == []
    first = cached.face.makeSubset([32, 65, 0x4E00])
    assert cached.face.makeSubset([32, 66]) and cached.face.makeSubset([32, 65, 0x4E00]) == first
    assert cached.face.reportkit_mapped is None
    if keep:  # one mapping for every subset, closed with its face
        assert len(maps) == 1 and not maps[0].closed
        del cached
        gc.collect()
        assert maps[0].closed
    else:  # one a subset, closed after it
        assert len(maps) == 3 and all(m.closed for m in maps) and cached.face.reportkit_kept is None


def test_the_same_pdf_with_the_cache_cold_warm_and_off(tmp_path: Path) -> None:
    def render(cache: str, name: str) -> str:
        out = tmp_path / name
        env = {**os.environ, "REPORTKIT_CACHE_DIR": cache}
        subprocess.run([sys.executable, "-m", "reportkit", "render", str(EXAMPLE), "--format", "pdf", "-o", str(out)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        return hashlib.sha256((out / "report.pdf").read_bytes()).hexdigest()

    cache = str(tmp_path / "cache")
    cold = render(cache, "cold")
    assert len(_files(Path(cache))) >= 3  # the example's fonts kept
    assert render(cache, "warm") == cold
    assert render("off", "off") == cold


def test_a_changed_font_file_is_parsed_again(font_file: tuple[Path, int], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    other = tmp_path / "cache" / "fonts" / "0123456789abcdef-fedcba9876543210.marshal"  # another font's
    legacy = tmp_path / "cache" / "fonts" / f"{'ab' * 16}.marshal"  # a file of format 1 or 2
    font_cache.load_font("a", path, index)
    (before,) = _files(tmp_path / "cache")
    other.write_bytes(b"kept")
    legacy.write_bytes(b"old")
    _touch(path)
    parses: list[int] = []
    init = TTFont.__init__

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        parses.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(TTFont, "__init__", counted)
    font_cache.load_font("b", path, index)
    assert parses == [1]
    after = [file for file in _files(tmp_path / "cache") if file != other]
    assert len(after) == 1 and after[0] != before  # a file of its own; the old one (never read for it) deleted
    assert after[0].name.split("-")[0] == before.name.split("-")[0] and other.exists() and not legacy.exists()


def _touch(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_a_font_file_changed_while_in_use(font_file: tuple[Path, int], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached face reads its file at each subset: one that has changed since is refused, not cut from; and a
    font registered for a render is loaded again for the next one (``reportkit watch``)."""
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    font_cache.load_font("a", path, index)
    cached, fresh = font_cache.load_font("b", path, index), font_cache.load_font("c", path, index)
    cached.face.makeSubset([32, 65])  # its file mapped (and kept, but on Windows)
    _touch(path)
    assert not font_cache.unchanged(cached)
    for face in (cached.face, fresh.face):
        with pytest.raises(FontError, match="changed"):
            face.makeSubset([32, 65])
    # reportlab's registry of this test alone: the copy's face name is the installed font's, which reportlab
    # would give (a font of one face name serves every name registered for it)
    monkeypatch.setattr(pdfmetrics, "_fonts", {})
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})
    face = FontFace("changing", path, index)
    name = pdf_grid._register(face)
    registered = pdfmetrics.getFont(name)
    assert pdf_grid._register(face) == name and pdfmetrics.getFont(name) is registered
    _touch(path)
    assert pdf_grid._register(face) == name
    assert pdfmetrics.getFont(name) is not registered and font_cache.unchanged(pdfmetrics.getFont(name))
    pdfmetrics.getFont(name).face.makeSubset([32, 65])


def test_a_broken_cache_file_is_no_cache(font_file: tuple[Path, int], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(tmp_path / "cache"))
    parsed = font_cache.load_font("a", path, index)
    (kept,) = _files(tmp_path / "cache")
    whole = kept.read_bytes()
    flipped = [whole[:i] + bytes([whole[i] ^ 0x40]) + whole[i + 1:] for i in (0, 5, 20, len(whole) // 2, len(whole) - 1)]
    cut = [whole[:n] for n in (0, 3, 8, 40, len(whole) // 2, len(whole) - 1)]
    for broken in [b"\x00garbage", *cut, *flipped, whole + b"\x00"]:
        kept.write_bytes(broken)
        font = font_cache.load_font("b", path, index)
        assert _face(font, parsed) == _face(parsed, parsed)
        assert font.face.makeSubset([32, 65, 0x4E00]) == parsed.face.makeSubset([32, 65, 0x4E00])
    monkeypatch.setattr(TTFont, "__init__", lambda *a, **k: pytest.fail("parsed again"))
    assert _face(font_cache.load_font("c", path, index), parsed) == _face(parsed, parsed)  # kept again, whole


def test_no_cache_when_told_or_when_the_folder_cannot_be_written(font_file: tuple[Path, int], tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path, index = font_file
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", "off")
    assert font_cache.cache_folder() is None
    font_cache.load_font("a", path, index)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("REPORTKIT_CACHE_DIR", str(blocked))
    assert font_cache.load_font("b", path, index).face.charToGlyph
    assert blocked.read_text() == "not a folder"


@pytest.mark.parametrize("value", [
    [], [0, 255], [0, 256, 65535], [70000, 1], [2**40, 3], [-1, 5, 2**62], [1, 2, 0.5, 1e300], [0.25, -0.0],
    {1: 2, 300: 0.5}, {0x10FFFF: 44000, 32: 3}, [(1, 2), (600, 3), (0.5, 7)], [(1, 2.5)],
])
def test_a_column_reads_back_as_it_was(value: Any) -> None:
    blob = bytearray()
    packed = font_cache._pack(value, blob)
    assert packed is not None
    assert _same(font_cache._unpack(packed, memoryview(bytes(blob)), None)) == _same(value)


@pytest.mark.parametrize("value", [
    [0.5, 1], [True, 2], [2**64, 1], [-(2**64)], ["a"], [None], {0.5: 1}, {"a": 1}, [(1, 2, 3)], [[1, 2]], (1, 2), 3,
])
def test_what_a_column_cannot_hold_is_left_to_marshal(value: Any) -> None:
    assert font_cache._pack(value, bytearray()) is None
