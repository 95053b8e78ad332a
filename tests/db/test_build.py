"""build_database: the tables and view of the contract, determinism, atomicity, search."""

from __future__ import annotations

import random
import sqlite3

import pytest
import sqlite_utils

import db.build
from db.build import build_database
from extract.model import ScoreRecord
from pantau.errors import DataError
from tests.db.sample_data import ARTICLES, CRAWL_RUNS, build_sample, records

KENDARI = "Pemerintah Kota Kendari"


def rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_scores_view_has_the_cli_contract_columns(demo_db):
    columns = set(sqlite_utils.Database(demo_db)["scores"].columns_dict)
    contract = {"article_url", "agency", "agency_name", "government", "region_code", "score"}
    contract |= {"zone", "category", "assessment_year", "quote", "zone_source", "published"}
    contract |= {"site", "title", "confidence"}
    assert contract <= columns


def test_articles_table_has_citation_columns(demo_db):
    columns = set(sqlite_utils.Database(demo_db)["articles"].columns_dict)
    assert {"url", "title", "published", "site", "text"} <= columns


def test_every_mention_quote_is_found_at_its_offsets(demo_db):
    found = rows(
        demo_db,
        "select m.quote, substr(a.text, m.start + 1, m.end - m.start) as cut "
        "from mentions m join articles a on a.url = m.article_url",
    )
    assert len(found) == len(records())
    assert all(r["quote"] == r["cut"] for r in found)


def test_same_inputs_give_a_byte_identical_file(tmp_path):
    first, second = tmp_path / "a" / "pantau.db", tmp_path / "b" / "pantau.db"
    build_sample(first)
    shuffled_articles, shuffled_records = list(ARTICLES), records()
    random.Random(7).shuffle(shuffled_articles)
    random.Random(7).shuffle(shuffled_records)
    build_database(second, shuffled_articles, shuffled_records, list(reversed(CRAWL_RUNS)))
    assert first.read_bytes() == second.read_bytes()


def test_rebuilding_in_place_gives_the_same_bytes(tmp_path):
    path = tmp_path / "pantau.db"
    build_sample(path)
    before = path.read_bytes()
    build_sample(path)
    assert path.read_bytes() == before


def test_failed_build_leaves_the_previous_database_intact(tmp_path, monkeypatch):
    path = tmp_path / "pantau.db"
    build_sample(path)
    before = path.read_bytes()

    def explode(database):
        raise RuntimeError("disk full while indexing")

    monkeypatch.setattr(db.build, "enable_search", explode)
    with pytest.raises(RuntimeError):
        build_database(path, list(ARTICLES), records(), [])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pantau.db"]


def test_damaged_crawl_run_is_a_one_line_data_error(tmp_path):
    with pytest.raises(DataError, match=r"crawl run #2 has no 'source'"):
        build_database(tmp_path / "x.db", [], [], [CRAWL_RUNS[0], {"pages_fetched": 3}])
    assert not (tmp_path / "x.db").exists()


def test_empty_inputs_build_every_table(tmp_path):
    path = tmp_path / "empty.db"
    stats = build_database(path, [], [], [])
    names = set(sqlite_utils.Database(path).table_names())
    assert {"articles", "mentions", "assessments", "agencies", "regions", "sources"} <= names
    assert stats["articles"] == 0 and stats["data_as_of"] == "unknown"


def test_stats_count_what_was_written(demo_db, tmp_path):
    stats = build_sample(tmp_path / "p.db")
    counts = {t: sqlite_utils.Database(demo_db)[t].count for t in ("articles", "mentions")}
    assert (stats["articles"], stats["mentions"]) == (counts["articles"], counts["mentions"])
    assert stats["data_as_of"] == "2024-12-19T09:05:00Z"  # newest input timestamp, not the clock


def test_syndicated_copy_joins_the_original_story(demo_db):
    story = {r["url"]: r["story_id"] for r in rows(demo_db, "select url, story_id from articles")}
    original = "https://sultrapos.example/2023/01/kendari-zona-hijau"
    assert story["https://mitranews.example/read/kendari-zona-hijau"] == original
    assert story["https://kendariku.example/pemkot-zona-hijau"] != original


def test_consensus_counts_independent_stories_and_flags_the_conflict(demo_db):
    [row] = rows(
        demo_db,
        "select * from assessments where agency_id = ? and assessment_year = 2022",
        (KENDARI,),
    )
    assert row["score"] == 80.42
    assert (row["sources"], row["reports"]) == (3, 4)  # the syndicated copy counts once
    assert row["conflict"] == 1
    assert row["competing_values"] == "80,42 (2 stories); 80,43 (1 story)"
    assert row["first_reported"] == "2023-01-09"


def test_unstated_zone_is_derived_from_the_year_scale(demo_db):
    [row] = rows(
        demo_db,
        "select zone, zone_source, category from assessments "
        "where agency_id = 'Pemerintah Provinsi Jawa Barat'",
    )
    assert row == {"zone": "hijau", "zone_source": "derived", "category": "B"}


def test_printed_opinion_label_is_normalised_to_its_letter(demo_db):
    [row] = rows(
        demo_db,
        "select category, category_source from assessments "
        "where agency_id = ? and assessment_year = 2022",
        (KENDARI,),
    )
    assert row == {"category": "B", "category_source": "stated"}


def test_regions_cover_every_province_with_text_codes(demo_db):
    db = sqlite_utils.Database(demo_db)
    assert db["regions"].count_where("level = 'provinsi'") == 38
    assert db["regions"].columns_dict["code"] is str
    [bogor] = rows(demo_db, "select * from regions where code = '32.01'")
    assert (bogor["name"], bogor["province_name"]) == ("Kabupaten Bogor", "Jawa Barat")


def test_agency_of_a_regency_body_keeps_its_government(demo_db):
    [row] = rows(demo_db, "select * from agencies where id like 'Dinas Kesehatan%'")
    assert row["government"] == "Kota Kendari" and row["type"] == "perangkat_daerah"
    [pemkot] = rows(demo_db, "select abbreviation, years from agencies where id = ?", (KENDARI,))
    assert pemkot == {"abbreviation": "Pemkot Kendari", "years": "2021,2022,2023"}


def test_crawl_health_is_stored_per_source_and_run(demo_db):
    found = rows(demo_db, "select source, errors_total, errors_by_kind from sources order by 1")
    assert found[1] == {
        "source": "sultrapos",
        "errors_total": 1,
        "errors_by_kind": '{"timeout": 1}',
    }


def test_foreign_keys_point_at_existing_rows(demo_db):
    conn = sqlite3.connect(demo_db)
    try:
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    assert problems == []


def search(path, table, query):
    return rows(
        path,
        f"select rowid from {table}_fts where {table}_fts match ? order by rowid",
        (query,),
    )


def test_search_finds_indonesian_words(demo_db):
    assert len(search(demo_db, "articles", "pelayanan")) == 8


def test_search_matches_whole_words_unless_a_prefix_is_asked(demo_db):
    assert search(demo_db, "articles", "pelayan") == []
    assert len(search(demo_db, "articles", "pelayan*")) == 8


def test_search_uses_unicode61_without_english_stemming(demo_db):
    sql = sqlite_utils.Database(demo_db)["articles_fts"].schema
    assert "unicode61 remove_diacritics 2" in sql and "porter" not in sql


def test_agencies_are_searchable_by_abbreviation(demo_db):
    assert len(search(demo_db, "agencies", "pemkot")) == 1


def test_a_government_spelt_two_ways_is_one_body(tmp_path):
    path = tmp_path / "p.db"
    text = "Pemkot Pagaralam meraih nilai 81,50. Pemerintah Kota Pagar Alam juga dipuji."
    article = ARTICLES[0].__class__("pg", text, "https://a.example/pg", published="2023-01-02")
    common = {"government": "Kota Pagar Alam", "region_code": "16.72", "assessment_year": 2022}
    common["agency_type"] = "pemerintah_daerah"
    first = ScoreRecord("pg", "Pemkot Pagaralam", "Pemerintah Kota Pagaralam", 81.5,
                        "Pemkot Pagaralam meraih nilai 81,50", 0, 35, **common)  # fmt: skip
    second = ScoreRecord("pg", "Pemerintah Kota Pagar Alam", "Pemerintah Kota Pagar Alam", 81.5,
                         "Pemerintah Kota Pagar Alam", 37, 63, **common)  # fmt: skip
    build_database(path, [article], [first, second], [])
    assert [r["id"] for r in rows(path, "select id from agencies")] == [
        "Pemerintah Kota Pagar Alam"
    ]


def test_unwritable_target_is_a_one_line_data_error(tmp_path):
    folder_in_the_way = tmp_path / "pantau.db"
    (folder_in_the_way / "keep.txt").parent.mkdir()
    (folder_in_the_way / "keep.txt").write_text("not a database")
    with pytest.raises(DataError, match=r"could not write database .*pantau\.db"):
        build_database(folder_in_the_way, [], [], [])
    assert (folder_in_the_way / "keep.txt").read_text() == "not a database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pantau.db"]


def test_an_impossible_score_never_becomes_the_consensus(tmp_path):
    path = tmp_path / "p.db"
    text = "Pemkab Bogor meraih nilai 107,00 menurut laporan ini."
    article = ARTICLES[0].__class__("x", text, "https://a.example/x", published="2023-01-02")
    typo = ScoreRecord("x", "Pemkab Bogor", "Pemerintah Kabupaten Bogor", 107.0,
                       "Pemkab Bogor meraih nilai 107,00", 0, 32, assessment_year=2022,
                       flags=["out_of_range"])  # fmt: skip
    build_database(path, list(ARTICLES) + [article], records() + [typo], [])
    [row] = rows(path, "select score, sources from assessments "
                 "where agency_id = 'Pemerintah Kabupaten Bogor' and assessment_year = 2022")  # fmt: skip
    assert row == {"score": 30.5, "sources": 1}
    assert rows(path, "select count(*) as n from mentions where score = 107")[0]["n"] == 1
