"""The DOCX keeps WordprocessingML's element order: Word refuses a file whose properties are out of order.

python-docx has no API for several properties reportkit writes (w:snapToGrid, w:spacing in a run, tables
written in one piece), so their place in each sequence is checked here against ECMA-376's schema.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as etree
import zipfile

import pytest

from reportkit import AnnualReport, load_report, render_docx

from conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEQUENCES = {  # ECMA-376 Part 1, the sequences of CT_PPrBase, CT_RPr, CT_Style, CT_SectPr, CT_TcPr, CT_TblPr
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
             "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
}


def _out_of_order(docx: bytes) -> list[str]:
    found = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            for element in etree.fromstring(archive.read(name)).iter():
                tag = element.tag.removeprefix(W)
                if tag not in SEQUENCES:
                    continue
                order = SEQUENCES[tag].split()
                children = [child.tag.removeprefix(W) for child in element if child.tag.startswith(W)]
                places = [order.index(child) if child in order else -1 for child in children]
                if -1 in places or places != sorted(places):
                    found.append(f"{name}: {tag} {children}")
    return found


@pytest.mark.parametrize("example", ["tongxin-2018", "pingtan-2022"])
def test_every_property_is_in_schema_order(example: str) -> None:
    report: AnnualReport = load_report(ROOT / "examples" / example / "report.toml")
    docx = render_docx(report.to_document())
    checked = sum(1 for _ in etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml")).iter())
    assert checked > 100
    assert _out_of_order(docx) == []
