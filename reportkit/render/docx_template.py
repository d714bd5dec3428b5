"""reportkit's own minimal DOCX package, the starting point of every document.

python-docx's default template is Letter-sized, carries a theme that sends Chinese text to a Japanese
font and some 160 styles. This one holds only what a report uses: A4, zh-CN, no theme, the styles
reportkit fills in (Normal, Title, heading 1-4 with their outline levels, Table Grid) and the Chinese
line-breaking settings. The page and every measure come from the layout.

Hanging punctuation (w:overflowPunct) is written out although on is its default (ECMA-376 §17.3.1.21, and
Word's): LibreOffice's import reads the element backwards, hangs when it is absent and then does not draw a
mark it pushed past the edge of a justified line, so commas vanished from its PDF; written out, Word hangs and
LibreOffice wraps simply without losing a character (docs/docx-grid.md).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from reportkit.fonts import OFFICIAL
from reportkit.layout import DEFAULT_LAYOUT, PageLayout, Role
from reportkit.render.docx_fonts import font_table_xml

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml"

_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_DOC}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_DOC}.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_DOC}.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{_DOC}.fontTable+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">
<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{_PKG}/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

_DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}">
<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_R}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{_R}/fontTable" Target="fontTable.xml"/>
</Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title></dc:title></cp:coreProperties>"""

_HEADER_TWIPS = 851  # Word's default 1.5 cm; a report has no header


def _document(layout: PageLayout) -> str:
    """The one section, its page taken from the layout: paper, margins, footer distance, line grid."""
    top, bottom, left, right = layout.margin_twips
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr>\
<w:pgSz w:w="{layout.page_width_twips}" w:h="{layout.page_height_twips}"/><w:pgMar w:top="{top}" w:right="{right}" \
w:bottom="{bottom}" w:left="{left}" w:header="{_HEADER_TWIPS}" w:footer="{layout.footer_distance_twips}" \
w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{layout.line_pitch_twips}"/></w:sectPr></w:body></w:document>"""

# As the 公文 templates Word saves in zh-CN write them: punctuation compression (Word squeezes full-width marks,
# which the published line breaks rely on) and Word's Simplified Chinese compatibility set, in CT_Compat's order.
_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{_W}"><w:defaultTabStop w:val="420"/>\
<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/>\
<w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/>\
<w:adjustLineHeightInTable/><w:useFELayout/>\
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>\
</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>\
<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"""


def _fonts(east_asian: str) -> str:
    latin = OFFICIAL[Role.LATIN][0]
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:cs="{latin}" w:eastAsia="{east_asian}" '
            'w:hint="eastAsia"/>')


def _heading(level: int) -> str:
    return (f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:outlineLvl w:val="{level - 1}"/></w:pPr></w:style>')


def _styles() -> str:
    body = OFFICIAL[Role.BODY][0]
    side = DEFAULT_LAYOUT.cell_spacing(None).word_side_twips
    headings = "".join(_heading(level) for level in range(1, 5))
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>{_fonts(body)}\
<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>\
</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:kinsoku/>\
<w:overflowPunct/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>\
<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>\
<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>\
<w:left w:w="{side}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>\
</w:tblCellMar></w:tblPr></w:style>\
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
<w:next w:val="Normal"/><w:qFormat/></w:style>{headings}\
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>\
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>\
</w:styles>"""


def minimal_template(layout: PageLayout = DEFAULT_LAYOUT, families: Iterable[str] = ()) -> bytes:
    """The template as DOCX bytes (a valid, empty document on ``layout``'s page) whose font table lists
    ``families``."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "word/document.xml": _document(layout),
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": _styles(),
        "word/settings.xml": _SETTINGS,
        "word/fontTable.xml": font_table_xml(families),
        "docProps/core.xml": _CORE,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return out.getvalue()
