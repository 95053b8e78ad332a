"""Fixtures shared across test folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PANTAU = Path(sys.executable).with_name("pantau")


@pytest.fixture(scope="session")
def embedded_demo_db(tmp_path_factory) -> Path:
    """The database `pantau demo` builds from the embedded demo sites (crawled for real)."""
    db = tmp_path_factory.mktemp("embedded-demo") / "pantau.db"
    result = subprocess.run(
        [str(PANTAU), "demo", "--no-serve", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return db
