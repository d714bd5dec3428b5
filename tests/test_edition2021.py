"""The 2021 format: the 平潭 example's tables against the published values, the rules, `new --edition 2021`."""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as etree
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit import AnnualReport, cli, load_report, render_docx, render_pdf
from reportkit.editions import edition_for_year, get_value
from reportkit.validate import Compare, rules_of, validate

from conftest import ROOT, pdf_text, squash

PINGTAN = ROOT / "examples" / "pingtan-2022" / "report.toml"
REFERENCE = ROOT.parent / "shared" / "reference-reports" / "pingtan-2022-annual-report.json"


@pytest.fixture(scope="module")
def pingtan() -> AnnualReport:
    return load_report(PINGTAN)


@pytest.fixture(scope="module")
def reference() -> dict[str, object]:
    data: dict[str, object] = json.loads(REFERENCE.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def pingtan_pdf(pingtan: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pingtan") / "report.pdf"
    path.write_bytes(render_pdf(pingtan.to_document()))
    return path


def _expected_rows(reference: dict[str, object]) -> list[tuple[str, str]]:
    """(label, the row's figures as printed one after another) for every row of the three tables."""
    tables: dict[str, object] = reference["tables"]  # type: ignore[assignment]
    active: dict[str, dict[str, object]] = tables["active_disclosure"]  # type: ignore[assignment]
    rows: list[tuple[str, str]] = []
    for item in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        for label, values in active[item]["rows"].items():  # type: ignore[attr-defined]
            rows.append((label, "".join(str(v) for v in values)))
    applications: dict[str, object] = tables["applications"]  # type: ignore[assignment]
    for row in applications["rows"]:  # type: ignore[attr-defined]
        label = row["label"].split("/")[-1]
        rows.append((label, "".join(str(row["values"][c]) for c in applications["columns"])))  # type: ignore[attr-defined]
    cases: dict[str, dict[str, object]] = tables["review_litigation"]  # type: ignore[assignment]
    order = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    groups = [cases["行政复议"], cases["行政诉讼"]["未经复议直接起诉"], cases["行政诉讼"]["复议后起诉"]]
    rows.append(("尚未审结总计", "".join(str(group[k]) for group in groups for k in order)))  # type: ignore[index]
    return rows


def test_every_cell_of_the_three_tables_in_the_pdf(pingtan_pdf: Path, reference: dict[str, object]) -> None:
    text = squash(pdf_text(pingtan_pdf, "-raw"))
    position = 0
    rows = _expected_rows(reference)
    assert len(rows) == 6 + 25 + 1
    for label, figures in rows:
        found = text.find(squash(label) + figures, position)
        assert found >= 0, f"{label}: expected {figures} after it"
        position = found


def test_the_docx_tables_hold_the_same_cells(pingtan: AnnualReport, reference: dict[str, object]) -> None:
    import io

    opened = docx.Document(io.BytesIO(render_docx(pingtan.to_document())))
    assert len(opened.tables) == 3
    applications = opened.tables[1]
    expected = [figures for _, figures in _expected_rows(reference)[6:31]]
    body = applications.rows[3:]
    assert len(body) == 25
    for row, figures in zip(body, expected, strict=True):
        assert "".join(cell.text for cell in row.cells[-7:]) == figures
    assert "".join(c.text for c in opened.tables[2].rows[3].cells) == _expected_rows(reference)[-1][1]
    for k, table in enumerate(opened.tables):  # 表三 and 表四 repeat their three header rows on every page
        header = [row for row in table.rows if row._tr.trPr is not None and "tblHeader" in row._tr.trPr.xml]
        assert len(header) == (0 if k == 0 else 3)


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_pingtan_findings_are_the_published_slips_the_readme_explains(pingtan: AnnualReport) -> None:
    findings = validate(pingtan)
    assert [f.rule for f in findings] == ["2021.headings", "2021.text-table", "2021.text-table", "2021.text-repeat"]
    assert all(f.accepted for f in findings)  # each kept by an [[accept]] entry of the data file
    assert "行政法复议" in findings[0].message
    assert "75" in findings[1].message and "74" in findings[1].message
    assert "自然人72件" in findings[2].message and "71" in findings[2].message
    assert "统一的的网站" in findings[3].message
    readme = (PINGTAN.parent / "README.md").read_text("utf-8")
    assert all(f.message in readme for f in findings)
    assert validate(attrs.evolve(pingtan, accepted=()))[0].accepted is None


def _set(report: AnnualReport, path: str, value: int) -> AnnualReport:
    parts = path.split(".")

    def rebuild(obj: object, rest: list[str]) -> object:
        if len(rest) == 1:
            return attrs.evolve(obj, **{rest[0]: value})  # type: ignore[misc]
        return attrs.evolve(obj, **{rest[0]: rebuild(getattr(obj, rest[0]), rest[1:])})  # type: ignore[misc]

    return attrs.evolve(report, stats=rebuild(report.stats, parts))


def test_every_2021_table_rule_catches_a_broken_figure(pingtan: AnnualReport) -> None:
    clean = attrs.evolve(pingtan, body=(), accepted=())
    assert validate(clean) == []
    rules = [r for r in rules_of(clean.edition_info) if isinstance(r, Compare) and not any("prev." in p for p in r.right)]
    assert len(rules) == 7 + 7 + 25 + 3
    for rule in rules:
        left = get_value(clean.stats, rule.left[0])
        assert isinstance(left, int)
        broken = _set(clean, rule.left[0], left + 1000)
        assert [f.rule for f in validate(broken)].count(rule.id) == 1, rule.id


def test_last_years_report_is_checked(pingtan: AnnualReport) -> None:
    clean = attrs.evolve(pingtan, body=(), accepted=())
    # Last year: nothing carried forward to 2022 but one (自然人), and 665 valid 规范性文件 (665 + 88 − 55 = 698).
    last = _set(_set(_set(clean, "applications.carried_forward.natural_person", 1),
                     "applications.carried_forward.total", 1), "active.normative_documents.valid", 665)
    last = _set(last, "active.regulations.valid", 0)
    last = attrs.evolve(last, meta=attrs.evolve(last.meta, year=2021))
    assert validate(clean, last) == []
    wrong = _set(last, "active.normative_documents.valid", 600)
    found = [f for f in validate(clean, wrong) if f.rule == "2021.documents-valid-normative_documents"]
    assert len(found) == 1 and "698" in found[0].message and "633" in found[0].message
    carried = _set(last, "applications.carried_forward.natural_person", 0)
    assert any(f.rule == "2021.carried-over-natural_person" for f in validate(clean, carried))


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_validate_previous_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The example as its own last year (a copy dated 2021): 上年结转 1 against 结转 0, and 698 against 698 + 88 − 55.
    last = tmp_path / "last" / "report.toml"
    shutil.copytree(PINGTAN.parent, last.parent)
    last.write_text(last.read_text("utf-8").replace("\nyear = 2022\n", "\nyear = 2021\n", 1), "utf-8")
    assert cli.main(["validate", str(PINGTAN), "--previous", str(last), "--format", "json"]) == 0
    rules = [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "2021.carried-over-natural_person" in rules and "2021.documents-valid-normative_documents" in rules
    assert "previous-year" not in rules
    # A report of another year is the wrong file: one finding, and nothing compared with it.
    for wrong in (PINGTAN, ROOT / "examples" / "tongxin-2018" / "report.toml"):
        assert cli.main(["validate", str(PINGTAN), "--previous", str(wrong), "--format", "json"]) == 0
        found = json.loads(capsys.readouterr().out)["findings"]
        year = 2022 if wrong == PINGTAN else 2018
        assert [f["message"] for f in found if f["rule"] == "previous-year"] == [
            f"上年报告是{year}年度的，本报告是2022年度的：跨年度的核对未进行"]
        assert not [f for f in found if "carried" in f["rule"] or "year-jump" in f["rule"]
                    or "documents-valid" in f["rule"]]


def test_new_2021_report_renders_and_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "county"
    assert cli.main(["new", str(folder), "--county", "某县", "--year", "2025", "--edition", "2021"]) == 0
    data = folder / "report.toml"
    assert "table = \"stats\"" not in data.read_text("utf-8")  # the tables are in the body, not attached
    assert cli.main(["render", str(data), "-o", str(tmp_path / "out")]) == 0
    assert cli.main(["validate", str(data)]) == 0
    text = squash(pdf_text(tmp_path / "out" / "report.pdf"))
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in text
    assert re.search("（本列数据的勾稽关系为", text)
    capsys.readouterr()


def test_a_provinces_own_table_is_an_addition(tmp_path: Path) -> None:
    """A province's 统计表 as a folder of data the report names: no Python, reportkit itself unchanged."""
    folder = tmp_path / "editions" / "hotline-2021"
    folder.mkdir(parents=True)
    (folder / "edition.toml").write_text("""
        name = "hotline-2021"
        title = "12345热线统计表"
        years = [2021]
        [tables.hotline]
        widths = [3, 1, 1]
        rows = [
          { header = true, cells = [{ text = "项目" }, { text = "来电数" }, { text = "答复数" }] },
          { cells = [{ text = "12345热线" }, { fields = "hotline", names = ["calls", "answered"] }] },
        ]
        [[rules]]
        id = "answered"
        left = "hotline.answered"
        op = "<="
        right = ["hotline.calls"]
        right_name = "来电数"
    """, "utf-8")
    data = tmp_path / "report" / "r.toml"
    data.parent.mkdir()
    data.write_text("""edition = "hotline-2021"
editions = ["../editions/hotline-2021"]
body = [{ heading = "热线" }, { table = "hotline" }]
[meta]
issuer = "某县人民政府"
county = "某县"
year = 2021
period_start = 2021-01-01
period_end = 2021-12-31
[stats.hotline]
calls = 10
answered = 12
""", "utf-8")
    report = load_report(data)
    findings = validate(report)
    assert [f.rule for f in findings] == ["hotline-2021.answered"]
    assert findings[0].message == "12345热线（答复数） 12 > 来电数 10"
    assert edition_for_year(2021) == "2021"  # registered later, the province's table is never the default
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(report.to_document()))
    assert "12345热线1012" in squash(pdf_text(pdf, "-raw"))


def test_pingtan_renders_byte_identical(pingtan: AnnualReport) -> None:
    document = pingtan.to_document()
    assert render_pdf(document) == render_pdf(document)
    assert render_docx(document) == render_docx(document)


def test_the_docx_tables_fit_the_type_area_in_libreoffice(pingtan: AnnualReport, pingtan_pdf: Path,
                                                          tmp_path: Path) -> None:
    from reportkit.layout import DEFAULT_LAYOUT

    from conftest import libreoffice_pdf

    source = tmp_path / "pingtan.docx"
    source.write_bytes(render_docx(pingtan.to_document()))
    converted = libreoffice_pdf(source, tmp_path)
    pages = [p for p in pdf_text(converted, "-layout").split("\f") if p.strip()]
    ours = [p for p in pdf_text(pingtan_pdf, "-layout").split("\f") if p.strip()]
    assert abs(len(pages) - len(ours)) <= 1
    left = DEFAULT_LAYOUT.margins[2]
    right = left + DEFAULT_LAYOUT.text_width
    boxes = re.findall(r'xMin="([0-9.]+)"[^>]*xMax="([0-9.]+)"[^>]*>([^<]*)</word>', pdf_text(converted, "-bbox"))
    # Every word, the tables' included, inside the 156 mm type area (a hung closing mark may pass it by one cell).
    outside = [(a, b, word) for a, b, word in boxes if float(a) < left - 1 or float(b) > right + 17]
    assert len(boxes) > 300 and outside == []
    text = squash(pdf_text(converted, "-raw"))
    assert "一、本年新收政府信息公开申请数量713000074" in text


_RESULT_ROWS = [
    "granted", "partly_granted", "refused_state_secret", "refused_other_law", "refused_security", "refused_third_party",
    "refused_internal_affairs", "refused_process", "refused_enforcement_file", "refused_admin_query",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear", "unprocessed_petition",
    "unprocessed_repeat", "unprocessed_publication", "unprocessed_massive", "unprocessed_confirm",
    "other_overdue_correction", "other_overdue_fee", "other_other",
]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 50), min_size=6, max_size=6), min_size=21, max_size=21),
       st.lists(st.integers(0, 20), min_size=6, max_size=6), st.lists(st.integers(0, 20), min_size=6, max_size=6))
def test_any_consistent_table_three_is_clean_and_any_slip_is_caught(
        results: list[list[int]], carried_over: list[int], carried_forward: list[int]) -> None:
    from reportkit.editions.e2021 import Applications2021, ByApplicant, Stats2021

    names = ("natural_person", "commercial", "research", "public_welfare", "legal_service", "other")

    def row(values: list[int]) -> ByApplicant:
        return ByApplicant(**dict(zip(names, values, strict=True)), total=sum(values))

    columns = [sum(r[c] for r in results) for c in range(6)]
    # 一 (new) is whatever makes 一 + 二 = （七） + 四 hold, when it can be >= 0
    new = [max(0, columns[c] + carried_forward[c] - carried_over[c]) for c in range(6)]
    forward = [new[c] + carried_over[c] - columns[c] for c in range(6)]
    applications = Applications2021(
        new_received=row(new), carried_over=row(carried_over),
        **{name: row(values) for name, values in zip(_RESULT_ROWS, results, strict=True)},
        results_total=row(columns), carried_forward=row(forward),
    )
    base = load_report(PINGTAN)
    assert isinstance(base.stats, Stats2021)
    report = attrs.evolve(base, body=(), accepted=(), stats=attrs.evolve(base.stats, applications=applications))
    assert validate(report) == []
    slipped = _set(report, "applications.granted.commercial", results[0][1] + 1)
    rules = {f.rule for f in validate(slipped)}
    # 予以公开 from 商业企业 one too many: its row total and the column sums of results no longer agree
    assert rules == {"2021.results-total-commercial", "2021.row-total-granted"}


def test_docx_tables_are_well_formed_wordprocessingml(pingtan: AnnualReport) -> None:
    """Merged cells as gridSpan/vMerge with the width of the columns they span; line breaks inside runs."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    def number(element: etree.Element | None, attribute: str) -> int:
        assert element is not None
        return int(element.get(f"{w}{attribute}", ""))
    data = zipfile.ZipFile(io.BytesIO(render_docx(pingtan.to_document()))).read("word/document.xml")
    root = etree.fromstring(data)
    merged = 0
    for table in root.iter(f"{w}tbl"):
        cols = [number(col, "w") for col in table.iter(f"{w}gridCol")]
        for tr in table.iter(f"{w}tr"):
            c = 0
            for tc in tr.iter(f"{w}tc"):
                span_el = tc.find(f"{w}tcPr/{w}gridSpan")
                span = number(span_el, "val") if span_el is not None else 1
                assert number(tc.find(f"{w}tcPr/{w}tcW"), "w") == sum(cols[c : c + span])
                merged += tc.find(f"{w}tcPr/{w}vMerge") is not None
                c += span
            assert c == len(cols)  # every row fills the grid
    assert merged > 20  # 表三's 22-row 三、本年度办理结果 and the header rows
    assert not root.findall(f".//{w}p/{w}br")  # a w:br belongs inside a w:r


def test_a_two_line_label_breaks_inside_its_run(example: AnnualReport) -> None:
    data = zipfile.ZipFile(io.BytesIO(render_docx(example.to_document()))).read("word/document.xml").decode()
    assert re.search(r"<w:r><w:rPr><w:rFonts [^>]*/></w:rPr><w:br/><w:t[^>]*>（不同渠道和方式公开相同信息计1条）</w:t>", data)
    assert "</w:r><w:br/>" not in data


def test_the_default_narrative_does_not_say_the_year_twice(tmp_path: Path) -> None:
    # review #26: "2025 年，本年制发行政规范性文件…" said the year twice
    from reportkit import load_report
    from reportkit.report.scaffold import new_project

    new_project(tmp_path / "z", "某县", 2025)
    text = str(load_report(tmp_path / "z" / "report.toml").body)
    assert "本年制发行政规范性文件" in text
    assert "年，本年" not in text
