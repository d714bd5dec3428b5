"""What the benchmarks share: timing in pairs, fresh processes measured on their own, the example's content."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "examples" / "tongxin-2018" / "report.toml"
EXAMPLES = (FLAGSHIP, ROOT / "examples" / "pingtan-2022" / "report.toml")
PYTHON = sys.executable
# Children write no bytecode only if told to: a user's installed reportkit has its .pyc files.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Run a command and print its peak resident memory (KiB), measured by a small parent of its own: the
# benchmark's own size (and whatever it inherited) is not counted.
_MEASURE = ("import resource, subprocess, sys; "
            "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
            "print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def process(command: Sequence[str], cwd: Path | None = None, **env: str) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a command in a fresh process (``env``: variables set for it); the
    peak is of the command and its own children only."""
    start = time.perf_counter()
    out = subprocess.run([PYTHON, "-c", _MEASURE, *command], capture_output=True, text=True, check=True,
                         env={**ENV, **env}, cwd=cwd).stdout.split()
    elapsed = time.perf_counter() - start
    if out[0] != "0":
        raise SystemExit(f"failed ({out[0]}): {' '.join(command)}")
    return elapsed, int(out[1]) / 1024


def paired(ours: Callable[[], float], floor: Callable[[], float], runs: int) -> tuple[float, float, float]:
    """Median times of both and the median of their ratios, run alternately so that a busy machine's slow
    moments fall on both alike. Each callable returns the seconds it measured."""
    ours(), floor()  # warm-up: page cache, bytecode
    pairs = [(ours(), floor()) for _ in range(runs)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(a / b for a, b in pairs))


def reportkit(*args: str) -> list[str]:
    return [PYTHON, "-m", "reportkit", *args]


def county_copies(count: int, folder: Path) -> list[Path]:
    """``count`` report projects: the two examples in turn, each copy with a county of its own (青山县1 …),
    in its data file and templates."""
    made = []
    for k in range(count):
        source = EXAMPLES[k % len(EXAMPLES)]
        old = source.read_text("utf-8").split('county = "', 1)[1].split('"', 1)[0]
        target = folder / f"county-{k:03d}"
        shutil.copytree(source.parent, target)
        for path in target.rglob("*"):
            if path.suffix in (".toml", ".j2"):
                path.write_text(path.read_text("utf-8").replace(old, f"青山县{k}"), "utf-8")
        made.append(target / "report.toml")
    return made


def quiet() -> None:
    warnings.simplefilter("ignore")


def load() -> str:
    """The machine's load, for the record: timings on a shared machine are only comparable as ratios."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
