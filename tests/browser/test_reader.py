"""A reader in a real browser: search a body, open its history chart, follow a score to its article."""

from __future__ import annotations

import os
import re

import pytest

pytestmark = pytest.mark.browser


def test_search_history_chart_and_article(served, page):
    page.goto(f"{served}/")
    page.fill("input[name=q]", "Kendari")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/-/search\?q=Kendari"))
    # datasette-search-all shows "N results in pantau: agencies" once its requests return.
    page.locator("h2", has_text="in pantau: agencies").get_by_role("link").click()
    page.wait_for_url(re.compile(r"/pantau/agencies\?_search=Kendari"))

    page.locator("td.col-name").get_by_role("link", name="Pemerintah Kota Kendari").click()
    page.wait_for_url(re.compile(r"/pantau/agency_history\?agency=Pemerintah"))
    assert page.locator("td.col-score").all_inner_texts() == ["72.5", "80.42", "91.2"]
    chart = page.locator(".vega-embed svg, .vega-embed canvas").first
    chart.wait_for(state="visible", timeout=15_000)
    if os.environ.get("PANTAU_SCREENSHOT"):
        page.screenshot(path=os.environ["PANTAU_SCREENSHOT"], full_page=True)

    page.locator("td.col-quote a", has_text="meraih nilai 80,42").click()
    page.wait_for_url(re.compile(r"/pantau/articles/https~3A~2F~2Fsultrapos"))
    assert page.locator("td.col-title").inner_text() == "Kendari raih zona hijau Ombudsman"
    quote = page.locator("mark", has_text="Pemerintah Kota Kendari meraih nilai 80,42")
    assert quote.is_visible()
    if os.environ.get("PANTAU_SCREENSHOT"):
        page.screenshot(path=os.environ["PANTAU_SCREENSHOT"] + ".article.png", full_page=True)


def test_dashboard_draws_its_charts(served, page):
    page.goto(f"{served}/-/dashboards/scores")
    charts = page.locator(".dashboard-card svg, .dashboard-card canvas")
    charts.first.wait_for(state="visible", timeout=15_000)
    assert charts.count() >= 3
    assert page.get_by_text("Zone shares by assessment year").is_visible()
