"""Which font file serves each role: the official fonts when installed, free TrueType fonts otherwise.

Order of choice for a role: the user's explicit choice (the API's overrides, then the environment variable
``REPORTKIT_FONT_<ROLE>``, then the report file's ``[layout.fonts]``; each a family name or a file path),
then the official fonts of GB/T 9704, then free fallbacks. Every fallback is reported as a
:class:`FontSubstitutionWarning` naming both fonts. reportkit never ships the proprietary fonts.
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import warnings
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from reportkit.errors import ReportkitError, listing
from reportkit.font_folders import face_names, font_folders
from reportkit.i18n import N_, _
from reportkit.layout import Role


class FontSubstitutionWarning(UserWarning):
    """An official font was not found and a free font stands in for it.

    Its fields say which (``wanted``, the official family; ``family`` and ``path``, the font used; ``roles``),
    so that a program groups these warnings by their class, never by their text (which is in the user's
    language). It pickles with its fields, to cross from a worker process.
    """

    def __init__(self, wanted: str, family: str, path: str, roles: tuple[str, ...]) -> None:
        self.wanted, self.family, self.path, self.roles = wanted, family, path, tuple(roles)
        super().__init__(_("font {wanted} is not installed; using {family} ({path}) for {roles}", wanted=wanted,
                           family=family, path=path, roles=listing(role_name(r) for r in self.roles)))

    def __reduce__(self) -> tuple[type[FontSubstitutionWarning], tuple[str, str, str, tuple[str, ...]]]:
        return type(self), (self.wanted, self.family, self.path, self.roles)


class FontError(ReportkitError):
    """No usable font for a role, or a font that cannot be embedded."""


class MissingGlyphError(FontError):
    """A character of the document that no installed font can draw (a render-time error of that document)."""


class MissingGlyphWarning(UserWarning):
    """A character its role's font lacks, drawn in a fallback font instead."""


# What messages call each role (marked here, translated at use: one name a message, not all eleven).
ROLE_NAMES = {
    Role.TITLE.value: N_("title"),
    Role.BODY.value: N_("body"),
    Role.HEADING1.value: N_("heading1"),
    Role.HEADING2.value: N_("heading2"),
    Role.HEADING3.value: N_("heading3"),
    Role.HEADING4.value: N_("heading4"),
    Role.ATTACHMENT_LABEL.value: N_("attachment_label"),
    Role.TABLE.value: N_("table"),
    Role.TABLE_HEADER.value: N_("table_header"),
    Role.PAGE_NUMBER.value: N_("page_number"),
    Role.LATIN.value: N_("latin"),
}


def role_name(role: Role | str) -> str:
    """A role as messages name it: its key in English (``body``, as REPORTKIT_FONT_BODY and [layout.fonts] name
    it), its name in Chinese (正文)."""
    key = role.value if isinstance(role, Role) else role
    return _(ROLE_NAMES[key]) if key in ROLE_NAMES else key


# Official families by role, best first (names as Windows and WPS install them).
OFFICIAL: dict[Role, tuple[str, ...]] = {
    Role.TITLE: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋"),
    Role.BODY: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    Role.HEADING1: ("黑体", "SimHei"),
    Role.HEADING2: ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
    Role.HEADING3: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    Role.HEADING4: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    Role.ATTACHMENT_LABEL: ("黑体", "SimHei"),
    Role.TABLE: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    Role.TABLE_HEADER: ("黑体", "SimHei"),
    Role.PAGE_NUMBER: ("宋体", "SimSun"),
    Role.LATIN: ("Times New Roman",),
}

# Usual file names of the official fonts, for machines without fontconfig.
OFFICIAL_FILES: dict[str, tuple[str, ...]] = {
    "方正小标宋简体": ("FZXBSJW.TTF", "方正小标宋简体.ttf"),
    "仿宋_GB2312": ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "SIMFANG_GB2312.TTF"),
    "仿宋": ("simfang.ttf", "SIMFANG.TTF"),
    "黑体": ("simhei.ttf", "SIMHEI.TTF"),
    "楷体_GB2312": ("楷体_GB2312.ttf", "SIMKAI_GB2312.TTF"),
    "楷体": ("simkai.ttf", "SIMKAI.TTF"),
    "宋体": ("simsun.ttc", "SIMSUN.TTC"),
    "Times New Roman": ("times.ttf", "Times New Roman.ttf", "TIMES.TTF"),
}

# Free TrueType fonts (Debian: fonts-arphic-*, fonts-wqy-zenhei, fonts-liberation), best first.
_SONG = ("AR PL SungtiL GB", "AR PL UMing CN", "WenQuanYi Zen Hei")
_KAI = ("AR PL KaitiM GB", "AR PL UKai CN", "AR PL SungtiL GB")
_HEI = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL SungtiL GB")
FALLBACK: dict[Role, tuple[str, ...]] = {
    Role.TITLE: _SONG,
    Role.BODY: _SONG,
    Role.HEADING1: _HEI,
    Role.HEADING2: _KAI,
    Role.HEADING3: _SONG,
    Role.HEADING4: _SONG,
    Role.ATTACHMENT_LABEL: _HEI,
    Role.TABLE: _SONG,
    Role.TABLE_HEADER: _HEI,
    Role.PAGE_NUMBER: _SONG,
    Role.LATIN: ("Liberation Serif", "DejaVu Serif"),
}

# Fonts with a wide CJK repertoire, tried in order for a character the role's font lacks (GB 2312
# fonts miss rare characters of place and personal names, such as 㙟 or 喆).
GLYPH_FALLBACKS = (
    "WenQuanYi Zen Hei", "AR PL UMing CN", "AR PL SungtiL GB", "Droid Sans Fallback", "SimSun", "SimSun-ExtB",
    "Microsoft YaHei", "DejaVu Sans",
)

def fontconfig_file() -> Path:
    """reportkit's fontconfig file (shipped in the package): it lets LibreOffice, or anything else that uses
    fontconfig, stand the same free fonts in for the official ones as reportkit's PDF does. Point
    ``FONTCONFIG_FILE`` at it for one command (``reportkit fonts --fontconfig`` prints its path)."""
    from importlib import resources  # only here: it imports zipfile

    return Path(str(resources.files("reportkit").joinpath("data", "reportkit-fonts.conf")))


@frozen
class FontFace:
    """A font file (and the face inside a .ttc collection)."""

    family: str
    path: Path
    index: int = 0


@frozen
class ResolvedFont:
    role: Role
    face: FontFace
    wanted: str  # the official family this role asks for
    source: str  # "official", "fallback" or "user"

    @property
    def substituted(self) -> bool:
        return self.source == "fallback"


def _regular(style: str) -> bool:
    names = {name.strip().lower() for name in style.split(",")}
    return bool(names & {"regular", "book", "normal", "medium", "roman", "light"})


@functools.cache
def installed_faces() -> dict[str, FontFace]:
    """Installed TrueType faces by family name (every name a face goes by): from fontconfig where there is one,
    else from the font folders of Windows and macOS (:mod:`reportkit.font_folders`)."""
    faces: dict[str, FontFace] = {}
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{style}\n"],
                capture_output=True, text=True, check=True, timeout=60,
            ).stdout
        except (subprocess.SubprocessError, OSError):
            out = ""
        # Upright regular faces first, then sorted: the same choice on every run.
        entries = sorted(line.split("\t") for line in out.splitlines())
        entries.sort(key=lambda parts: not _regular(parts[-1]))
        for parts in entries:
            if len(parts) != 4 or not parts[1].lower().endswith((".ttf", ".ttc")):
                continue
            index = int(parts[2]) if parts[2].isdigit() else 0
            for family in parts[0].split(","):
                faces.setdefault(family.strip(), FontFace(family.strip(), Path(parts[1]), index))
    if not faces:  # no fontconfig (Windows, macOS): the font folders, read file by file
        _scan_font_folders(faces)
    return faces


def _scan_font_folders(faces: dict[str, FontFace]) -> None:
    files = [path for root in font_folders() if root.is_dir() for path in sorted(root.rglob("*"))
             if path.suffix.lower() in (".ttf", ".ttc") and path.is_file()]
    named = [(face, path) for path in files for face in face_names(path)]
    named.sort(key=lambda item: not any(_regular(style) for style in item[0].styles))  # stable: upright first
    for face, path in named:
        for family in face.families:
            faces.setdefault(family, FontFace(family, path, face.index))
    # A file the usual name of an official font, whatever its name table says (some copies in circulation
    # carry another family name, such as a pinyin one).
    by_name = {path.name.lower(): path for path in files}
    for family, names in OFFICIAL_FILES.items():
        for name in names:
            if family not in faces and name.lower() in by_name:
                faces[family] = FontFace(family, by_name[name.lower()])


def check_embeddable(face: FontFace) -> None:
    """Refuse CFF/OpenType outlines and fonts whose licence forbids embedding (OS/2 fsType)."""
    try:
        data = face.path.read_bytes()
    except OSError as exc:
        from reportkit.render.output import reason

        raise FontError(_("cannot read font file {path}: {reason}", path=face.path, reason=reason(exc))) from None
    try:
        _check_tables(face, data)
    except struct.error:  # a file that ends inside its own table directory
        raise FontError(_("{path} is not a TrueType font (its tables are cut short)", path=face.path)) from None


def check_readable(face: FontFace) -> None:
    """Refuse a file that only looks like a font (a renamed file, a font with tables missing) now, when the
    data file is loaded, rather than halfway through a render."""
    from reportlab.pdfbase.ttfonts import TTFontFile  # only for a county's own font file

    try:
        TTFontFile(str(face.path), subfontIndex=face.index, validate=0)
    except Exception as exc:  # reportlab raises TTFError, struct.error, KeyError... on a broken font
        raise FontError(_("{path} is not a TrueType font reportlab can read ({reason})", path=face.path,
                          reason=exc or type(exc).__name__)) from None


def _check_tables(face: FontFace, data: bytes) -> None:
    offset = 0
    if data[:4] == b"ttcf":
        count = struct.unpack(">I", data[8:12])[0]
        if face.index >= count:
            raise FontError(_("{path} holds {count} fonts, index {index} does not exist", path=face.path, count=count,
                              index=face.index))
        offset = struct.unpack(">I", data[12 + 4 * face.index : 16 + 4 * face.index])[0]
    if data[offset : offset + 4] == b"OTTO":
        raise FontError(_("{path} ({family}) has PostScript (CFF) outlines, which reportlab cannot embed; choose a "
                          "TrueType (.ttf/.ttc) font", path=face.path, family=face.family))
    tables = struct.unpack(">H", data[offset + 4 : offset + 6])[0]
    for i in range(tables):
        entry = offset + 12 + 16 * i
        tag, _checksum, table_offset, _length = struct.unpack(">4sIII", data[entry : entry + 16])
        if tag == b"OS/2":
            fs_type = struct.unpack(">H", data[table_offset + 8 : table_offset + 10])[0]
            if fs_type & 0x000F == 0x0002 or fs_type & 0x0200:
                raise FontError(_("{path} ({family}) does not allow embedding (OS/2 fsType {fs_type}); a published "
                                  "PDF must embed its fonts, choose another font", path=face.path,
                                  family=face.family, fs_type=format(fs_type, "#06x")))
            return


def glyph_fallbacks() -> list[FontFace]:
    """The installed, embeddable faces of :data:`GLYPH_FALLBACKS`, in order."""
    faces = installed_faces()
    out: list[FontFace] = []
    for family in GLYPH_FALLBACKS:
        if family in faces:
            try:
                check_embeddable(faces[family])
            except FontError:
                continue
            out.append(faces[family])
    return out


def is_font_file(choice: str) -> bool:
    """Whether a user's choice names a font file rather than a family."""
    return Path(choice).suffix.lower() in (".ttf", ".ttc", ".otf")


def _user_choice(role: Role, overrides: Mapping[Role, str], configured: Mapping[Role, str]) -> str | None:
    return overrides.get(role) or os.environ.get(f"REPORTKIT_FONT_{role.name}") or configured.get(role)


def resolve(role: Role, overrides: Mapping[Role, str] | None = None,
            configured: Mapping[Role, str] | None = None) -> ResolvedFont:
    """The font for ``role``; ``overrides`` come from the API, ``configured`` from the layout (the report file)."""
    wanted = OFFICIAL[role][0]
    faces = installed_faces()
    choice = _user_choice(role, overrides or {}, configured or {})
    if choice:
        path = Path(choice).expanduser()
        if is_font_file(choice):
            if not path.is_file():
                raise FontError(_("font for {role}: file {path} does not exist", role=role_name(role), path=path))
            face = FontFace(path.stem, path)
        elif choice in faces:
            face = faces[choice]
        else:
            raise FontError(_("font for {role}: family {family} is not installed (see `fc-list`)",
                              role=role_name(role), family=repr(choice)))
        check_embeddable(face)
        if is_font_file(choice):
            check_readable(face)
        return ResolvedFont(role, face, wanted, "user")
    for family in OFFICIAL[role]:
        if family in faces:
            return ResolvedFont(role, faces[family], wanted, "official")
    for family in FALLBACK[role]:
        if family in faces:
            return ResolvedFont(role, faces[family], wanted, "fallback")
    raise FontError(_("no font for {role}: install {wanted} or a free fallback ({fallbacks}; on Debian: "
                      "fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-wqy-zenhei fonts-liberation)",
                      role=role_name(role), wanted=wanted, fallbacks=listing(FALLBACK[role])))


def docx_family(role: Role, choice: str | None) -> str:
    """The family a DOCX names for ``role``: the county's choice (a file's family as fontconfig knows it),
    else the official font, since colleagues open the file where the official fonts are installed."""
    if not choice:
        return OFFICIAL[role][0]
    if not is_font_file(choice):
        return choice
    path = Path(choice).expanduser().resolve()
    families = sorted(family for family, face in installed_faces().items() if face.path.resolve() == path)
    return families[0] if families else OFFICIAL[role][0]


def resolve_all(overrides: Mapping[Role, str] | None = None, *, warn: bool = True,
                configured: Mapping[Role, str] | None = None) -> dict[Role, ResolvedFont]:
    fonts = {role: resolve(role, overrides, configured) for role in Role}
    if warn:
        reported: set[tuple[str, str]] = set()
        for font in fonts.values():
            key = (font.wanted, font.face.family)
            if font.substituted and key not in reported:
                reported.add(key)
                roles = tuple(r.value for r, f in fonts.items() if (f.wanted, f.face.family) == key)
                warnings.warn(FontSubstitutionWarning(font.wanted, font.face.family, str(font.face.path), roles),
                              stacklevel=2)
    return fonts
