"""Incremental, deduplicated and windowed crawling over a sitemap site: the second run fetches
no unchanged article, a changed one is fetched and archived anew, URL variants are fetched once,
and --since/--until prune sitemaps and links by lastmod."""

import pytest

from crawler.archive import archive_files, iter_archived_pages, iter_records
from crawler.state import load_crawl_runs
from tests.crawler.running import run_crawl
from tests.crawler.servers import (
    Reply,
    Site,
    article_html,
    robots_txt,
    sitemap_index_xml,
    sitemap_xml,
)

ZONA = "/2024/12/10/zona-hijau-kota"
OPINI = "/2024/12/11/pemkab-raih-opini-kualitas"
READ = "/read/123"
OLD = "/2019/12/01/zona-merah-kabupaten"
ARTICLES = {ZONA, OPINI, READ, OLD}


def build_site() -> Site:
    site = Site().start()
    u = site.url
    site.routes["/robots.txt"] = robots_txt(
        "User-agent: *", "Disallow: /private/", f"Sitemap: {u('/sitemap_index.xml')}"
    )
    site.routes["/sitemap_index.xml"] = Reply(
        200,
        sitemap_index_xml(
            [(u("/sitemap-2019.xml"), "2019-12-31"), (u("/sitemap-2024.xml"), "2024-12-31")]
        ),
    )
    set_2024_sitemap(site, opini_lastmod="2024-12-11")
    site.routes["/sitemap-2019.xml"] = Reply(200, sitemap_xml([(u(OLD), "2019-12-01")]))
    for path in (ZONA, OPINI, OLD):
        site.routes[path] = Reply(200, article_html(f"Ombudsman {path}"))
    site.routes[READ] = Reply(200, article_html("Ombudsman read"), etag=True)
    site.routes["/2024/12/12/harga-cabai-naik"] = Reply(200, article_html("Cabai"))
    site.routes["/private/ombudsman-rahasia"] = Reply(200, article_html("rahasia"))
    # a redirecting alias and a copy declaring the original as canonical: same story, once
    site.routes["/berita/alias-ombudsman"] = Reply(301, b"", {"Location": u(ZONA)})
    site.routes["/berita/salinan-ombudsman"] = Reply(
        200, article_html("Ombudsman salinan", canonical=u(ZONA))
    )
    return site


def set_2024_sitemap(site: Site, opini_lastmod: str, zona_lastmod: str = "2024-12-10") -> None:
    u = site.url
    site.routes["/sitemap-2024.xml"] = Reply(
        200,
        sitemap_xml(
            [
                (u(ZONA), zona_lastmod),
                (u(OPINI), opini_lastmod),
                (u(OPINI + "/amp/"), opini_lastmod),
                (u(OPINI + "?utm_source=facebook"), opini_lastmod),
                (u(READ), None),
                (u("/2024/12/12/harga-cabai-naik"), "2024-12-12"),
                (u("/private/ombudsman-rahasia"), "2024-12-12"),
                (u("/berita/alias-ombudsman"), "2024-12-10"),
                (u("/berita/salinan-ombudsman"), "2024-12-10"),
            ]
        ),
    )


def source(site: Site) -> list[dict]:
    return [
        {
            "name": "kabar.id",
            "url": site.base + "/",
            "discover": ["sitemap"],
            "search_terms": ["ombudsman"],
        }
    ]


def response_records(workdir) -> list[str]:
    return [r.url for path in archive_files(workdir) for r in iter_records(path)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Three runs over one site: first, again unchanged, again after one article changed."""
    site = build_site()
    workdir = tmp_path_factory.mktemp("incremental") / "work"
    first = run_crawl(source(site), workdir)
    hits_after_first = list(site.hits)
    second = run_crawl(source(site), workdir)
    hits_second = site.hits[len(hits_after_first) :]
    site.routes[OPINI] = Reply(200, article_html("Ombudsman opini diperbarui"))
    # OPINI changed; ZONA only had its lastmod bumped (same bytes)
    set_2024_sitemap(site, opini_lastmod="2024-12-20T09:00:00+07:00", zona_lastmod="2024-12-21")
    third = run_crawl(source(site), workdir)
    hits_third = site.hits[len(hits_after_first) + len(hits_second) :]
    fourth = run_crawl(source(site), workdir)
    hits_fourth = site.hits[len(hits_after_first) + len(hits_second) + len(hits_third) :]
    yield {
        "site": site,
        "workdir": workdir,
        "runs": (first, second, third, fourth),
        "hits": (hits_after_first, hits_second, hits_third, hits_fourth),
    }
    site.stop()


def paths(hits, status=200) -> list[str]:
    return [h.path for h in hits if h.status == status]


def test_first_run_archives_each_relevant_article_once(runs):
    workdir, site = runs["workdir"], runs["site"]
    first = runs["runs"][0]
    before_third = response_records(workdir)[: first.of("kabar.id")["articles_found"]]
    assert sorted(u[len(site.base) :] for u in before_third) == sorted(ARTICLES)


def test_url_variants_irrelevant_and_disallowed_pages_are_not_fetched(runs):
    fetched = paths(runs["hits"][0])
    assert not any("/amp" in p or "utm_source" in p for p in fetched)
    assert "/2024/12/12/harga-cabai-naik" not in fetched
    assert "/private/ombudsman-rahasia" not in fetched
    assert runs["runs"][0].of("kabar.id")["errors_by_kind"] == {"robots_forbidden": 1}


def test_aliases_of_an_archived_story_are_not_archived_again(runs):
    first = runs["runs"][0].of("kabar.id")
    assert first["articles_found"] == len(ARTICLES)


def test_second_run_over_an_unchanged_site_fetches_no_article(runs):
    second_hits = runs["hits"][1]
    assert set(paths(second_hits)) & (ARTICLES | {"/berita/salinan-ombudsman"}) == set()
    assert paths(second_hits, status=304) == [READ]  # the one page without a lastmod revalidates
    second = runs["runs"][1].of("kabar.id")
    assert (second["articles_found"], second["not_modified"], second["errors_total"]) == (0, 1, 0)
    assert runs["runs"][1].returncode == 0


def test_a_changed_article_is_fetched_again_and_its_newest_copy_wins(runs):
    third_hits = runs["hits"][2]
    assert set(paths(third_hits)) & ARTICLES == {OPINI, ZONA}  # both report a newer lastmod
    pages = {p.url: p.body for p in iter_archived_pages(runs["workdir"])}
    assert b"diperbarui" in pages[runs["site"].url(OPINI)]
    assert len(pages) == len(ARTICLES)


def test_a_bumped_lastmod_over_unchanged_bytes_is_not_archived_or_refetched(runs):
    third = runs["runs"][2].of("kabar.id")
    # OPINI is new; ZONA came back byte-identical; READ (no lastmod) revalidated with a 304
    assert (third["articles_found"], third["not_modified"]) == (1, 2)
    assert set(paths(runs["hits"][3])) & ARTICLES == set()  # the fourth run asks for nothing


def test_every_run_is_stored_with_its_health(runs):
    stored = load_crawl_runs(runs["workdir"])
    assert [r["run_id"] for r in stored] == [r.of("kabar.id")["run_id"] for r in runs["runs"]]
    assert [r["articles_found"] for r in stored] == [len(ARTICLES), 0, 1, 0]


def test_since_until_prune_sitemaps_and_links_by_lastmod(tmp_path):
    site = build_site()
    try:
        run = run_crawl(source(site), tmp_path / "work", since="2024-01-01", until="2024-12-31")
    finally:
        site.stop()
    assert site.fetched("/sitemap-2019.xml", status=None) == 0
    archived = {p.url[len(site.base) :] for p in iter_archived_pages(tmp_path / "work")}
    assert archived == {
        ZONA,
        OPINI,
        READ,
    }  # READ has no lastmod: kept for the date filter downstream
    assert run.of("kabar.id")["articles_found"] == 3


def test_a_story_listed_by_two_sources_is_fetched_and_archived_once(tmp_path):
    site = build_site()
    twins = source(site) + [{**source(site)[0], "name": "kabar-mirror.id"}]
    try:
        run = run_crawl(twins, tmp_path / "work", since="2024-01-01")
    finally:
        site.stop()
    assert sorted(response_records(tmp_path / "work")) == sorted(
        site.url(p) for p in (ZONA, OPINI, READ)
    )
    assert sum(h["articles_found"] for h in run.health) == 3
    # (ZONA is also reached once through its redirecting alias, which no one can know unfetched)
    assert [site.fetched(p) for p in (OPINI, READ)] == [1, 1]
