from __future__ import annotations

import attrs
import pytest

from reportkit import AnnualReport, Stats2018
from reportkit.editions import REGISTRY, get_value, value_fields
from reportkit.editions.e2018 import Applications

from conftest import squash

_SPEC = REGISTRY.lookup("2018", "test").table_specs()["stats"]
_ROWS = _SPEC["rows"][1:]  # under the header


def _label(row: dict[str, object]) -> str:
    return str(row["cells"][0]["text"])  # type: ignore[index]


def _field(row: dict[str, object]) -> str | None:
    return row["cells"][2].get("field")  # type: ignore[index, no-any-return]


def _appendix(seed_lines: list[str]) -> str:
    start = next(i for i, line in enumerate(seed_lines) if line.strip() == "附件")
    return squash("".join(seed_lines[start:]).replace("统计指标单位统计数", ""))


def test_the_table_has_the_65_rows_of_the_reference() -> None:
    assert len(_ROWS) == 65


def test_every_row_reads_as_in_the_published_appendix(seed_lines: list[str], example: AnnualReport) -> None:
    # Label, unit and value of each row, in order, exactly as the published appendix prints them.
    appendix = _appendix(seed_lines)
    table = REGISTRY.lookup("2018", "test").tables(example.stats)["stats"]
    position = 0
    for row in table.rows[1:]:
        label, unit, value = (squash(cell.text) for cell in row.cells)
        found = appendix.find(label + unit + value, position)
        assert found >= 0, f"row {label!r} {unit!r} {value!r} not found after position {position}"
        position = found + len(label + unit + value)


def test_each_field_has_exactly_one_row() -> None:
    paths = [path for path, _ in value_fields(Stats2018)]
    rows = [_field(row) for row in _ROWS if _field(row)]
    assert sorted(paths) == sorted(rows)
    assert len(set(rows)) == len(rows)


def test_values_are_addressable_by_field_name(example: AnnualReport) -> None:
    stats = example.stats
    assert isinstance(stats, Stats2018)
    assert stats.applications.received == 3
    assert stats.active.total == 15607
    assert get_value(stats, "organisation.staff_part_time") == 68


def test_blank_is_kept_apart_from_zero(example: AnnualReport) -> None:
    stats = example.stats
    assert isinstance(stats, Stats2018)
    assert stats.responses.other is None
    assert stats.responses.press_conferences == 0
    rows = {row.cells[0].text: row.cells[2].text for row in example.tables()["stats"].rows}
    assert rows["5.其他方式回应事件数"] == ""
    assert rows["1.参加或举办新闻发布会总次数"] == "0"


def test_section_and_heading_rows() -> None:
    sections = [_label(row) for row in _ROWS if row["cells"][0].get("emphasis")]
    assert [label[:2] for label in sections] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
    headings = [_label(row) for row in _ROWS if _field(row) is None]
    assert "（二）通过不同渠道和方式公开政府信息的情况" in headings
    assert "四、行政复议数量" not in headings  # a section row that carries its own total


def test_figures_are_immutable() -> None:
    applications = Applications(received=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        applications.received = 2  # type: ignore[misc]
