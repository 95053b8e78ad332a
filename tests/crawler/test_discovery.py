"""Discovery parsers on saved-style documents, and the relevance/date filters."""

import gzip
import json
from datetime import date

import pytest

from crawler.discovery import (
    Link,
    blogger_search_url,
    feed_links_in_html,
    in_window,
    is_blogger_feed,
    is_relevant,
    is_wordpress_api,
    link_in_window,
    parse_date,
    parse_feed,
    parse_sitemap,
    parse_wordpress_posts,
    relevance_words,
    search_page_links,
    site_search_url,
    sitemaps_in_robots,
    url_date_range,
    wordpress_search_url,
)
from tests.crawler.servers import rss_xml, sitemap_index_xml, sitemap_xml


# ---------------------------------------------------------------- relevance
@pytest.mark.parametrize(
    "url",
    [
        "https://x.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://x.id/16-pemda-di-sumut-zona-hijau/",
        "https://x.id/read/28576/bulukumba-tertinggi-dalam-kepatuhan-standar",
        "https://x.id/berita/kotim-raih-penghargaan-kepatuhan",
        "https://x.id/2019/11/ombudsmas-sumsel-kota-pagaralam",  # typo in a real headline slug
        "https://x.id/3758-2",  # no words: cannot judge, so fetch
        "https://x.id/?p=1588",
        "https://x.id/read/12345",
    ],
)
def test_slugs_about_the_assessment_or_without_words_pass(url):
    assert is_relevant(Link(url, "sitemap"))


@pytest.mark.parametrize(
    "url",
    [
        "https://x.id/2024/12/harga-cabai-naik-jelang-natal.html",
        "https://x.id/olahraga/persib-menang-tipis-atas-persija",
    ],
)
def test_slugs_about_other_things_are_dropped(url):
    assert not is_relevant(Link(url, "sitemap"))


def test_a_title_rescues_a_slug_that_says_nothing():
    link = Link("https://x.id/lombok-barat-daerah-dengan-tata-cara", "feed", title="Zona Merah")
    assert is_relevant(link)
    assert not is_relevant(Link(link.url, "feed", title="Harga cabai naik"))


def test_search_terms_extend_the_vocabulary():
    link = Link("https://x.id/2024/05/maladminis-xyz-akreditasi-rsud", "sitemap")
    assert not is_relevant(link)
    assert is_relevant(link, relevance_words(["akreditasi"]))


# ---------------------------------------------------------------- dates
def test_dates_from_iso_rfc822_and_plain_days():
    assert parse_date("2024-12-10T08:00:00+07:00") == date(2024, 12, 10)
    assert parse_date("2024-12-10") == date(2024, 12, 10)
    assert parse_date("Tue, 10 Dec 2024 08:00:00 +0700") == date(2024, 12, 10)
    assert parse_date("kemarin") is None


def test_window_keeps_undated_links_and_drops_dated_ones_outside():
    since, until = date(2024, 1, 1), date(2024, 12, 31)
    assert in_window(None, since, until)
    assert in_window("2024-06-01", since, until)
    assert not in_window("2023-12-31", since, until)
    assert not in_window("2025-01-01T00:00:00Z", since, until)


# ---------------------------------------------------------------- robots and sitemaps
def test_robots_sitemap_lines_are_absolute_and_unique():
    text = "User-agent: *\nDisallow: /x\nSitemap: /s1.xml\nsitemap: https://x.id/s2.xml\nSitemap: /s1.xml\n"
    assert sitemaps_in_robots(text, "https://x.id/robots.txt") == [
        "https://x.id/s1.xml",
        "https://x.id/s2.xml",
    ]


def test_urlset_entries_with_lastmod():
    kind, entries = parse_sitemap(
        sitemap_xml([("https://x.id/a", "2024-12-01"), ("https://x.id/b", None)])
    )
    assert kind == "urlset"
    assert [(e.loc, e.lastmod) for e in entries] == [
        ("https://x.id/a", "2024-12-01"),
        ("https://x.id/b", None),
    ]


def test_sitemap_index_gzipped():
    body = gzip.compress(sitemap_index_xml([("https://x.id/s-2024.xml", "2024-12-31")]))
    kind, entries = parse_sitemap(body)
    assert kind == "index"
    assert entries[0].loc == "https://x.id/s-2024.xml"


def test_google_news_sitemap_gives_title_and_publication_date():
    body = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://x.id/berita/1</loc>
  <news:news><news:publication><news:name>X</news:name><news:language>id</news:language></news:publication>
   <news:publication_date>2024-12-10T08:00:00+07:00</news:publication_date>
   <news:title>Pemkab Raih Zona Hijau</news:title></news:news></url>
</urlset>"""
    _, entries = parse_sitemap(body)
    assert entries[0].news_title == "Pemkab Raih Zona Hijau"
    assert entries[0].news_date.startswith("2024-12-10")


@pytest.mark.parametrize(
    "body", [b"", b"<html><body>404</body></html>", b"\x1f\x8bnot gzip", b"{}"]
)
def test_things_that_are_not_sitemaps(body):
    assert parse_sitemap(body) == (None, [])


# ---------------------------------------------------------------- feeds
def test_rss_items_and_next_page():
    body = rss_xml(
        [("https://x.id/a", "Zona hijau", "Tue, 10 Dec 2024 08:00:00 +0700")],
        next_url="https://x.id/feed?paged=2",
    )
    links, next_url = parse_feed(body, "https://x.id/feed")
    assert [(link.url, link.title, parse_date(link.date)) for link in links] == [
        ("https://x.id/a", "Zona hijau", date(2024, 12, 10))
    ]
    assert next_url == "https://x.id/feed?paged=2"


def test_blogger_atom_feed_entries_use_the_alternate_link():
    body = b"""<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>
<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>
<link rel='next' href='https://b.id/feeds/posts/default?start-index=26&amp;max-results=25'/>
<entry><published>2017-12-05T10:00:00+08:00</published><title>Ombudsman nilai pelayanan</title>
<summary>Skor 80</summary>
<link rel='replies' href='https://b.id/2017/12/x.html#comment-form'/>
<link rel='alternate' href='https://b.id/2017/12/x.html'/></entry></feed>"""
    assert is_blogger_feed(body)
    links, next_url = parse_feed(
        body, "https://b.id/feeds/posts/default?q=ombudsman", route="blogger"
    )
    assert links[0].url == "https://b.id/2017/12/x.html"
    assert links[0].snippet == "Skor 80"
    assert next_url.endswith("start-index=26&max-results=25")


def test_feeds_advertised_in_html_skip_comment_feeds():
    body = b"""<html><head>
<link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="alternate" type="application/rss+xml" href="/comments/feed/">
<link rel="stylesheet" href="/s.css"></head></html>"""
    assert feed_links_in_html(body, "https://x.id/") == ["https://x.id/feed/"]


# ---------------------------------------------------------------- WordPress, Blogger, search pages
def test_wordpress_search_url_carries_the_window():
    url = wordpress_search_url(
        "https://x.id/", "zona hijau", date(2024, 1, 1), date(2024, 12, 31), page=2
    )
    assert url.startswith("https://x.id/wp-json/wp/v2/posts?search=zona+hijau")
    assert "after=2024-01-01T00%3A00%3A00" in url and "before=2024-12-31T23%3A59%3A59" in url
    assert "page=2" in url


def test_wordpress_posts_and_api_detection():
    body = json.dumps(
        [
            {
                "link": "https://x.id/a",
                "title": {"rendered": "Zona <b>hijau</b>"},
                "date": "2024-12-10T08:00:00",
            }
        ]
    ).encode()
    links = parse_wordpress_posts(body, "https://x.id/wp-json/wp/v2/posts")
    assert [(link.url, link.title) for link in links] == [("https://x.id/a", "Zona hijau")]
    assert parse_wordpress_posts(b'{"code": "rest_no_route"}', "u") == []
    assert is_wordpress_api(b'{"namespaces": ["oembed/1.0", "wp/v2"]}')
    assert is_wordpress_api(b'{"namespaces": ["wp/v2"], "routes": {"/wp/v2/posts": {}}}')
    assert not is_wordpress_api(b'{"namespaces": ["wp/v2"], "routes": {"/wp/v2/pages": {}}}')
    assert not is_wordpress_api(b"<html>")


def test_blogger_search_url_uses_published_bounds():
    url = blogger_search_url("https://b.id/", "ombudsman", date(2017, 1, 1), None)
    assert "q=ombudsman" in url and "published-min=2017-01-01T00%3A00%3A00Z" in url
    assert "published-max" not in url


def test_site_search_url_template_or_wordpress_default():
    assert site_search_url("https://x.id/", "zona hijau", None) == "https://x.id/?s=zona+hijau"
    assert site_search_url("https://x.id/", "zona hijau", "https://x.id/cari?q={term}") == (
        "https://x.id/cari?q=zona+hijau"
    )


def test_search_page_links_keep_articles_on_the_site_and_find_next():
    body = b"""<html><body>
<a href="/2024/12/10/pemkab-raih-zona-hijau">Pemkab raih zona hijau</a>
<a href="/tentang-kami">Tentang</a>
<a href="https://other.id/2024/12/10/zona-hijau-lain">elsewhere</a>
<a href="/cari?q=ombudsman&page=2" rel="next">Selanjutnya</a></body></html>"""
    links, next_url = search_page_links(body, "https://x.id/cari?q=ombudsman")
    assert [link.url for link in links] == ["https://x.id/2024/12/10/pemkab-raih-zona-hijau"]
    assert next_url == "https://x.id/cari?q=ombudsman&page=2"


# ---------------------------------------------------------------- dates carried by URLs
@pytest.mark.parametrize(
    ("url", "first", "last"),
    [
        ("https://x.id/2024/12/10/zona-hijau", date(2024, 12, 10), date(2024, 12, 10)),
        ("https://x.id/read/20181214/538/869602/zona", date(2018, 12, 14), date(2018, 12, 14)),
        ("https://x.id/21/04/2022/konsistensi-pelayanan", date(2022, 4, 21), date(2022, 4, 21)),
        ("https://x.id/2024/02/empat-opd.html", date(2024, 2, 1), date(2024, 2, 29)),
        ("https://x.id/sitemap-2019-12.xml", date(2019, 12, 1), date(2019, 12, 31)),
    ],
)
def test_dates_in_url_paths(url, first, last):
    assert url_date_range(url) == (first, last)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.id/read/28576/bulukumba",
        "https://x.id/news-461545-politik",
        "https://x.id/?p=20241210",
    ],
)
def test_ids_are_not_mistaken_for_dates(url):
    assert url_date_range(url) is None


def test_link_window_prefers_the_route_date_then_the_url_date():
    since = date(2024, 1, 1)
    old_url = "https://x.id/2019/12/01/zona-merah"
    assert not link_in_window(old_url, None, since, None)
    assert link_in_window(old_url, "2024-05-01", since, None)  # updated inside the window
    assert link_in_window("https://x.id/2024/01/zona.html", None, date(2024, 1, 31), None)
    assert link_in_window("https://x.id/read/123", None, since, None)
    assert link_in_window(old_url, None, None, None)


def test_json_feed_items_and_next_page():
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "next_url": "/feed.json?page=2",
            "items": [
                {
                    "id": "1",
                    "url": "/2024/12/zona-hijau",
                    "title": "Zona hijau",
                    "date_published": "2024-12-10T08:00:00+07:00",
                },
                {"id": "2", "content_text": "no url"},
            ],
        }
    ).encode()
    links, next_url = parse_feed(body, "https://x.id/feed.json")
    assert [(link.url, link.title, parse_date(link.date)) for link in links] == [
        ("https://x.id/2024/12/zona-hijau", "Zona hijau", date(2024, 12, 10))
    ]
    assert next_url == "https://x.id/feed.json?page=2"


def test_entity_expansion_bombs_are_not_expanded():
    lol = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY l0 "lol">{lol}]>'
    bomb += '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&l9;</loc></url></urlset>'
    kind, entries = parse_sitemap(bomb.encode())
    assert all(len(e.loc) < 1000 for e in entries)
