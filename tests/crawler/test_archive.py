"""The WARC archive round-trips pages, keeps the newest copy per canonical URL and survives a
crash mid-write; state.sqlite keeps the runs."""

import os
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator

from crawler.archive import ArchiveWriter, archive_dir, iter_archived_pages, iter_records
from crawler.recovery import reconcile_archive
from crawler.state import CrawlState, load_crawl_runs


def write(writer, url, body, when, source="kabar.id"):
    return writer.write(
        url=url,
        status=200,
        reason="OK",
        headers=[("Content-Type", "text/html; charset=windows-1252"), ("ETag", '"v1"')],
        body=body,
        request_headers=[("User-Agent", "pantau")],
        method="GET",
        fetched_at=when,
        source=source,
        route="sitemap",
        found_on="https://kabar.id/sitemap.xml",
    )


def test_pages_come_back_byte_for_byte_with_headers_and_provenance(tmp_path):
    writer = ArchiveWriter(tmp_path, "r1")
    body = "Skor 88,5 \u2013 zona hijau".encode("cp1252")
    write(writer, "https://kabar.id/b", body, "2024-12-10T01:00:00Z")
    writer.close()
    [page] = iter_archived_pages(tmp_path)
    assert page.body == body
    assert page.url == "https://kabar.id/b"
    assert page.headers["Content-Type"] == "text/html; charset=windows-1252"
    assert page.source == "kabar.id"
    assert page.fetched_at == "2024-12-10T01:00:00Z"
    [record] = iter_records(next(archive_dir(tmp_path).glob("*.warc.gz")))
    assert record.route == "sitemap"


def test_each_file_starts_with_a_warcinfo_record_naming_the_run(tmp_path):
    writer = ArchiveWriter(tmp_path, "r1")
    write(writer, "https://kabar.id/b", b"<p>b</p>", "2024-12-10T01:00:00Z")
    writer.close()
    path = next(archive_dir(tmp_path).glob("*.warc.gz"))
    with open(path, "rb") as f:
        first = next(iter(ArchiveIterator(f)))
        assert first.rec_type == "warcinfo"
        assert b"isPartOf: pantau-r1" in first.content_stream().read()


def test_newest_copy_per_canonical_url_in_url_order(tmp_path):
    first = ArchiveWriter(tmp_path, "r1")
    write(first, "https://kabar.id/z", b"<p>z</p>", "2024-12-10T01:00:00Z")
    write(first, "http://www.kabar.id/a/?utm_source=x", b"<p>old</p>", "2024-12-10T01:00:00Z")
    first.close()
    second = ArchiveWriter(tmp_path, "r2")
    write(second, "https://kabar.id/a", b"<p>new</p>", "2024-12-11T01:00:00Z")
    second.close()
    pages = list(iter_archived_pages(tmp_path))
    assert [(p.url, p.body) for p in pages] == [
        ("https://kabar.id/a", b"<p>new</p>"),
        ("https://kabar.id/z", b"<p>z</p>"),
    ]


def test_files_rotate_by_size(tmp_path):
    writer = ArchiveWriter(tmp_path, "r1", max_file_bytes=1)
    for n in range(3):
        write(writer, f"https://kabar.id/{n}", b"<p>x</p>", "2024-12-10T01:00:00Z")
    writer.close()
    assert len(list(archive_dir(tmp_path).glob("pantau-r1-*.warc.gz"))) == 3
    assert len(list(iter_archived_pages(tmp_path))) == 3


def test_a_truncated_last_record_is_skipped_and_the_rest_kept(tmp_path, caplog):
    writer = ArchiveWriter(tmp_path, "r1")
    _, end_of_a = write(writer, "https://kabar.id/a", b"<p>a</p>", "2024-12-10T01:00:00Z")
    write(writer, "https://kabar.id/b", os.urandom(3000), "2024-12-10T01:00:00Z")
    writer.close()
    path = next(archive_dir(tmp_path).glob("*.warc.gz"))
    data = path.read_bytes()
    path.write_bytes(data[: end_of_a + 1500])  # the crash cut b's response record short
    pages = list(iter_archived_pages(tmp_path))
    assert [p.url for p in pages] == ["https://kabar.id/a"]
    assert "truncated or corrupt record" in caplog.text


def test_no_cut_point_ever_yields_a_partial_body(tmp_path):
    writer = ArchiveWriter(tmp_path, "r1")
    _, end_of_a = write(writer, "https://kabar.id/a", b"<p>a</p>", "2024-12-10T01:00:00Z")
    body_b = os.urandom(3000)
    write(writer, "https://kabar.id/b", body_b, "2024-12-10T01:00:00Z")
    writer.close()
    path = next(archive_dir(tmp_path).glob("*.warc.gz"))
    data = path.read_bytes()
    for cut in range(end_of_a, len(data), 61):
        path.write_bytes(data[:cut])
        pages = {p.url: p.body for p in iter_archived_pages(tmp_path)}
        assert pages.get("https://kabar.id/a") == b"<p>a</p>"
        assert pages.get("https://kabar.id/b", body_b) == body_b, cut


def test_recovery_records_pages_archived_but_not_yet_in_state(tmp_path):
    writer = ArchiveWriter(tmp_path, "r1")
    write(writer, "https://kabar.id/a", b"<p>a</p>", "2024-12-10T01:00:00Z")
    writer.close()  # killed before the state row was written
    state = CrawlState(tmp_path)
    assert state.known("https://kabar.id/a") is None
    assert reconcile_archive(state, tmp_path) == 1
    known = state.known("https://kabar.id/a")
    assert (known.outcome, known.etag) == ("archived", '"v1"')
    assert reconcile_archive(state, tmp_path) == 0  # the scan starts past committed bytes


def test_crawl_runs_come_back_oldest_first_with_error_kinds(tmp_path):
    assert load_crawl_runs(tmp_path) == []
    state = CrawlState(tmp_path)
    for run, started in (("r2", "2024-12-11T00:00:00Z"), ("r1", "2024-12-10T00:00:00Z")):
        state.record_run(
            {
                "source": "kabar.id",
                "run_id": run,
                "started_at": started,
                "finished_at": started,
                "pages_fetched": 3,
                "articles_found": 2,
                "not_modified": 0,
                "errors_total": 1,
                "errors_by_kind": {"http_404": 1},
            }
        )
    state.close()
    runs = load_crawl_runs(tmp_path)
    assert [r["run_id"] for r in runs] == ["r1", "r2"]
    assert runs[0]["errors_by_kind"] == {"http_404": 1}
    assert runs[0]["pages_fetched"] == 3


def test_reading_the_archive_and_state_does_not_import_scrapy():
    code = (
        "import sys, crawler.archive, crawler.state, crawler.recovery, crawler.discovery,"
        " crawler.check, extract.urls;"
        "sys.exit('scrapy' in sys.modules or 'twisted' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
