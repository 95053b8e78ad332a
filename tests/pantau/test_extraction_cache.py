"""The extraction cache returns what was stored for an unchanged page and never trusts a bad file."""

from extract.model import Article, Page, ScoreRecord
from pantau.extraction_cache import CACHE_FILE, ExtractionCache, page_key

PAGE = Page(url="https://kabar.example/a.html", body=b"<html>isi</html>", fetched_at="2025-02-05")


def _record() -> ScoreRecord:
    return ScoreRecord(
        doc_id="a",
        agency="Dinsos",
        agency_name="Dinas Sosial Kabupaten Serang",
        score=94.62,
        quote="Dinsos meraih nilai 94, 62",
        start=0,
        end=26,
        zone="hijau",
        zone_source="stated",
        flags=["shared_score"],
    )


def test_a_new_page_is_a_miss(tmp_path):
    cache = ExtractionCache(tmp_path)
    assert cache.get(page_key(PAGE)) is None
    assert cache.hits == 0


def test_a_stored_page_comes_back_equal_after_reopening(tmp_path):
    article = Article(doc_id="a", text="Dinsos meraih nilai 94, 62", url=PAGE.url)
    cache = ExtractionCache(tmp_path)
    cache.put(page_key(PAGE), article, None, [_record()])
    cache.close()
    again = ExtractionCache(tmp_path)
    assert again.get(page_key(PAGE)) == (article, None, [_record()])
    assert again.hits == 1


def test_a_skipped_page_keeps_its_reason(tmp_path):
    cache = ExtractionCache(tmp_path)
    cache.put(page_key(PAGE), None, "empty body", [])
    assert cache.get(page_key(PAGE)) == (None, "empty body", [])


def test_changed_bytes_or_fetch_time_make_a_new_key():
    changed_body = Page(url=PAGE.url, body=b"<html>isi baru</html>", fetched_at=PAGE.fetched_at)
    refetched = Page(url=PAGE.url, body=PAGE.body, fetched_at="2025-03-01")
    assert len({page_key(PAGE), page_key(changed_body), page_key(refetched)}) == 3


def test_an_unreadable_cache_file_is_replaced_not_trusted(tmp_path, caplog):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not sqlite at all" * 100)
    cache = ExtractionCache(tmp_path)
    assert cache.get(page_key(PAGE)) is None
    assert "unreadable" in caplog.text
