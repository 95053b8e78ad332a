"""A misbehaving site, crawled once: every fault ends in the right error kind, one clear log line,
and the pages that could be saved are archived byte-for-byte."""

import socket
import time

import pytest

from crawler.archive import iter_archived_pages
from crawler.state import load_crawl_runs
from tests.crawler.running import run_crawl
from tests.crawler.servers import Reply, Site, article_html, robots_txt, sitemap_xml

CP1252 = "Skor 88,5 \u2013 \u201czona hijau\u201d".encode("cp1252")  # not valid UTF-8
LATIN1 = "<html><head><meta charset='iso-8859-1'></head><body>Peringkat \xe9</body></html>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flaky(request):
    """500 on the first try, fine afterwards."""
    if request.hits == 1:
        return Reply(500, b"oops")
    return Reply(200, article_html("Ombudsman flaky"))


busy_times: list[float] = []


def busy(request):
    """429 asking for a 1 s pause, then fine."""
    busy_times.append(time.monotonic())
    if request.hits == 1:
        return Reply(429, b"slow down", {"Retry-After": "1"})
    return Reply(200, article_html("Ombudsman busy"))


PAGES = {
    "/a/404-ombudsman": Reply(404, b"gone"),
    "/a/410-ombudsman": Reply(410, b"gone for good"),
    "/a/flaky-ombudsman": flaky,
    "/a/busy-ombudsman": busy,
    "/a/down-ombudsman": Reply(503, b"maintenance"),
    "/a/later-ombudsman": Reply(503, b"come back tomorrow", {"Retry-After": "86400"}),
    "/a/slow-ombudsman": Reply(200, article_html("slow"), delay=5),
    "/a/loop-ombudsman": Reply(302, b"", {"Location": "/a/loop-back"}),
    "/a/loop-back": Reply(302, b"", {"Location": "/a/loop-ombudsman"}),
    "/a/cp1252-ombudsman": Reply(200, b"<html><body><p>" + CP1252 + b"</p></body></html>"),
    "/a/latin1-ombudsman": Reply(
        200, LATIN1.encode("latin-1"), {"Content-Type": "text/html; charset=iso-8859-1"}
    ),
    "/a/nocharset-ombudsman": Reply(
        200, b"<html><body><p>" + CP1252 + b"</p></body></html>", {"Content-Type": "text/html"}
    ),
    "/a/gzip-ombudsman": Reply(200, article_html("Ombudsman gzip"), gzip=True),
    "/a/huge-ombudsman": Reply(200, b"<html><body>", stream_bytes=50 * 1024 * 1024),
    "/a/pdf-ombudsman.html": Reply(200, b"%PDF-1.4 binary", {"Content-Type": "application/pdf"}),
    "/a/mislabelled-ombudsman.html": Reply(200, b"%PDF-1.4 \x00\x01 binary"),
    "/a/malformed-ombudsman": Reply(200, b"<html><body><p>Ombudsman <b>skor <i>90</p></div>"),
    "/a/empty-ombudsman": Reply(200, b""),
    "/private/ombudsman-rahasia": Reply(200, article_html("rahasia")),
}
ARCHIVED = {
    "/a/big-sitemap-ombudsman",
    "/a/flaky-ombudsman",
    "/a/busy-ombudsman",
    "/a/cp1252-ombudsman",
    "/a/latin1-ombudsman",
    "/a/nocharset-ombudsman",
    "/a/gzip-ombudsman",
    "/a/malformed-ombudsman",
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = Site(PAGES).start()
    site.routes["/robots.txt"] = robots_txt(
        "User-agent: *",
        "Disallow: /private/",
        f"Sitemap: {site.url('/sitemap.xml')}",
        f"Sitemap: {site.url('/private/sitemap.xml')}",
        f"Sitemap: {site.url('/big-sitemap.xml')}",
    )
    site.routes["/private/sitemap.xml"] = Reply(200, sitemap_xml([]))
    # a legal sitemap bigger than DOWNLOAD_MAXSIZE (the spec allows 50 MB): must still be read
    big = sitemap_xml([(site.url("/a/big-sitemap-ombudsman"), None)])
    site.routes["/big-sitemap.xml"] = Reply(
        200, big.replace(b"<url>", b" " * 11_000_000 + b"<url>")
    )
    site.routes["/a/big-sitemap-ombudsman"] = Reply(200, article_html("Ombudsman big sitemap"))
    site.routes["/sitemap.xml"] = Reply(
        200, sitemap_xml([(site.url(p), None) for p in PAGES if p != "/a/loop-back"])
    )
    workdir = tmp_path_factory.mktemp("faults") / "work"
    entry = {"name": "rusak.id", "url": site.base + "/", "discover": ["sitemap"]}
    empty = Site().start()  # nothing but 404s: auto-detection finds no route
    nothing = {"name": "kosong.id", "url": empty.base + "/"}
    dead = {"name": "mati.id", "url": f"http://127.0.0.1:{free_port()}/", "discover": ["sitemap"]}
    run = run_crawl(
        [entry, nothing, dead],
        workdir,
        settings={"PANTAU_PROGRESS_INTERVAL": 1, "DOWNLOAD_TIMEOUT": 2.5},
    )
    yield run, site, workdir
    site.stop()
    empty.stop()


def test_every_fault_is_counted_under_its_kind(crawled):
    run, _, _ = crawled
    assert run.of("rusak.id")["errors_by_kind"] == {
        "bad_encoding": 1,
        "empty_body": 1,
        "http_404": 1,
        "http_410": 1,
        "http_5xx": 2,
        "not_html": 2,
        "redirect_loop": 1,
        "robots_forbidden": 2,
        "timeout": 1,
        "too_large": 1,
    }
    assert run.of("rusak.id")["errors_total"] == 13
    assert run.returncode == 1


def test_pages_that_could_be_saved_are_archived_as_fetched(crawled):
    _, site, workdir = crawled
    pages = {p.url[len(site.base) :]: p for p in iter_archived_pages(workdir)}
    assert set(pages) == ARCHIVED
    assert CP1252 in pages["/a/cp1252-ombudsman"].body  # raw bytes, never re-encoded
    assert pages["/a/latin1-ombudsman"].body == LATIN1.encode("latin-1")
    assert b"Ombudsman gzip" in pages["/a/gzip-ombudsman"].body  # stored decoded
    assert "Content-Encoding" not in pages["/a/gzip-ombudsman"].headers


def test_server_errors_are_retried_and_then_given_up_with_one_clear_line(crawled):
    run, site, _ = crawled
    assert site.fetched("/a/flaky-ombudsman", status=200) == 1
    assert site.fetched("/a/down-ombudsman", status=503) == 3
    line = f"rusak.id: 503 on {site.url('/a/down-ombudsman')} after 3 tries — skipped"
    assert line in run.stderr


def test_a_retry_after_beyond_the_limit_gives_up_at_once(crawled):
    run, site, _ = crawled
    assert site.fetched("/a/later-ombudsman", status=503) == 1
    assert (
        f"503 with Retry-After 86400 s on {site.url('/a/later-ombudsman')} — skipped" in run.stderr
    )


def test_robots_txt_also_guards_sitemaps(crawled):
    run, site, _ = crawled
    assert site.fetched("/private/sitemap.xml", status=None) == 0
    assert f"forbidden by robots.txt on {site.url('/private/sitemap.xml')}" in run.stderr


def test_retry_after_is_honoured_on_429(crawled):
    _, site, _ = crawled
    assert len(busy_times) == 2
    assert busy_times[1] - busy_times[0] >= 1.0


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/a/404-ombudsman", "404"),
        ("/a/slow-ombudsman", "after 3 tries"),
        ("/a/loop-ombudsman", "redirect loop"),
        ("/a/huge-ombudsman", "larger than DOWNLOAD_MAXSIZE"),
        ("/a/pdf-ombudsman.html", "not HTML (application/pdf)"),
        ("/a/empty-ombudsman", "empty body"),
        ("/a/cp1252-ombudsman", "declared UTF-8 but is not"),
        ("/private/ombudsman-rahasia", "forbidden by robots.txt"),
    ],
)
def test_each_failure_has_a_log_line_naming_the_url(crawled, path, words):
    run, site, _ = crawled
    line = next((x for x in run.stderr.splitlines() if site.url(path) + " " in x + " "), "")
    assert words in line and line.startswith("WARNING pantau.crawl: rusak.id: ")


def test_the_summary_is_stored_for_the_health_page(crawled):
    run, _, workdir = crawled
    [stored] = [r for r in load_crawl_runs(workdir) if r["source"] == "rusak.id"]
    assert stored["errors_by_kind"] == run.of("rusak.id")["errors_by_kind"]
    assert stored["articles_found"] == len(ARCHIVED)


def test_progress_is_reported_while_the_crawl_runs(crawled):
    run, _, _ = crawled
    assert "INFO pantau.crawl: progress: 2/3 sources done, " in run.stderr


def test_a_site_offering_no_route_says_what_to_do(crawled):
    run, _, _ = crawled
    assert run.of("kosong.id")["errors_by_kind"] == {"no_route": 1}
    assert "kosong.id: found no any discovery route" not in run.stderr
    assert "kosong.id: found no discovery route at http://127.0.0.1:" in run.stderr
    assert "add a `discover:` route or `search_url` to its entry" in run.stderr


def test_an_unreachable_site_is_one_line_per_failure_and_no_traceback(crawled):
    run, _, workdir = crawled
    assert run.of("mati.id")["errors_by_kind"] == {"connection_refused": 1}
    assert "mati.id: connection refused on http://127.0.0.1:" in run.stderr
    assert "Traceback" not in run.stderr
    log_file = next((workdir / "logs").glob("crawl-*.log")).read_text()
    assert "Traceback" in log_file  # Scrapy's robots.txt failure, kept in full for debugging
