"""What a county on Windows meets: fonts in C:\\Windows\\Fonts and the user's font folder (no fontconfig), data
files that Notepad saved with a byte-order mark, and a console that is not UTF-8."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportkit import fonts, load_report
from reportkit.font_folders import face_names, font_folders
from reportkit.layout import Role

from conftest import BODY_EXAMPLE

SUNG = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
SERIF = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")


def test_windows_font_folders_come_first_the_users_before_the_systems() -> None:
    folders = font_folders({"LOCALAPPDATA": "D:/Users/li/AppData/Local", "WINDIR": "D:/WINDOWS", "HOME": "/h"})
    assert folders[:2] == [Path("D:/Users/li/AppData/Local/Microsoft/Windows/Fonts"), Path("D:/WINDOWS/Fonts")]
    assert font_folders({"HOME": "/h"})[0] == Path("C:/Windows/Fonts")  # no WINDIR: the usual place


def test_a_font_file_names_its_families_and_styles() -> None:
    (sung,) = face_names(SUNG)
    assert sung.families[0] == "AR PL SungtiL GB" and sung.index == 0
    (bold,) = face_names(SERIF_BOLD)
    assert bold.families == ("Liberation Serif",) and "Bold" in bold.styles


@pytest.mark.parametrize("junk", [b"", b"\x00\x01\x00\x00", b"not a font at all" * 10, b"ttcf\x00\x02\x00\x00\xff\xff\xff\xff"])
def test_a_file_that_is_not_a_font_has_no_names(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "fake.ttf"
    path.write_bytes(junk)
    assert face_names(path) == []


@pytest.fixture
def windows_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A machine without fontconfig whose only fonts are in a fake Windows layout under ``tmp_path``."""
    system = tmp_path / "WINDOWS" / "Fonts"
    user = tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    env = {"WINDIR": str(tmp_path / "WINDOWS"), "LOCALAPPDATA": str(tmp_path / "AppData" / "Local")}
    real_which = shutil.which
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None if name == "fc-list" else real_which(name))
    monkeypatch.setattr(fonts, "font_folders", lambda: font_folders(env)[:2])
    fonts.installed_faces.cache_clear()
    yield tmp_path
    fonts.installed_faces.cache_clear()


def test_fonts_are_found_by_their_names_in_the_windows_folders(windows_machine: Path) -> None:
    system = windows_machine / "WINDOWS" / "Fonts"
    user = windows_machine / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    shutil.copy(SERIF_BOLD, system / "a-bold.ttf")  # sorts first, yet the regular face wins
    shutil.copy(SERIF, system / "z-regular.ttf")
    shutil.copy(SUNG, user / "FS_GB2312.TTF")  # a user-installed 仿宋_GB2312, known by its usual file name
    faces = fonts.installed_faces()
    assert faces["Liberation Serif"].path == system / "z-regular.ttf"
    assert faces["AR PL SungtiL GB"].path == user / "FS_GB2312.TTF"
    assert faces["仿宋_GB2312"].path == user / "FS_GB2312.TTF"
    body = fonts.resolve(Role.BODY)
    assert (body.source, body.face.path) == ("official", user / "FS_GB2312.TTF")
    assert fonts.resolve(Role.LATIN).face.family == "Liberation Serif"  # a fallback, from the name table


def test_a_data_file_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    source = BODY_EXAMPLE.read_text("utf-8")
    bom = tmp_path / "report.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))  # Notepad: BOM and CRLF
    (tmp_path / "plain.toml").write_text(source, "utf-8")
    assert load_report(bom).to_document() == load_report(tmp_path / "plain.toml").to_document()


def test_output_survives_a_console_that_cannot_show_every_character(tmp_path: Path) -> None:
    # A Windows console or a pipe in code page 936 (GBK) cannot encode characters beyond GBK, such as 𠀀
    # (U+20000) in a place name: the output is still printed, the character replaced, and no traceback.
    env = {"PYTHONIOENCODING": "gbk", "PATH": "/usr/bin"}
    folder = tmp_path / "𠀀县"
    made = subprocess.run([sys.executable, "-m", "reportkit", "new", str(folder), "--county", "𠀀县", "--year", "2025"],
                          capture_output=True, env=env)
    assert made.returncode == 0, made.stderr.decode("gbk", errors="replace")
    checked = subprocess.run([sys.executable, "-m", "reportkit", "validate", str(folder / "report.toml")],
                             capture_output=True, env=env)
    out, err = checked.stdout.decode("gbk"), checked.stderr.decode("gbk")
    assert "Traceback" not in err and checked.returncode in (0, 2), err
    assert "report.toml" in out and "县" in out
