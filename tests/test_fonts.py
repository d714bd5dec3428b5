"""Fonts by role: official first, free fallbacks with a warning, the user's choice above both, and glyphs."""

from __future__ import annotations

import struct
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from reportkit import render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph
from reportkit.fonts import (
    FontError,
    FontSubstitutionWarning,
    MissingGlyphWarning,
    check_embeddable,
    installed_faces,
    resolve,
    resolve_all,
)
from reportkit.layout import Role

from conftest import pdf_text, squash

SUNG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")


def _copy_with(tmp_path: Path, name: str, patch: dict[int, bytes]) -> Path:
    data = bytearray(SUNG.read_bytes())
    for offset, value in patch.items():
        data[offset : offset + len(value)] = value
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def _os2_offset(data: bytes) -> int:
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"OS/2":
            return int(offset)
    raise AssertionError("no OS/2 table")


def test_each_substitution_is_one_warning_naming_both_fonts() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fonts = resolve_all()
    messages = [str(w.message) for w in caught if w.category is FontSubstitutionWarning]
    substituted = {(f.wanted, f.face.family) for f in fonts.values() if f.substituted}
    assert len(messages) == len(substituted)
    for wanted, family in substituted:
        assert any(wanted in m and family in m for m in messages)


def test_user_choice_wins_by_file_or_family(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTKIT_FONT_BODY", str(SUNG))
    assert resolve(Role.BODY).source == "user"
    family = next(iter(installed_faces()))
    assert resolve(Role.TITLE, {Role.TITLE: family}).face.family == family
    with pytest.raises(FontError, match="not installed"):
        resolve(Role.TITLE, {Role.TITLE: "No Such Font"})
    with pytest.raises(FontError, match="does not exist"):
        resolve(Role.TITLE, {Role.TITLE: str(tmp_path / "missing.ttf")})


def test_cff_and_no_embedding_fonts_are_refused(tmp_path: Path) -> None:
    cff = _copy_with(tmp_path, "cff.otf", {0: b"OTTO"})
    with pytest.raises(FontError, match="CFF"):
        resolve(Role.BODY, {Role.BODY: str(cff)})
    fs_type = _os2_offset(SUNG.read_bytes()) + 8
    restricted = _copy_with(tmp_path, "restricted.ttf", {fs_type: struct.pack(">H", 0x0002)})
    with pytest.raises(FontError, match="does not allow embedding"):
        resolve(Role.BODY, {Role.BODY: str(restricted)})
    check_embeddable(resolve(Role.BODY).face)  # the fonts in use pass


def test_rare_characters_fall_back_and_are_reported_with_their_place(tmp_path: Path) -> None:
    document = Document(DocumentInfo("标题", "某县人民政府"), "某县报告",
                        (Paragraph("第一段。"), Paragraph("王镕在㙟村。")))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = render_pdf(document)
    found = [str(w.message) for w in caught if w.category is MissingGlyphWarning]
    body = resolve(Role.BODY).face.family
    if not any(m.startswith("㙟 ") for m in found):
        pytest.skip(f"{body} has 㙟: nothing to fall back from")
    message = next(m for m in found if m.startswith("㙟 "))
    assert "U+365F" in message and body in message and "paragraph 2" in message and "王镕在㙟村" in message
    path = tmp_path / "rare.pdf"
    path.write_bytes(pdf)
    assert "王镕在㙟村" in squash(pdf_text(path))  # drawn, not a blank box


def test_a_character_no_font_has_is_an_error_with_its_place() -> None:
    document = Document(DocumentInfo("标题", "某县人民政府"), "某县报告", (Paragraph("甲\U000f0001乙"),))
    with pytest.raises(FontError, match=r"U\+F0001.*paragraph 1 \(“甲.乙”\)"):
        render_pdf(document)


def test_fonts_command_lists_every_role() -> None:
    result = subprocess.run([sys.executable, "-m", "reportkit", "fonts"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    for role in Role:
        assert role.value in rows
        assert str(resolve(role).face.path) in rows[role.value]
    assert "rare" in rows
