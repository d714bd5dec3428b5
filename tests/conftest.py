"""Shared fixtures: the reference report, the example, and rendered outputs (rendered once per session)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import pytest

from reportkit import REGISTRY, AnnualReport, load_report, render_docx, render_pdf
from reportkit.fonts import FontSubstitutionWarning, fontconfig_file
from reportkit.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tongxin-2018" / "report.toml"
BODY_EXAMPLE = ROOT / "tests" / "data" / "tongxin-2018-body.toml"  # the same report, narrative as [[body]]
SEED = ROOT.parent / "shared" / "seed" / "tongxin-2018-annual-report.txt"


def pytest_configure(config: pytest.Config) -> None:
    # The parsed fonts (reportkit.render.font_cache) in a folder of the test run's own, for it and its CLIs.
    os.environ.setdefault("REPORTKIT_CACHE_DIR", tempfile.mkdtemp(prefix="reportkit-test-cache-"))
    # The free fallback fonts are expected on test machines; their warnings are tested on their own.
    warnings.filterwarnings("ignore", category=FontSubstitutionWarning)
    config.addinivalue_line("markers", "language(code): the language reportkit speaks in this test (zh or en; "
                                       "default en), for this process and the commands it runs")


@pytest.fixture(autouse=True)
def _language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> object:
    """Each test speaks one known language, whatever the machine's locale: English unless it is marked
    ``@pytest.mark.language("zh")`` (``pytestmark = ...`` for a whole module). REPORTKIT_LANG is set in the
    environment, so the CLI run in a subprocess speaks it too; tests of the locale itself unset it."""
    marker = request.node.get_closest_marker("language")
    monkeypatch.setenv("REPORTKIT_LANG", marker.args[0] if marker else "en")
    set_language(None)
    yield
    set_language(None)


@pytest.fixture(autouse=True)
def _national_editions_only() -> object:
    """A province's edition one test registers (a tmp folder, an entry point) is gone for the next."""
    yield
    REGISTRY.refresh()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; run scripts/bootstrap.sh")
    return path


def pdf_text(path: Path, *args: str) -> str:
    need("pdftotext")
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.fail(f"reference report not found at {SEED}")
    return SEED.read_text("utf-8").split("\n")


@pytest.fixture(scope="session")
def example() -> AnnualReport:
    return load_report(EXAMPLE)


@pytest.fixture(scope="session")
def example_pdf(example: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render_pdf(example.to_document()))
    return path


def libreoffice_pdf(docx_path: Path, outdir: Path) -> Path:
    """Convert with LibreOffice, the free fonts standing in for the official ones as in reportkit's PDF."""
    soffice = need("soffice")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file()))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile", "--convert-to", "pdf",
         "--outdir", str(outdir), str(docx_path)],
        capture_output=True, check=True, timeout=300, env=env,
    )
    converted = outdir / (docx_path.stem + ".pdf")
    assert converted.exists(), "LibreOffice wrote no PDF"
    return converted


@pytest.fixture(scope="session")
def example_lo_pdf(example_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # REPORTKIT_DOCX_PDF: the example's DOCX as another client saved it to PDF (Word, WPS), checked instead.
    given = os.environ.get("REPORTKIT_DOCX_PDF")
    return Path(given) if given else libreoffice_pdf(example_docx, tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="session")
def example_docx(example: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(render_docx(example.to_document()))
    return path


CLOSING_MARKS = "，。、；：？！）》”"


def reference_body_lines(seed_lines: list[str]) -> list[str]:
    """The reference's typeset lines before the appendix, whitespace removed, page numbers dropped."""
    out = []
    for line in seed_lines:
        text = squash(line)
        if text == "附件":
            break
        if text and not re.fullmatch("—[0-9]+—", text):
            out.append(text)
    return out


def reference_pages(seed_lines: list[str]) -> list[list[str]]:
    """The reference's pages, lines squashed: three blank lines mark a page break, except the first (page 2
    starts at "极性、主动性不断提高")."""
    pages: list[list[str]] = [[]]
    blank = 0
    for line in seed_lines:
        text = squash(line)
        if not text:
            blank += 1
            continue
        if blank >= 3 or text.startswith("极性、主动性不断提高"):
            pages.append([])
        blank = 0
        pages[-1].append(text)
    return pages


def verbatim_share(reference: list[str], pdf: Path) -> tuple[int, int]:
    """How many of the reference's full body lines (20 characters or more) are lines of ``pdf``."""
    mine = {squash(line) for line in pdf_text(pdf, "-raw").splitlines()}
    full = [line for line in reference if len(line) >= 20]
    return sum(1 for line in full if line in mine), len(full)
