"""The render side speaks the user's language: output errors, fonts, characters no font has, a page overflow and
the workbook's errors are Chinese under zh (plain words, full-width punctuation, no English left but what the
message quotes) and English otherwise."""

from __future__ import annotations

import errno
import os
import pickle
import re
import warnings
from pathlib import Path

import openpyxl
import pytest

from reportkit import cli, render_pdf
from reportkit.document.model import Document, DocumentInfo, Paragraph
from reportkit.fonts import FontError, FontSubstitutionWarning, resolve
from reportkit.i18n import set_language
from reportkit.layout import PageLayout, Role
from reportkit.render.output import OutputError, reason, write_outputs
from reportkit.render.pdf import _overflow
from reportkit.report.reader import DataError
from reportkit.workbook.layout import GUIDE_SHEET
from reportkit.workbook.read import read_workbook

from hostile import english_words, refused

COMMON = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOSPC,
          errno.EROFS, errno.EDQUOT)
HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: str) -> bool:
    """Chinese words, and no English ones but what is quoted."""
    return bool(HAN.search(text)) and english_words(text) == []


@pytest.mark.parametrize("code", COMMON)
def test_the_common_reasons_are_short_chinese_under_zh_and_libcs_words_otherwise(code: int) -> None:
    exc = OSError(code, os.strerror(code), "/some/file")
    assert reason(exc) == os.strerror(code)
    set_language("zh")
    said = reason(exc)
    assert HAN.search(said) and not re.search(r"[A-Za-z]", said), said
    assert len(said) <= 12


def test_an_uncommon_reason_is_the_systems() -> None:
    set_language("zh")
    # Quoted: the system's own words (English) inside a Chinese sentence.
    assert reason(OSError(errno.EMLINK, "Too many links")) == "“Too many links”"
    assert reason(OSError("no errno at all")) == "“no errno at all”"
    set_language("en")
    assert reason(OSError(errno.EMLINK, "Too many links")) == "Too many links"


def test_an_output_error_says_why_in_the_users_language(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").mkdir()
    with pytest.raises(OutputError) as english:
        write_outputs([(tmp_path / "a.pdf", b"x")])
    assert english.value.strerror == "is a folder" and english.value.errno == errno.EISDIR
    set_language("zh")
    with pytest.raises(OutputError) as caught:
        write_outputs([(tmp_path / "a.pdf", b"x")])
    assert caught.value.strerror == "这是一个文件夹" and caught.value.filename == str(tmp_path / "a.pdf")


def test_a_failing_write_keeps_errno_and_says_it_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportkit.render import output

    def full(target: Path, data: bytes) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "_temporary", full)
    set_language("zh")
    with pytest.raises(OutputError) as caught:
        write_outputs([(tmp_path / "a.docx", b"1")])
    assert caught.value.errno == errno.ENOSPC and caught.value.strerror == "磁盘空间不足"


def test_a_font_substitution_is_a_warning_with_fields_that_survives_a_worker() -> None:
    warning = FontSubstitutionWarning("仿宋_GB2312", "AR PL SungtiL GB", "/usr/share/fonts/gbsn00lp.ttf",
                                      ("body", "table"))
    assert str(warning) == ("font 仿宋_GB2312 is not installed; using AR PL SungtiL GB "
                            "(/usr/share/fonts/gbsn00lp.ttf) for body, table")
    again = pickle.loads(pickle.dumps(warning))  # as a batch worker hands it back
    assert isinstance(again, FontSubstitutionWarning) and again.roles == ("body", "table")
    assert (again.wanted, again.family, again.path) == (warning.wanted, warning.family, warning.path)
    set_language("zh")
    said = str(FontSubstitutionWarning("仿宋_GB2312", "AR PL SungtiL GB", "/usr/share/fonts/gbsn00lp.ttf",
                                       ("body", "table")))
    assert said == "未安装字体“仿宋_GB2312”，正文、表格改用“AR PL SungtiL GB”（/usr/share/fonts/gbsn00lp.ttf）"


def test_resolving_the_fonts_warns_by_category_in_chinese() -> None:
    set_language("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from reportkit.fonts import resolve_all

        fonts = resolve_all()
    found = [w.message for w in caught if isinstance(w.message, FontSubstitutionWarning)]
    assert len(found) == len({(f.wanted, f.face.family) for f in fonts.values() if f.substituted})
    for message in found:
        assert str(message).startswith(f"未安装字体“{message.wanted}”"), message


def test_a_font_error_is_chinese(tmp_path: Path) -> None:
    set_language("zh")
    with pytest.raises(FontError) as family:
        resolve(Role.TITLE, {Role.TITLE: "No Such Font"})
    assert str(family.value) == "标题字体：未安装字体 'No Such Font'（可用 `fc-list` 查看已安装的字体）"
    with pytest.raises(FontError) as missing:
        resolve(Role.BODY, {Role.BODY: str(tmp_path / "gone.ttf")})
    assert str(missing.value) == f"正文字体：字体文件 {tmp_path / 'gone.ttf'} 不存在"
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00\x00\x05")
    with pytest.raises(FontError) as cut:
        resolve(Role.BODY, {Role.BODY: str(broken)})
    assert str(cut.value) == f"{broken} 不是 TrueType 字体（文件内容不完整）"


def test_a_character_no_font_has_is_said_in_chinese() -> None:
    set_language("zh")
    document = Document(DocumentInfo("标题", "某县人民政府"), "某县报告", (Paragraph("甲\U000f0001乙"),))
    with pytest.raises(FontError) as caught:
        render_pdf(document)
    said = str(caught.value)
    assert said.startswith("有字符在已安装的字体中都没有（请安装含有这些字符的字体"), said
    assert "（U+F0001）在“" in said and "第 1 段（“甲\U000f0001乙”）" in said
    assert chinese(said), said


def test_a_page_overflow_is_said_in_chinese() -> None:
    layout = PageLayout()
    message = "Flowable <Table> too large on page 2 in frame 'f', tallest row 2000.0"
    assert _overflow(message, layout).startswith("a table row is taller than a page (page 2): about ")
    set_language("zh")
    said = _overflow(message, layout)
    lines = round(2000.0 / layout.line_pitch)
    assert said == (f"表格有一行比一页还高（第 2 页）：约 {lines} 行，而一页只有 {layout.lines_per_page} 行；表格的一行不能"
                    "跨页，请把该行的文字拆开")
    assert _overflow("Flowable too large", layout) == "有一段内容比一页还高，无法排版"


def _return(tmp_path: Path) -> Path:
    path = tmp_path / "丁塘镇.xlsx"
    assert cli.main(["new-return", str(path), "--unit", "丁塘镇", "--edition", "2021"]) == 0
    return path


@pytest.mark.parametrize(("damage", "english", "where", "said"), [
    (lambda wb: wb["表三"].insert_rows(9), "表三!A9", "工作表“表三”单元格 A9",
     "此处应为 \"三、本年度办理结果\"，实为空单元格：表格的结构被改动过（插入或删除了行、列，或改了栏目名称）；"
     "请用 `reportkit new-return` 生成新的报表，再把数据填进去"),
    (lambda wb: setattr(wb["表四"], "title", "复议诉讼"), "表四", "工作表“表四”",
     "没有这个工作表（工作簿中有：表二、表三、复议诉讼）：有工作表被改名或删除，或者这个工作簿是另一种报告格式的"),
    (lambda wb: setattr(wb["表三"]["D9"], "value", "12件"), "表三!D9", "工作表“表三”单元格 D9",
     "予以公开（自然人）：应为不小于 0 的整数（空白请留空单元格），实为 \"12件\""),
    (lambda wb: setattr(wb["表二"]["B17"], "value", "约30"), "表二!B17", "工作表“表二”单元格 B17",
     "行政事业性收费：应为不小于 0 的数（空白请留空单元格），实为 \"约30\""),
    (lambda wb: wb.defined_names.pop("RK_EDITION"), GUIDE_SHEET, f"工作表“{GUIDE_SHEET}”",
     f"没有报告格式（名为 RK_EDITION 的单元格）：这不是 `reportkit new-return` 或 `reportkit export` 生成的工作簿，"
     f"或者其“{GUIDE_SHEET}”工作表被改动过"),
])
def test_a_broken_workbooks_error_names_the_sheet_and_cell_in_chinese(
    tmp_path: Path, damage: object, english: str, where: str, said: str,
) -> None:
    path = _return(tmp_path)
    wb = openpyxl.load_workbook(path)
    damage(wb)  # type: ignore[operator]
    wb.save(path)
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    assert caught.value.path == english
    set_language("zh")
    with pytest.raises(DataError) as zh:
        read_workbook(path)
    assert zh.value.path == where and zh.value.message == said
    assert chinese(f"{zh.value.path}：{zh.value.message}")


def test_what_is_not_a_workbook_is_said_in_chinese(tmp_path: Path) -> None:
    set_language("zh")
    text = tmp_path / "丙局.xlsx"
    text.write_text("edition = 2021", "utf-8")
    with pytest.raises(DataError) as caught:
        read_workbook(text)
    assert caught.value.message == "不是 Excel 工作簿（.xlsx）；旧的 .xls 文件请先另存为 .xlsx"
    with pytest.raises(DataError) as gone:
        read_workbook(tmp_path / "没有.xlsx")
    assert gone.value.message == "无法读取文件：文件或文件夹不存在"


def test_a_number_typed_as_text_is_a_chinese_warning(tmp_path: Path) -> None:
    path = _return(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["表三"]["D9"].value = "１２"
    wb.save(path)
    set_language("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_workbook(path)
    said = [str(w.message) for w in caught]
    assert f"{path}：工作表“表三”单元格 D9：予以公开（自然人）：数字 \"１２\" 是以文本形式填写的，已按 12 读取" in said


@pytest.mark.parametrize(("damage", "english", "chinese_words"), [
    (lambda wb: wb["表三"].insert_rows(9), '表三!A9: expected the label "三、本年度办理结果", found an empty cell',
     "：工作表“表三”单元格 A9：此处应为 \"三、本年度办理结果\"，实为空单元格："),
    (lambda wb: setattr(wb["表四"], "title", "复议诉讼"), "表四: no such sheet (the workbook has 表二、表三、复议诉讼)",
     "：工作表“表四”：没有这个工作表（工作簿中有：表二、表三、复议诉讼）"),
    (lambda wb: setattr(wb["表三"]["D9"], "value", "12件"),
     '表三!D9: 予以公开（自然人）: expected a whole number >= 0 (or an empty cell for a blank), got "12件"',
     "：工作表“表三”单元格 D9：予以公开（自然人）：应为不小于 0 的整数（空白请留空单元格），实为 \"12件\""),
])
def test_collecting_a_broken_return_is_one_chinese_error_naming_workbook_sheet_and_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object, english: str, chinese_words: str,
) -> None:
    broken = _return(tmp_path)
    wb = openpyxl.load_workbook(broken)
    damage(wb)  # type: ignore[operator]
    wb.save(broken)
    capsys.readouterr()
    args = ["collect", str(broken), "-o", str(tmp_path / "stats.xlsx")]
    refused(args, capsys, tmp_path, f"error: {broken}: {english}", chinese=True)
    set_language("zh")
    assert cli.main(args) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith(f"错误：{broken}{chinese_words}") and "\n" not in line, line
    assert english_words(line) == []
