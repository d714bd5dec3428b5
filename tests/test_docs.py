"""The documentation as a site: MkDocs builds it with warnings as errors, with the Chinese guide walking through
a whole report and an API reference drawn from the docstrings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT

GUIDE = {"quickstart": "快速上手", "collect": "填报与汇总", "templates": "模板定制", "checks": "校验规则", "faq": "常见问题"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    return out


def _text(html: Path) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html.read_text("utf-8")))


def test_the_chinese_guide_has_its_five_chapters(site: Path) -> None:
    for page, title in GUIDE.items():
        html = site / "zh" / page / "index.html"
        assert "<h1" in html.read_text("utf-8") and title in _text(html), page


def test_the_chinese_guide_walks_through_a_whole_report(site: Path) -> None:
    # From the first command to the published files: new → new-return → collect → validate → render.
    guide = " ".join(_text(site / "zh" / page / "index.html") for page in GUIDE)
    for step in ("reportkit new ", "reportkit new-return", "reportkit collect", "reportkit validate",
                 "reportkit render", 'stats = "stats.toml"'):
        assert step in guide, step


def test_the_guide_shows_pictures_of_the_outputs(site: Path) -> None:
    pictures = re.findall(r'<img[^>]+src="([^"]+)"', (site / "zh" / "quickstart" / "index.html").read_text("utf-8"))
    assert len(pictures) >= 2
    for src in pictures:
        assert (site / "zh" / "quickstart" / src).resolve().is_file(), src


def test_the_api_reference_is_drawn_from_the_docstrings(site: Path) -> None:
    report = (site / "reference" / "report" / "index.html").read_text("utf-8")
    assert 'id="reportkit.report.model.AnnualReport"' in report
    document = (site / "reference" / "document" / "index.html").read_text("utf-8")
    assert 'id="reportkit.document.model.Paragraph"' in document
