"""The metadata, canned queries, facets and link plugin, through Datasette itself (in-process)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading

import pytest
import sqlite_utils
from datasette.app import Datasette
from datasette.utils import tilde_encode

from db.serve import LOCAL_SETTINGS, PLUGINS_DIR, load_metadata


@pytest.fixture(scope="module")
def get(demo_db):
    """GET a path from a real Datasette over the demo database; returns the httpx response."""
    ds = Datasette(
        [str(demo_db)],
        metadata=load_metadata(),
        plugins_dir=str(PLUGINS_DIR),
        settings=LOCAL_SETTINGS,
    )
    # Datasette runs on its own loop in a thread, so this works even if another test left a loop
    # running in the main thread.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=60)

    run(ds.invoke_startup())

    def fetch(path: str):
        response = run(ds.client.get(path))
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
        return response

    yield fetch
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    loop.close()


def query(get, name: str, **params) -> list[dict]:
    args = "&".join(f"{k}={v}" for k, v in params.items())
    return get(f"/pantau/{name}.json?_shape=array&{args}").json()


def user_tables(path) -> list[str]:
    db = sqlite_utils.Database(path)
    names = [n for n in db.table_names() if "_fts" not in n and not n.startswith("sqlite_")]
    return names + db.view_names()


def test_every_table_and_view_has_a_description(demo_db):
    tables = load_metadata()["databases"]["pantau"]["tables"]
    missing = [name for name in user_tables(demo_db) if not tables.get(name, {}).get("description")]
    assert missing == []


def test_every_column_has_a_description(demo_db):
    tables = load_metadata()["databases"]["pantau"]["tables"]
    db = sqlite_utils.Database(demo_db)
    missing = [
        f"{name}.{column}"
        for name in user_tables(demo_db)
        for column in db[name].columns_dict
        if not tables.get(name, {}).get("columns", {}).get(column)
    ]
    assert missing == []


def test_metadata_states_license_and_data_limitations():
    metadata = load_metadata()
    assert "CC BY 4.0" in metadata["license"] and "MIT" in metadata["license"]
    assert "Data limitations" in metadata["description_html"]


def test_metadata_follows_a_database_file_with_another_name():
    metadata = load_metadata("scores2024")
    assert list(metadata["databases"]) == ["scores2024"]
    assert "/scores2024/newest_scores.atom" in metadata["description_html"]


def test_agency_history_lists_the_years_in_order(get):
    found = query(get, "agency_history", agency="Pemerintah+Kota+Kendari")
    assert [(r["assessment_year"], r["score"]) for r in found] == [
        (2021, 72.5),
        (2022, 80.42),
        (2023, 91.2),
    ]


def test_agency_history_finds_a_body_by_its_abbreviation(get):
    found = query(get, "agency_history", agency="Pemkot")
    assert {r["agency_id"] for r in found} == {"Pemerintah Kota Kendari"}


def test_region_year_accepts_a_province_name(get):
    found = query(get, "region_year", region="Sulawesi+Tenggara", year="2022")
    assert [r["score"] for r in found] == [80.42, 58.99]


def test_region_year_accepts_a_province_code(get):
    found = query(get, "region_year", region="32", year="2022")
    assert [r["agency_name"] for r in found] == [
        "Pemerintah Provinsi Jawa Barat",
        "Pemerintah Kabupaten Bogor",
    ]


def test_red_zone_of_a_year(get):
    assert [r["agency_name"] for r in query(get, "red_zone", year="2021")] == [
        "Pemerintah Kabupaten Konawe"
    ]


def test_biggest_change_comes_first(get):
    first = query(get, "biggest_changes", year="")[0]
    assert (first["agency_id"], first["from_year"], first["to_year"], first["change"]) == (
        "Pemerintah Kabupaten Bogor",
        2022,
        2024,
        58.25,
    )


def test_conflicting_reports_show_every_article(get):
    found = query(get, "conflicting_reports")
    assert sorted(r["reported"] for r in found) == [80.42, 80.42, 80.42, 80.43]


def test_newest_scores_start_with_the_latest_article(get):
    first = query(get, "newest_scores")[0]
    assert first["atom_title"] == "Pemerintah Kabupaten Bogor: 88,75 (zona hijau), 2024"
    assert first["atom_updated"] == "2024-12-18T00:00:00Z"


def test_configured_facets_are_computed(get):
    facets = get("/pantau/assessments.json").json()["facet_results"]
    assert {"assessment_year", "zone", "category", "level", "province"} <= set(facets)


def test_article_links_lead_to_the_article_page_inside_datasette(get):
    html = get("/pantau/agency_history?agency=Pemkot").text
    target = "https://sultrapos.example/2023/01/kendari-zona-hijau"
    link = f'href="/pantau/articles/{tilde_encode(target)}"'
    assert link in html
    assert (
        "Kendari raih zona hijau Ombudsman" in get(f"/pantau/articles/{tilde_encode(target)}").text
    )


def test_agency_name_links_to_its_history(get):
    html = get("/pantau/agencies").text
    assert 'href="/pantau/agency_history?agency=Pemerintah+Kota+Kendari#g.mark=line' in html


def test_dashboard_chart_queries_run(demo_db, get):
    assert "Scores at a glance" in get("/-/dashboards/scores").text
    charts = load_metadata()["plugins"]["datasette-dashboards"]["scores"]["charts"]
    conn = sqlite3.connect(demo_db)
    try:
        for chart in charts.values():
            if "query" in chart:
                sql = re.sub(r"\[\[.*?\]\]", "", chart["query"], flags=re.S)
                assert conn.execute(sql).fetchall(), chart["title"]
    finally:
        conn.close()


def test_home_page_search_covers_articles_and_agencies(get):
    html = get("/-/search?q=Kendari").text
    assert 'href="/pantau/agencies?_search=Kendari"' in html
    assert 'href="/pantau/articles?_search=Kendari"' in html


def test_agency_table_search_returns_matching_bodies(get):
    found = get("/pantau/agencies.json?_search=Kendari&_shape=array").json()
    assert sorted(r["id"] for r in found) == [
        "Dinas Kesehatan Kota Kendari",
        "Pemerintah Kota Kendari",
    ]


def test_article_page_highlights_every_quote(get):
    target = "https://sultrapos.example/2023/01/kendari-zona-hijau"
    html = get(f"/pantau/articles/{tilde_encode(target)}").text
    marks = re.findall(r'<mark id="q-\d+" title="([^"]+)">([^<]+)</mark>', html)
    assert marks == [
        (
            "Pemerintah Kota Kendari: 80.42",
            "Pemerintah Kota Kendari meraih nilai 80,42 dan berada di zona hijau",
        ),
        (
            "Dinas Kesehatan Kota Kendari: 58.99",
            "Dinas Kesehatan Kota Kendari memperoleh nilai 58,99 dan masuk zona kuning",
        ),
    ]


def test_quote_links_to_its_place_in_the_article(get):
    html = get("/pantau/red_zone?year=2021").text
    article = tilde_encode("https://sultrapos.example/2022/02/kepatuhan-2021")
    assert f'href="/pantau/articles/{article}#:~:text=Pemerintah%20Kabupaten%20Konawe' in html
