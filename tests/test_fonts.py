"""Fonts by role: official first, free fallbacks with a warning, the user's choice above both, and glyphs."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from reportkit import DataError, load_report, render_docx, render_pdf
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

from conftest import BODY_EXAMPLE, pdf_text, squash

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


ZENHEI = "WenQuanYi Zen Hei"
SANS = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


def _with_fonts(tmp_path: Path, fonts: str) -> Path:
    data = BODY_EXAMPLE.read_text("utf-8").replace("[meta]\n", f"[layout.fonts]\n{fonts}\n\n[meta]\n", 1)
    path = tmp_path / "report.toml"
    path.write_text(data, "utf-8")
    return path


def test_the_report_file_chooses_fonts_for_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SANS, tmp_path / "sans.ttf")
    report = load_report(_with_fonts(tmp_path, f'title = "{ZENHEI}"\nlatin = "sans.ttf"'))  # beside the file
    assert report.layout.fonts == {Role.TITLE: ZENHEI, Role.LATIN: str(tmp_path / "sans.ttf")}
    document = report.to_document()
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(document))
    embedded = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSans" in embedded and "LiberationSerif" not in embedded
    styles = zipfile.ZipFile(io.BytesIO(render_docx(document))).read("word/styles.xml").decode()
    title = re.search(r'w:styleId="Title">.*?<w:rFonts ([^>]*)/>', styles)
    assert title and f'w:eastAsia="{ZENHEI}"' in title.group(1)
    assert 'w:eastAsia="仿宋_GB2312"' in styles  # roles not chosen keep the official names
    # The environment (this machine) and the API come before the file.
    monkeypatch.setenv("REPORTKIT_FONT_TITLE", str(SUNG))
    assert resolve_all(warn=False, configured=report.layout.fonts)[Role.TITLE].face.path == SUNG
    assert resolve_all({Role.TITLE: ZENHEI}, warn=False)[Role.TITLE].face.family == ZENHEI


@pytest.mark.parametrize(("fonts", "message"), [
    ('bdy = "x"', 'layout.fonts.bdy: unknown key (did you mean "body"?)'),
    ('title = "No Such Font"', "layout.fonts.title: font for title: family 'No Such Font' is not installed"),
    ('body = "missing.ttf"', "layout.fonts.body: font for body: file {tmp}/missing.ttf does not exist"),
    ('body = "cff.otf"', "layout.fonts.body: {tmp}/cff.otf (cff) has PostScript (CFF) outlines"),
])
def test_a_font_the_report_file_cannot_have_is_named(tmp_path: Path, fonts: str, message: str) -> None:
    _copy_with(tmp_path, "cff.otf", {0: b"OTTO"})
    path = _with_fonts(tmp_path, fonts)
    with pytest.raises(DataError, match="^" + re.escape(f"{path}: {message.format(tmp=tmp_path)}")):
        load_report(path)


def test_fonts_command_shows_a_reports_choice(tmp_path: Path) -> None:
    path = _with_fonts(tmp_path, f'title = "{ZENHEI}"')
    result = subprocess.run([sys.executable, "-m", "reportkit", "fonts", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert ZENHEI in rows["title"] and rows["title"].endswith("(your choice)")
    assert "(your choice)" not in rows["body"]


def test_a_character_no_font_has_names_the_data_file_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "report.toml"
    data.write_text(BODY_EXAMPLE.read_text("utf-8").replace("根据《中华人民共和国", "根据\U000f0001《中华人民共和国", 1),
                    "utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "reportkit", "render", str(data), "-o", str(out)],
                            capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(errors) == 1 and errors[0].startswith(f"error: {data}: ") and "U+F0001" in errors[0], result.stderr
    assert not out.exists() or not any(out.iterdir())
