"""A real `pantau serve` over the sample database, and a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.db.running import pantau_serve
from tests.db.sample_data import build_sample

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> str:
    """Base URL (no trailing slash) of `pantau serve` on a free port over the sample database."""
    db_path = tmp_path_factory.mktemp("served") / "pantau.db"
    build_sample(db_path)
    with pantau_serve(db_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one module: Playwright's sync API keeps an event loop running while
    it is open, which would break later tests that start their own loop."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
