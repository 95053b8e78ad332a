"""Each discovery route against a real local site, all in one crawl (one subprocess): feeds found
through <link rel=alternate> and paginated, WordPress REST search paginated, Blogger feed search,
on-site search with a pagination trap, and auto-detection picking WordPress/Blogger."""

import json

import pytest

from crawler.archive import archive_files, iter_archived_pages, iter_records
from tests.crawler.running import run_crawl
from tests.crawler.servers import Reply, Site, article_html, robots_txt, rss_xml, sitemap_index_xml

TERMS = ["ombudsman"]


def _articles(site: Site, paths: list[str]) -> None:
    for path in paths:
        site.routes[path] = Reply(200, article_html(f"Ombudsman {path}"))


def feed_site() -> Site:
    site = Site().start()
    home = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>'
    site.routes["/"] = Reply(200, home)
    day = "Tue, 10 Dec 2024 08:00:00 +0700"
    site.routes["/rss.xml"] = Reply(
        200,
        rss_xml(
            [
                (site.url("/2024/12/zona-hijau-kota.html"), "Kota raih zona hijau", day),
                (site.url("/2024/12/harga-cabai.html"), "Harga cabai naik", day),
            ],
            next_url=site.url("/rss.xml?paged=2"),
        ),
        {"Content-Type": "application/rss+xml"},
    )
    site.routes["/rss.xml?paged=2"] = Reply(
        200,
        rss_xml([(site.url("/2024/11/opini-kualitas.html"), "Opini kualitas tertinggi", day)]),
        {"Content-Type": "application/rss+xml"},
    )
    _articles(
        site,
        [
            "/2024/12/zona-hijau-kota.html",
            "/2024/12/harga-cabai.html",
            "/2024/11/opini-kualitas.html",
        ],
    )
    return site


def wordpress_site() -> Site:
    site = Site().start()
    site.routes["/wp-json/"] = Reply(
        200, json.dumps({"namespaces": ["wp/v2"]}).encode(), {"Content-Type": "application/json"}
    )

    def posts(request):
        page = int(request.query.get("page", ["1"])[0])
        found = {1: ["/berita/pemkab-a", "/berita/pemkab-b"], 2: ["/berita/pemkab-c"]}[page]
        body = json.dumps(
            [
                {"link": site.url(p), "title": {"rendered": p}, "date": "2024-12-10T08:00:00"}
                for p in found
            ]
        )
        return Reply(
            200, body.encode(), {"Content-Type": "application/json", "X-WP-TotalPages": "2"}
        )

    site.routes["/wp-json/wp/v2/posts"] = posts
    _articles(site, ["/berita/pemkab-a", "/berita/pemkab-b", "/berita/pemkab-c"])
    return site


def blogger_site() -> Site:
    site = Site().start()

    def feed(request):
        if request.query.get("max-results") == ["1"]:  # the auto-detection probe
            entries = ""
        else:
            entries = "".join(
                f"<entry><published>2017-12-0{n}T10:00:00+08:00</published><title>Pos {n}</title>"
                f"<link rel='alternate' href='{site.url(f'/2017/12/pos-{n}.html')}'/></entry>"
                for n in (1, 2)
            )
        body = (
            "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<generator uri='http://www.blogger.com'>Blogger</generator>{entries}</feed>"
        )
        return Reply(200, body.encode(), {"Content-Type": "application/atom+xml"})

    site.routes["/feeds/posts/default"] = feed
    _articles(site, ["/2017/12/pos-1.html", "/2017/12/pos-2.html"])
    return site


def search_site() -> Site:
    """A search page whose 'next' link never ends: the route must stop at the page limit."""
    site = Site().start()

    def results(request):
        page = int(request.query.get("page", ["1"])[0])
        body = (
            f'<html><body><a href="/2024/12/{page}/ombudsman-nilai-daerah-{page}">Ombudsman nilai {page}</a>'
            f'<a href="/cari?q=ombudsman&page={page + 1}">Selanjutnya</a></body></html>'
        )
        return Reply(200, body.encode())

    site.routes["/cari"] = results

    def article(request):
        return Reply(200, article_html(f"Ombudsman {request.path}"))

    for page in range(1, 10):
        site.routes[f"/2024/12/{page}/ombudsman-nilai-daerah-{page}"] = article
    return site


def news_sitemap_site() -> Site:
    """A Google-News sitemap (titles decide relevance) behind an endless chain of sitemap
    indexes (each index points to a deeper one: the nesting limit must stop it)."""
    site = Site().start()
    site.routes["/robots.txt"] = robots_txt(f"Sitemap: {site.url('/news-sitemap.xml')}")
    news = [
        ("/berita/81234", "Pemkab Raih Zona Hijau dari Ombudsman"),
        ("/berita/81235", "Persib Menang Tipis"),
    ]
    items = "".join(
        f"<url><loc>{site.url(path)}</loc><news:news><news:publication_date>2024-12-10"
        f"</news:publication_date><news:title>{title}</news:title></news:news></url>"
        for path, title in news
    )
    site.routes["/news-sitemap.xml"] = Reply(
        200,
        (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{items}</urlset>'
        ).encode(),
    )
    _articles(site, [path for path, _ in news])

    def endless_index(request):
        depth = int(request.query.get("d", ["0"])[0])
        return Reply(200, sitemap_index_xml([(site.url(f"/peta.xml?d={depth + 1}"), None)]))

    site.routes["/peta.xml"] = endless_index
    return site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    sites = {
        "feed.id": feed_site(),
        "wp.id": wordpress_site(),
        "blog.id": blogger_site(),
        "cari.id": search_site(),
        "berita.id": news_sitemap_site(),
    }
    entries = [
        {"name": "feed.id", "url": sites["feed.id"].base + "/", "discover": ["feed"]},
        {"name": "wp.id", "url": sites["wp.id"].base + "/"},  # auto-detected
        {"name": "blog.id", "url": sites["blog.id"].base + "/"},  # auto-detected
        {
            "name": "cari.id",
            "url": sites["cari.id"].base + "/",
            "discover": ["search"],
            "search_url": sites["cari.id"].base + "/cari?q={term}",
        },
    ]
    entries.append(
        {"name": "berita.id", "url": sites["berita.id"].base + "/", "discover": ["sitemap"]}
    )
    entries.append(  # the same site through its endless index only
        {
            "name": "peta.id",
            "url": sites["berita.id"].base + "/",
            "discover": ["sitemap"],
            "sitemaps": ["/peta.xml"],
        }
    )
    for entry in entries:
        entry["search_terms"] = TERMS
    workdir = tmp_path_factory.mktemp("routes") / "work"
    run = run_crawl(entries, workdir, settings={"PANTAU_MAX_ROUTE_PAGES": 3})
    yield run, sites, workdir
    for site in sites.values():
        site.stop()


def archived(workdir, site: Site) -> set[str]:
    return {
        p.url[len(site.base) :] for p in iter_archived_pages(workdir) if p.url.startswith(site.base)
    }


def test_feed_route_follows_the_advertised_feed_and_its_pages(crawled):
    run, sites, workdir = crawled
    assert archived(workdir, sites["feed.id"]) == {
        "/2024/12/zona-hijau-kota.html",
        "/2024/11/opini-kualitas.html",
    }


def test_irrelevant_feed_items_are_never_fetched(crawled):
    _, sites, _ = crawled
    assert sites["feed.id"].fetched("/2024/12/harga-cabai.html", status=None) == 0


def test_auto_detection_uses_the_wordpress_api_and_follows_its_pages(crawled):
    run, sites, workdir = crawled
    assert archived(workdir, sites["wp.id"]) == {
        "/berita/pemkab-a",
        "/berita/pemkab-b",
        "/berita/pemkab-c",
    }
    searched = [h.path for h in sites["wp.id"].hits if h.path.startswith("/wp-json/wp/v2/posts")]
    assert all("search=ombudsman" in p for p in searched) and len(searched) == 2
    assert sites["wp.id"].fetched("/robots.txt", status=None) <= 1  # no sitemap probing needed


def test_auto_detection_uses_blogger_feed_search(crawled):
    run, sites, workdir = crawled
    assert archived(workdir, sites["blog.id"]) == {"/2017/12/pos-1.html", "/2017/12/pos-2.html"}
    assert any("q=ombudsman" in h.path for h in sites["blog.id"].hits)


def test_search_pagination_trap_stops_at_the_page_limit(crawled):
    run, sites, workdir = crawled
    assert len(archived(workdir, sites["cari.id"])) == 3
    assert run.of("cari.id")["warnings_by_kind"] == {"page_limit": 1}
    assert "pagination limit" in run.stderr


def test_health_counts_per_source(crawled):
    run, _, _ = crawled
    assert run.returncode == 0
    assert {h["source"]: h["articles_found"] for h in run.health} == {
        "feed.id": 2,
        "wp.id": 3,
        "blog.id": 2,
        "cari.id": 3,
        "berita.id": 1,
        "peta.id": 0,
    }
    assert all(h["errors_total"] == 0 and h["run_id"] for h in run.health)


def test_warc_records_say_which_source_and_route_found_them(crawled):
    _, _, workdir = crawled
    routes = {(r.source, r.route) for path in archive_files(workdir) for r in iter_records(path)}
    assert routes == {
        ("feed.id", "feed"),
        ("wp.id", "wordpress"),
        ("blog.id", "blogger"),
        ("cari.id", "search"),
        ("berita.id", "sitemap"),
    }


def test_news_sitemap_titles_decide_which_numeric_urls_are_fetched(crawled):
    _, sites, workdir = crawled
    assert archived(workdir, sites["berita.id"]) == {"/berita/81234"}
    assert sites["berita.id"].fetched("/berita/81235", status=None) == 0


def test_endless_sitemap_index_chains_stop_at_the_nesting_limit(crawled):
    run, sites, _ = crawled
    assert run.of("peta.id")["warnings_by_kind"] == {"sitemap_depth": 1}
    assert sites["berita.id"].fetched("/peta.xml", status=None) == 1 + 3
