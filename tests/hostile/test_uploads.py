"""Uploads that are too big, of the wrong type, zip or gzip bombs, or one huge line: refused quickly, memory bounded.

Each case runs the data page's upload callback in a fresh process, which reports the time taken
and its peak resident memory (VmHWM) above what it held before the upload was built.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import base64, gzip, io, json, sys, tempfile, time, zipfile
from pathlib import Path

def hwm_mb():
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')) / 1024

from etl.config import Settings
from dashboard.app import create_app
from tests.dashboard.conftest import page_module
from tests.etl.formats.test_formats import CLASSIC_HEADER, PREAMBLE

kind, limit_mb = sys.argv[1], int(sys.argv[2])
app = create_app(Settings(store_dir=Path(tempfile.mkdtemp()) / 'store', max_upload_bytes=limit_mb * 1024 * 1024))
data_page = page_module('data')
base = hwm_mb()
MB = 1024 * 1024
if kind == 'too-big':
    raw = (PREAMBLE + CLASSIC_HEADER + '\n').encode() + b'x,' * ((limit_mb + 5) * MB // 2)
elif kind == 'zip-bomb':
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('trade-register.csv', b'0' * (300 * MB))
    raw = buf.getvalue()
elif kind == 'gzip-bomb':
    raw = gzip.compress(b'0' * (300 * MB), compresslevel=1)
elif kind == 'png':
    raw = b'\x89PNG\r\n\x1a\n' + b'\x00' * 1000
elif kind == 'huge-line':
    raw = b'A' * ((limit_mb - 2) * MB)
elif kind == 'huge-cell':
    raw = (PREAMBLE + CLASSIC_HEADER + '\n').encode() + b'Pakistan,Turkiye,2021,,9,,X,drone,9,,2022,New,' + b'c' * ((limit_mb - 2) * MB) + b',1,9,9\n'
else:
    raise SystemExit(kind)
contents = 'data:text/csv;base64,' + base64.b64encode(raw).decode()
del raw
before = hwm_mb()
t = time.perf_counter()
with app.server.test_request_context():
    shown, _ = data_page.upload_files([contents], [kind + '.csv'])
elapsed = time.perf_counter() - t
first = shown[0]
print(json.dumps({'id': getattr(first, 'id', None), 'message': str(first.children), 'seconds': elapsed,
                  'upload_mb': len(contents) / MB, 'growth_mb': hwm_mb() - before, 'base_mb': base}))
"""


def run_upload(kind: str, limit_mb: int = 20) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(limit_mb)], cwd=REPO, capture_output=True,
                         text=True, timeout=240)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(kind, {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()})
    return result


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("too-big", "larger than the 20 MB limit"),
        ("zip-bomb", "holds binary bytes"),
        ("gzip-bomb", ""),  # binary, or one line over 1 MB: refused either way
        ("png", "holds binary bytes"),
        ("huge-line", "has a line of 18.0 MB"),
        ("huge-cell", "line 6: has a line of 18.0 MB"),
    ],
)
def test_hostile_uploads_are_refused_quickly_with_memory_bounded(kind: str, says: str) -> None:
    result = run_upload(kind)
    assert result["id"] == "upload-error"
    assert result["message"].startswith(f"{kind}.csv") and says in result["message"]
    assert "could not be ingested (" not in result["message"]
    assert "\n" not in result["message"]
    assert result["seconds"] < 15, result
    # Peak memory above what holding the upload took: a few copies of the upload at most,
    # never the expanded size of a bomb (300 MB).
    assert result["growth_mb"] < 4 * result["upload_mb"] + 40, result
