"""The embedded demo news sites: discovery routes, searches, conditional requests, content."""

from __future__ import annotations

import gzip
import json
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from demo.content import load_sites
from demo.server import start_demo_sites
from pantau.config import load_sources

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPENSEARCH = "{http://a9.com/-/spec/opensearchrss/1.0/}"


@pytest.fixture(scope="module")
def sites():
    with start_demo_sites() as running:
        yield running


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) without raising on 4xx."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def site(sites, platform: str):
    return next(s for s in sites.sites if s.platform == platform)


def articles_of(sites, info) -> set[str]:
    return {u for u in sites.article_urls() if u.startswith(info.base_url + "/")}


def sitemap_urls(url: str) -> set[str]:
    """Article URLs reachable from a sitemap or sitemap index, following the index."""
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"] == "application/xml; charset=utf-8", url
    root = ET.fromstring(body)
    if root.tag == f"{SITEMAP}sitemapindex":
        found = set()
        for loc in root.iter(f"{SITEMAP}loc"):
            found |= sitemap_urls(loc.text)
        return found
    return {loc.text for loc in root.iter(f"{SITEMAP}loc")}


class LinkFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append((attrs.get("type"), attrs.get("href")))


def test_three_platforms_and_enough_articles(sites):
    assert {s.platform for s in sites.sites} == {"blogger", "wordpress", "portal"}
    assert len(sites.article_urls()) >= 25
    assert len(set(sites.article_urls())) == len(sites.article_urls())
    for info in sites.sites:
        assert urlsplit(info.base_url).hostname == "127.0.0.1"


def test_home_page_and_every_article_are_served_as_utf8_html(sites):
    for url in [s.base_url + "/" for s in sites.sites] + sites.article_urls():
        status, headers, body = fetch(url)
        assert status == 200, url
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert f'<link rel="canonical" href="{url}">' in body.decode("utf-8"), url


def test_unknown_path_is_404(sites):
    for info in sites.sites:
        status, headers, _ = fetch(info.base_url + "/tidak-ada/halaman.html")
        assert status == 404
        assert "charset=" in headers["Content-Type"]


@pytest.mark.parametrize("platform", ["blogger", "wordpress", "portal"])
def test_robots_lists_sitemaps_that_reach_every_article(sites, platform):
    info = site(sites, platform)
    status, headers, body = fetch(info.base_url + "/robots.txt")
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
    robots = body.decode()
    assert re.search(r"^Disallow: /(wp-admin/|search)$", robots, re.M)
    sitemaps = re.findall(r"^Sitemap: (\S+)$", robots, re.M)
    assert sitemaps
    found = set().union(*(sitemap_urls(url) for url in sitemaps))
    assert found == articles_of(sites, info)


def test_portal_has_a_google_news_sitemap(sites):
    info = site(sites, "portal")
    status, _, body = fetch(info.base_url + "/sitemap-news.xml")
    root = ET.fromstring(body)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    entries = root.findall(f"{SITEMAP}url")
    assert status == 200 and entries
    for entry in entries:
        assert entry.find(f"{news}news/{news}publication/{news}language").text == "id"
        datetime.fromisoformat(entry.find(f"{news}news/{news}publication_date").text)
        assert entry.find(f"{news}news/{news}title").text


@pytest.mark.parametrize("platform", ["blogger", "wordpress", "portal"])
def test_feed_linked_from_home_page_lists_articles(sites, platform):
    info = site(sites, platform)
    finder = LinkFinder()
    finder.feed(fetch(info.base_url + "/")[2].decode())
    feeds = [href for kind, href in finder.alternates if kind and "xml" in kind]
    assert feeds
    status, headers, body = fetch(feeds[0])
    assert status == 200
    assert headers["Content-Type"] in (
        "application/rss+xml; charset=UTF-8",
        "application/atom+xml; charset=UTF-8",
    )
    root = ET.fromstring(body)
    links = [e.text for e in root.iter("link") if e.text] + [
        e.get("href") for e in root.iter(f"{ATOM}link") if e.get("rel") == "alternate"
    ]
    articles = articles_of(sites, info)
    listed = {link for link in links if link in articles}
    assert len(listed) >= min(10, len(articles))


def wp_search(info, **params):
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
    status, headers, body = fetch(f"{info.base_url}/wp-json/wp/v2/posts?{query}")
    return status, headers, json.loads(body)


def test_wordpress_search_returns_only_matching_posts(sites):
    info = site(sites, "wordpress")
    status, headers, posts = wp_search(info, search="ombudsman", per_page=100)
    assert status == 200 and headers["Content-Type"] == "application/json; charset=UTF-8"
    assert int(headers["X-WP-Total"]) == len(posts) > 0
    assert len(posts) < len(articles_of(sites, info))
    for post in posts:
        assert set(post) >= {"id", "date", "link", "title", "excerpt", "content"}
        assert "ombudsman" in (post["title"]["rendered"] + post["content"]["rendered"]).lower()
        assert post["link"] in articles_of(sites, info)
        assert post["excerpt"]["rendered"].startswith("<p>")
    _, _, nothing = wp_search(info, search="kriket salju", per_page=10)
    assert nothing == []


def test_wordpress_search_paginates_and_rejects_pages_past_the_end(sites):
    info = site(sites, "wordpress")
    _, headers, first = wp_search(info, search="ombudsman", per_page=2, page=1)
    total, pages = int(headers["X-WP-Total"]), int(headers["X-WP-TotalPages"])
    assert pages == -(-total // 2) and pages >= 2
    assert 'rel="next"' in headers["Link"]
    seen = [p["id"] for p in first]
    for page in range(2, pages + 1):
        status, _, posts = wp_search(info, search="ombudsman", per_page=2, page=page)
        assert status == 200
        seen += [p["id"] for p in posts]
    assert len(seen) == len(set(seen)) == total
    status, _, error = wp_search(info, search="ombudsman", per_page=2, page=pages + 1)
    assert status == 400
    assert error["code"] == "rest_post_invalid_page_number"
    assert error["data"]["status"] == 400


def test_wordpress_after_filter_and_bad_parameters(sites):
    info = site(sites, "wordpress")
    _, _, recent = wp_search(info, after="2024-01-01T00:00:00", per_page=100)
    assert recent and all(p["date"] > "2024-01-01T00:00:00" for p in recent)
    _, _, everything = wp_search(info, per_page=100)
    assert len(recent) < len(everything)
    status, _, error = wp_search(info, per_page=500)
    assert status == 400 and error["code"] == "rest_invalid_param"
    status, _, error = wp_search(info, after="kemarin")
    assert status == 400 and error["code"] == "rest_invalid_param"


def test_wordpress_api_is_announced_in_the_page_head(sites):
    info = site(sites, "wordpress")
    home = fetch(info.base_url + "/")[2].decode()
    assert f'<link rel="https://api.w.org/" href="{info.base_url}/wp-json/">' in home
    status, _, body = fetch(info.base_url + "/wp-json/")
    assert status == 200 and "wp/v2" in json.loads(body)["namespaces"]


def test_wordpress_search_page_lists_matching_posts(sites):
    info = site(sites, "wordpress")
    status, headers, body = fetch(info.base_url + "/?s=zona+kuning")
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    listed = set(re.findall(r'<h2 class="post-title entry-title"><a href="([^"]+)"', page))
    _, _, posts = wp_search(info, search="zona kuning", per_page=100)
    assert listed == {p["link"] for p in posts} and listed


def test_gzip_when_the_client_accepts_it(sites):
    url = sites.article_urls()[0]
    status, headers, body = fetch(url, {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    plain = fetch(url)[2]
    assert gzip.decompress(body) == plain
    assert fetch(url)[1].get("Content-Encoding") is None


def test_blogger_feed_search_returns_atom_with_total(sites):
    info = site(sites, "blogger")
    url = f"{info.base_url}/feeds/posts/default?q=ombudsman&max-results=2"
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"] == "application/atom+xml; charset=UTF-8"
    root = ET.fromstring(body)
    total = int(root.find(f"{OPENSEARCH}totalResults").text)
    entries = root.findall(f"{ATOM}entry")
    assert total > len(entries) == 2
    assert 0 < total < len(articles_of(sites, info))
    for entry in entries:
        text = (entry.find(f"{ATOM}title").text + entry.find(f"{ATOM}content").text).lower()
        assert "ombudsman" in text
    next_link = [e.get("href") for e in root.findall(f"{ATOM}link") if e.get("rel") == "next"]
    assert next_link and "start-index=3" in next_link[0]


def test_blogger_article_urls_have_the_blogger_shape(sites):
    info = site(sites, "blogger")
    for url in articles_of(sites, info):
        assert re.fullmatch(re.escape(info.base_url) + r"/20\d\d/[01]\d/[a-z0-9-]+\.html", url)


def test_blogger_feed_date_window_and_rss_variant(sites):
    info = site(sites, "blogger")
    url = f"{info.base_url}/feeds/posts/default?published-min=2024-01-01T00:00:00%2B07:00"
    root = ET.fromstring(fetch(url)[2])
    published = [e.find(f"{ATOM}published").text for e in root.findall(f"{ATOM}entry")]
    assert published and all(p >= "2024-01-01" for p in published)
    assert len(published) < len(articles_of(sites, info))
    status, headers, body = fetch(f"{info.base_url}/feeds/posts/default?alt=rss")
    assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=UTF-8"
    links = {e.text for e in ET.fromstring(body).iter("link")}
    assert articles_of(sites, info) <= links


def test_blogger_feed_json_variant(sites):
    info = site(sites, "blogger")
    status, headers, body = fetch(f"{info.base_url}/feeds/posts/default?alt=json&q=zona+hijau")
    feed = json.loads(body)["feed"]
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert int(feed["openSearch$totalResults"]["$t"]) == len(feed["entry"]) > 0


def test_conditional_requests_get_304(sites):
    url = sites.article_urls()[0]
    status, headers, _ = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    status, again, body = fetch(url, {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    assert again["ETag"] == headers["ETag"]
    status, _, body = fetch(url, {"If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")
    status, _, body = fetch(url, {"If-Modified-Since": "Mon, 01 Nov 2021 00:00:00 GMT"})
    assert status == 200 and body
    status, _, _ = fetch(url, {"If-None-Match": '"stale-etag"'})
    assert status == 200


def test_sources_yaml_names_each_site_by_url_only(sites, tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(sites.sources_yaml(), encoding="utf-8")
    sources = load_sources(path)
    assert [(s.name, s.url) for s in sources] == [(i.name, i.base_url + "/") for i in sites.sites]
    assert all(s.discover == () and s.platform is None for s in sources)


def test_expected_records_of_the_seed_story(sites):
    records = sites.expected_records()
    assert all(
        set(r) == {"url", "agency_name", "government", "score", "assessment_year", "zone"}
        for r in records
    )
    seed = [r for r in records if "pemkab-serang" in r["url"]]
    units = {
        r["agency_name"]: r["score"]
        for r in seed
        if r["agency_name"] != "Pemerintah Kabupaten Serang"
    }
    assert units == {
        "Dinas Sosial Kabupaten Serang": 94.62,
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Serang": 91.16,
        "Dinas Pendidikan dan Kebudayaan Kabupaten Serang": 89.44,
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Serang": 89.94,
        "UPT Puskesmas Pontang": 93.44,
        "UPT Puskesmas Pabuaran": 93.30,
    }
    assert all(
        r["assessment_year"] == 2024 and r["zone"] == "hijau"
        for r in seed
        if r["agency_name"] in units
    )
    regency = {
        (r["score"], r["assessment_year"])
        for r in seed
        if r["agency_name"] == "Pemerintah Kabupaten Serang"
    }
    assert regency == {(89, 2023), (91, 2024)}
    assert all(r["zone"] is None for r in seed if r["agency_name"] not in units)
    assert all(r["government"] == "Kabupaten Serang" for r in seed)
    page = fetch(seed[0]["url"])[2].decode()
    assert "Dinsos meraih nilai 94, 62 zona hijau kualitas tertinggi" in page
    assert "meningkat dari 89 menjadi 91" in page


def written_forms(score: float) -> list[str]:
    if score == int(score):
        return [str(int(score))]
    whole, fraction = f"{score:.2f}".split(".")
    return [f"{whole},{fraction}", f"{whole}, {fraction}"]


def test_every_expected_score_is_written_in_its_article(sites):
    for record in sites.expected_records():
        page = fetch(record["url"])[2].decode()
        assert any(form in page for form in written_forms(record["score"])), record


def test_negative_stories_are_present_and_expect_nothing():
    articles = [a for s in load_sites() for a in s.articles]
    negatives = [a for a in articles if not a.records]
    text = [(a.title + " " + " ".join(a.paragraphs)).lower() for a in negatives]
    assert any("covid" in t and "zona merah" in t for t in text)
    assert any("zona integritas" in t for t in text)
    assert any("ombudsman" in t for t in text)
    assert sum(1 for a in articles if a.records) >= 15


def test_publication_dates_span_late_2021_to_early_2026():
    dates = sorted(a.published for s in load_sites() for a in s.articles)
    assert dates[0].strftime("%Y-%m") == "2021-11"
    assert dates[-1].strftime("%Y-%m") <= "2026-02" and dates[-1].year == 2026
    assert len({d.year for d in dates}) == 6


def test_stop_releases_the_ports():
    running = start_demo_sites()
    url = running.sites[0].base_url + "/robots.txt"
    assert fetch(url)[0] == 200
    running.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)


def test_module_serves_until_interrupted():
    process = subprocess.Popen(
        [sys.executable, "-m", "demo.server"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Serving"):
                break
        urls = [line.split()[-1] for line in lines if "http://127.0.0.1:" in line]
        assert len(urls) == 3
        assert fetch(urls[0] + "robots.txt")[0] == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
        assert process.returncode == 0, err
        assert "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
