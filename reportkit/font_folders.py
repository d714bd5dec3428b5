"""Where fonts are installed, and the family names a font file gives itself, for machines without fontconfig.

On Linux fontconfig (``fc-list``) knows every installed face. Windows and macOS have no fontconfig, so reportkit
looks in their font folders itself and reads each file's ``name`` table: the official fonts are installed under
many file names (``simfang.ttf``, ``仿宋_GB2312.ttf``, ``FS_GB2312.TTF`` …) but always call themselves by their
family (仿宋, 仿宋_GB2312). Windows 10 (1809) and later install a user's fonts into
``%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts``, not the system folder, which is where a county's staff put
方正小标宋 when they have no administrator rights.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from attrs import frozen

# The name table's family (1), subfamily (2: the style, "Regular", "Bold") and typographic family (16) records.
_FAMILY_IDS = (1, 16)
_STYLE_ID = 2
_MAX_TABLES = 256  # a real font has some 10–40 tables; more means this is not a font


def font_folders(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders fonts are installed in on this kind of machine, existing or not, most specific first."""
    env = os.environ if environ is None else environ
    folders: list[Path] = []
    # Windows: the user's own fonts (no administrator needed), then the system's.
    if env.get("LOCALAPPDATA"):
        folders.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    windir = env.get("WINDIR") or env.get("SystemRoot")
    folders.append(Path(windir) / "Fonts" if windir else Path("C:/Windows/Fonts"))
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    folders += [
        Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
        home / ".fonts", home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
    ]
    return folders


def _read(file: BinaryIO, offset: int, size: int) -> bytes:
    file.seek(offset)
    data = file.read(size)
    if len(data) != size:
        raise struct.error("the file ends early")
    return data


def _face_offsets(file: BinaryIO) -> list[int]:
    head = _read(file, 0, 12)
    if head[:4] != b"ttcf":
        return [0]
    (count,) = struct.unpack(">I", head[8:12])
    count = min(count, _MAX_TABLES)
    return list(struct.unpack(f">{count}I", _read(file, 12, 4 * count)))


def _decode(platform: int, raw: bytes) -> str:
    if platform == 1:  # Macintosh: Roman, enough for the Latin names of this platform
        return raw.decode("mac-roman", errors="ignore")
    return raw.decode("utf-16-be", errors="ignore")  # Unicode and Windows platforms


@frozen
class FaceNames:
    """What one face in a font file calls itself."""

    index: int  # the face's place in a .ttc collection (0 in a .ttf)
    families: tuple[str, ...]
    styles: tuple[str, ...]


def _names_at(file: BinaryIO, offset: int) -> Iterator[tuple[int, str]]:
    # Only the table directory and the name table are read: Windows' font folder holds hundreds of
    # megabytes of fonts (simsun.ttc alone 18 MB).
    (tables,) = struct.unpack(">H", _read(file, offset + 4, 2))
    directory = _read(file, offset + 12, 16 * min(tables, _MAX_TABLES))
    for i in range(0, len(directory), 16):
        tag, _, start, length = struct.unpack(">4sIII", directory[i : i + 16])
        if tag != b"name":
            continue
        table = _read(file, start, min(length, 1 << 20))
        _, count, strings = struct.unpack(">HHH", table[:6])
        for k in range(count):
            platform, _, _, name_id, size, at = struct.unpack(">HHHHHH", table[6 + 12 * k : 18 + 12 * k])
            if name_id in (*_FAMILY_IDS, _STYLE_ID) and platform in (0, 1, 3):
                text = _decode(platform, table[strings + at : strings + at + size]).strip()
                if text:
                    yield name_id, text
        return


def face_names(path: Path) -> list[FaceNames]:
    """The names of each face in a .ttf/.ttc file, in file order; ``[]`` when the file is unreadable or not a
    TrueType font."""
    faces: list[FaceNames] = []
    try:
        with path.open("rb") as file:
            for index, offset in enumerate(_face_offsets(file)):
                names = list(_names_at(file, offset))
                families = tuple(dict.fromkeys(text for name_id, text in names if name_id in _FAMILY_IDS))
                styles = tuple(dict.fromkeys(text for name_id, text in names if name_id == _STYLE_ID))
                faces.append(FaceNames(index, families, styles))
    except (OSError, struct.error):
        return []
    return faces
