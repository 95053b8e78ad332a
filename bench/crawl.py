"""Crawl benchmark: pantau's crawler against a bare Scrapy spider on the same generated site.

A site of PANTAU_BENCH_PAGES (default 5,000) article pages behind a sitemap index is served from
127.0.0.1; each crawler runs in its own subprocess (the Twisted reactor starts once per process)
with the same download settings (robots.txt on, same concurrency, no AutoThrottle or delay, so
politeness is not what is measured). The bare spider only fetches the pages; pantau also
discovers, filters, deduplicates, archives to WARC and records state. Prints pages/s, peak
memory (ru_maxrss) and pantau's cost relative to the bare spider (target: at most 1.3×).

    python -m bench.crawl            # or `make bench`, which calls main()
    PANTAU_BENCH_PAGES=1000 PANTAU_BENCH_REPEATS=1 python -m bench.crawl   # a quick look
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.3
PER_SITEMAP = 1000
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": True,
    "PANTAU_PROGRESS_INTERVAL": 5,
}
_PARAGRAPH = (
    "Ombudsman RI Perwakilan menyerahkan hasil penilaian kepatuhan penyelenggaraan pelayanan "
    "publik kepada pemerintah kabupaten dengan nilai 88,5 dan predikat zona hijau. "
) * 25


# ---------------------------------------------------------------- the generated site


def article_path(n: int) -> str:
    return f"/{2020 + n % 5}/{1 + n % 12:02d}/pemkab-{n}-raih-nilai-kepatuhan-pelayanan-publik"


def serve_site(pages: int) -> tuple[ThreadingHTTPServer, str]:
    """Start the generated site on a free port; returns the server and its base URL."""
    sitemaps = (pages + PER_SITEMAP - 1) // PER_SITEMAP

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else keep-alive responses stall on delayed ACKs

        def do_GET(self):  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            status, ctype, body = 200, "text/html; charset=utf-8", b""
            if self.path == "/robots.txt":
                ctype = "text/plain"
                body = f"User-agent: *\nSitemap: {base}/sitemap_index.xml\n".encode()
            elif self.path == "/sitemap_index.xml":
                ctype = "application/xml"
                items = "".join(
                    f"<sitemap><loc>{base}/sitemap-{i}.xml</loc></sitemap>" for i in range(sitemaps)
                )
                body = (
                    '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                    f'sitemap/0.9">{items}</sitemapindex>'
                ).encode()
            elif self.path.startswith("/sitemap-"):
                ctype = "application/xml"
                i = int(self.path[len("/sitemap-") : -len(".xml")])
                numbers = range(i * PER_SITEMAP, min(pages, (i + 1) * PER_SITEMAP))
                urls = "".join(f"<url><loc>{base}{article_path(n)}</loc></url>" for n in numbers)
                body = (
                    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                    f'sitemap/0.9">{urls}</urlset>'
                ).encode()
            else:
                body = (
                    f"<!doctype html><html><head><title>{self.path}</title></head><body>"
                    f"<article><h1>{self.path}</h1><p>{_PARAGRAPH}</p></article></body></html>"
                ).encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---------------------------------------------------------------- the two crawlers (children)


def child_pantau(base: str, workdir: Path) -> dict:
    from crawler.crawl import crawl_sources
    from pantau.config import SourceConfig

    source = SourceConfig("bench.local", base + "/", discover=("sitemap",))
    started = time.perf_counter()
    health = crawl_sources([source], workdir, since=None, until=None, settings=SETTINGS)
    seconds = time.perf_counter() - started
    return {
        "pages": health[0]["pages_fetched"],
        "articles": health[0]["articles_found"],
        "seconds": seconds,
    }


def child_bare(base: str) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    from pantau.config import USER_AGENT

    class BareSpider(SitemapSpider):
        """Fetches every page the sitemaps list and does nothing with it."""

        name = "bare"
        sitemap_urls = [base + "/robots.txt"]

        def parse(self, response):
            return None

    settings = {
        **SETTINGS,
        "USER_AGENT": USER_AGENT,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "DOWNLOAD_TIMEOUT": 30,
    }
    started = time.perf_counter()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    seconds = time.perf_counter() - started
    assert scrapy  # imported for the spider base classes
    return {"pages": crawler.stats.get_value("response_received_count", 0), "seconds": seconds}


def _child(argv: list[str]) -> None:
    kind, base = argv[0], argv[1]
    result = child_pantau(base, Path(argv[2])) if kind == "pantau" else child_bare(base)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH " + json.dumps(result), flush=True)


# ---------------------------------------------------------------- the benchmark (parent)


def _run_child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.crawl", "--child", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[len("BENCH ") :])
    raise RuntimeError(f"benchmark child {args[0]} failed:\n{done.stderr[-3000:]}")


def main() -> int:
    pages = int(os.environ.get("PANTAU_BENCH_PAGES", "5000"))
    repeats = max(1, int(os.environ.get("PANTAU_BENCH_REPEATS", "2")))
    server, base = serve_site(pages)
    bares, ours_runs = [], []
    try:
        # Interleaved, best of `repeats`: a shared machine's load hits both crawlers alike.
        for n in range(repeats):
            bares.append(_run_child("bare", base))
            with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
                ours_runs.append(_run_child("pantau", base, str(Path(tmp) / f"work{n}")))
    finally:
        server.shutdown()
    bare = min(bares, key=lambda r: r["seconds"])
    ours = min(ours_runs, key=lambda r: r["seconds"])
    print(
        f"crawl benchmark: {pages} generated article pages on 127.0.0.1 (same settings, "
        f"best of {repeats})"
    )
    print(f"  {'crawler':<22}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'peak MB':>10}")
    for name, r in (("bare Scrapy spider", bare), ("pantau crawl", ours)):
        rate = r["pages"] / r["seconds"] if r["seconds"] else 0.0
        print(f"  {name:<22}{r['pages']:>8}{r['seconds']:>10.1f}{rate:>10.0f}{r['peak_mb']:>10.0f}")
    cost = (ours["seconds"] / max(ours["pages"], 1)) / (bare["seconds"] / max(bare["pages"], 1))
    verdict = "within" if cost <= TARGET_RATIO else "ABOVE"
    print(
        f"  pantau archived {ours['articles']} articles; cost per page {cost:.2f}× the bare "
        f"spider ({verdict} the {TARGET_RATIO}× target)"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
    else:
        sys.exit(main())
