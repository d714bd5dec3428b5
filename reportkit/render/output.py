"""Writing output files atomically and reproducibly."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

# 1980-01-01, the earliest time a zip entry can carry: the same bytes on every run.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a failure never leaves a partial file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (a DOCX) with fixed timestamps and a fixed part order, [Content_Types].xml first."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(name))
    return out.getvalue()
