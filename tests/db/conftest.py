"""Fixtures for the database tests: a database built from the hand-written sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.db.sample_data import build_sample


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A built pantau database (session-wide, read-only for tests)."""
    path = tmp_path_factory.mktemp("demo") / "pantau.db"
    build_sample(path)
    return path
