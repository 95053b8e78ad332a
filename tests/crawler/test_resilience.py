"""A crawl killed mid-way loses nothing and resumes without duplicates; a site that dies
mid-crawl is given up quickly with a clear line instead of grinding through every page."""

import os
import signal
import subprocess
import time

from crawler.archive import archive_files, iter_records
from tests.crawler.running import REPO, crawl_command, run_crawl, write_sources
from tests.crawler.servers import Reply, Site, article_html, sitemap_xml

N = 40


def news_site(delay: float = 0.0) -> Site:
    site = Site().start()
    paths = [f"/2024/12/{n:02d}/ombudsman-nilai-daerah-{n}" for n in range(N)]
    site.routes["/sitemap.xml"] = Reply(200, sitemap_xml([(site.url(p), None) for p in paths]))
    for path in paths:
        site.routes[path] = Reply(200, article_html(f"Ombudsman {path}"), delay=delay)
    return site


def archived_urls(workdir) -> list[str]:
    return [r.url for path in archive_files(workdir) for r in iter_records(path)]


def test_a_killed_crawl_resumes_without_losing_or_duplicating_pages(tmp_path):
    site = news_site(delay=0.1)
    entry = [{"name": "kabar.id", "url": site.base + "/", "discover": ["sitemap"]}]
    workdir = tmp_path / "work"
    sources = write_sources(tmp_path / "sources.yaml", entry)
    try:
        crawl = subprocess.Popen(
            crawl_command(sources, workdir),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 90
        while len(archived_urls(workdir)) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()
        before = archived_urls(workdir)
        assert 5 <= len(before) < N, "the kill must land mid-crawl"
        rerun = run_crawl(entry, workdir)
    finally:
        site.stop()
    after = archived_urls(workdir)
    assert sorted(set(after)) == sorted(site.url(p) for p in site.routes if "/2024/" in p)
    assert len(after) == len(set(after)) == N  # every page archived exactly once
    assert after[: len(before)] == before  # nothing archived before the kill was lost
    assert rerun.of("kabar.id")["articles_found"] == N - len(before)
    # what was archived before the kill was not fetched again
    assert [site.fetched(url[len(site.base) :]) for url in before] == [1] * len(before)


def test_a_site_that_goes_down_mid_crawl_is_given_up_with_a_clear_line(tmp_path):
    site = news_site()
    served = []

    def article(request):
        served.append(request.path)
        if len(served) == 4:
            site.go_down()
        return Reply(200, article_html(f"Ombudsman {request.path}"))

    for path in list(site.routes):
        if "/2024/" in path:
            site.routes[path] = article
    entry = [{"name": "kabar.id", "url": site.base + "/", "discover": ["sitemap"]}]
    try:
        run = run_crawl(entry, tmp_path / "work", settings={"PANTAU_SITE_DOWN_AFTER": 3})
    finally:
        site.stop()
    health = run.of("kabar.id")
    assert health["errors_by_kind"]["site_down"] == 1
    lost = {k: v for k, v in health["errors_by_kind"].items() if k != "site_down"}
    assert set(lost) <= {"connection_refused", "connection_lost", "timeout"}
    assert sum(lost.values()) == 3
    assert "kabar.id: 3 requests in a row failed to connect — the site seems down" in run.stderr
    assert len(archived_urls(tmp_path / "work")) == health["articles_found"] >= 3
