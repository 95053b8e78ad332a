"""The crawler is a good citizen with its default settings: identifiable, at most two requests
at a time per site, and robots.txt's Crawl-delay kept even with AutoThrottle on."""

from pantau.config import USER_AGENT
from tests.crawler.running import run_crawl
from tests.crawler.servers import Reply, Site, article_html, robots_txt, sitemap_xml

PATHS = [f"/2024/12/{n:02d}/ombudsman-nilai-{n}" for n in range(6)]
DEFAULTS = {  # undo the test speed-ups that touch politeness; keep only a short start delay
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 0.1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
}


def site_with(robots_lines: list[str], delay: float) -> Site:
    site = Site().start()
    site.routes["/robots.txt"] = robots_txt(*robots_lines, f"Sitemap: {site.url('/sitemap.xml')}")
    site.routes["/sitemap.xml"] = Reply(200, sitemap_xml([(site.url(p), None) for p in PATHS]))
    for path in PATHS:
        site.routes[path] = Reply(200, article_html(f"Ombudsman {path}"), delay=delay)
    return site


def crawl(site: Site, tmp_path) -> None:
    entry = [{"name": "kabar.id", "url": site.base + "/", "discover": ["sitemap"]}]
    try:
        run = run_crawl(entry, tmp_path / "work", settings=DEFAULTS)
    finally:
        site.stop()
    assert run.of("kabar.id")["articles_found"] == len(PATHS)


def test_at_most_two_requests_at_a_time_with_pantaus_user_agent(tmp_path):
    site = site_with(["User-agent: *", "Allow: /"], delay=0.4)
    crawl(site, tmp_path)
    assert site.max_active <= 2
    assert {h.headers.get("user-agent") for h in site.hits} == {USER_AGENT}


def test_robots_crawl_delay_spaces_out_requests(tmp_path):
    site = site_with(["User-agent: *", "Crawl-delay: 1"], delay=0)
    crawl(site, tmp_path)
    arrivals = [t for t, path in site.times if path in PATHS]
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    assert len(arrivals) == len(PATHS)
    assert min(gaps) >= 0.9, gaps
