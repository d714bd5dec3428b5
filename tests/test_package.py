"""The package as a user gets it: `python -m build` without warnings, `twine check`, and the built wheel
installed into a fresh virtual environment outside the repository, where `new` + `render` work from an empty
folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def _clean_env() -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE makes setuptools print "byte-compiling is disabled": the machine's, not ours.
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True, env=_clean_env(), timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out, result.stdout + result.stderr


def test_build_prints_no_warning(dist: tuple[Path, str]) -> None:
    _, log = dist
    warnings = [line for line in log.splitlines() if "warning" in line.lower()]
    assert warnings == []


def test_twine_check_passes(dist: tuple[Path, str]) -> None:
    out, _ = dist
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(out.iterdir()))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in listed.stdout.splitlines() if not line.endswith(".pyc")]


def test_wheel_holds_every_file_of_the_package_and_the_licence(dist: tuple[Path, str]) -> None:
    out, _ = dist
    (wheel,) = out.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    expected = set(_tracked("reportkit"))
    missing = sorted(expected - names)
    assert missing == []  # a data file left out of the wheel works in the checkout and fails once installed
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode("utf-8")
    assert "License-Expression: MIT" in text and "Classifier: Typing :: Typed" in text


def test_wheel_installed_in_a_fresh_venv_renders_a_new_report(dist: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = dist
    (wheel,) = out.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], capture_output=True,
                             text=True, env=_clean_env(), timeout=600)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    work = tmp_path / "empty"
    work.mkdir()
    command = env_dir / "bin" / "reportkit"
    made = subprocess.run([str(command), "new", "青山县", "--county", "青山县", "--year", "2025"], cwd=work,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    data = work / "青山县" / "report.toml"
    assert data.exists()
    rendered = subprocess.run([str(command), "render", str(data), "-o", "out", "--force"], cwd=work,
                              capture_output=True, text=True)
    assert rendered.returncode == 0, rendered.stderr
    assert (work / "out" / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert (work / "out" / "report.docx").read_bytes().startswith(b"PK")
    # The installed package is used, not the checkout: nothing of the repository is on its path.
    where = subprocess.run([str(python), "-c", "import reportkit; print(reportkit.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where and str(ROOT) not in where


def test_an_editable_install_is_visible_to_type_checkers(tmp_path: Path) -> None:
    # The README's bootstrap installs reportkit editable; a county's own script, outside the repository, is
    # type-checked against it (an import hook would leave mypy with "module is installed, but missing
    # library stubs" and every name Any).
    script = tmp_path / "county.py"
    script.write_text("from reportkit import AnnualReport, Stats2021\nfigures: int = Stats2021()\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
                            cwd=tmp_path, capture_output=True, text=True, env=_clean_env())
    assert "import-not-found" not in result.stdout and "import-untyped" not in result.stdout, result.stdout
    assert 'expression has type "Stats2021", variable has type "int"' in result.stdout, result.stdout
