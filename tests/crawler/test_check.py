"""`pantau sources check` against local sites: a healthy WordPress outlet, a site that is down,
and one whose robots.txt shuts pantau out."""

import json
import socket

import pytest

from crawler.check import check_sources, render_check_table
from pantau.config import SourceConfig
from tests.crawler.servers import Reply, Site, article_html, robots_txt


@pytest.fixture(scope="module")
def sites():
    good = Site().start()
    good.routes["/"] = Reply(200, b"<html><body>beranda</body></html>")
    good.routes["/wp-json/"] = Reply(200, json.dumps({"namespaces": ["wp/v2"]}).encode())
    posts = [
        {"link": good.url("/berita/pemkab-raih-zona-hijau"), "title": {"rendered": "Zona hijau"}}
    ]
    good.routes["/wp-json/wp/v2/posts"] = Reply(200, json.dumps(posts).encode())
    text = "Ombudsman RI memberi Pemkab skor 88,5 dan zona hijau. " * 20
    good.routes["/berita/pemkab-raih-zona-hijau"] = Reply(
        200, article_html("Pemkab Raih Zona Hijau", text)
    )
    closed = Site().start()
    closed.routes["/"] = Reply(200, b"<html><body>beranda</body></html>")
    closed.routes["/robots.txt"] = robots_txt("User-agent: *", "Disallow: /")
    yield good, closed
    good.stop()
    closed.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def results(sites):
    good, closed = sites
    sources = [
        SourceConfig("good.id", good.base + "/"),
        SourceConfig("down.id", f"http://127.0.0.1:{free_port()}/"),
        SourceConfig("closed.id", closed.base + "/"),
    ]
    return {r.source: r for r in check_sources(sources, timeout=3)}


def test_a_healthy_wordpress_source_passes_with_one_parsed_article(results, sites):
    good = results["good.id"]
    assert good.ok
    assert (good.reachable, good.robots, good.routes) == (True, "none", {"wordpress": 1})
    assert good.article_url == sites[0].url("/berita/pemkab-raih-zona-hijau")
    assert good.article_title == "Pemkab Raih Zona Hijau"


def test_an_unreachable_source_fails_with_the_reason(results):
    down = results["down.id"]
    assert not down.ok and not down.reachable
    assert down.problem == "connection refused"


def test_robots_disallowing_pantau_fails_the_source(results):
    closed = results["closed.id"]
    assert not closed.ok
    assert closed.robots == "disallowed"
    assert "robots.txt disallows" in closed.problem


def test_the_table_lists_every_source_and_the_tally(results, capsys):
    render_check_table(list(results.values()))
    out = capsys.readouterr().out
    assert all(name in out for name in results)
    assert "1/3 sources OK" in out
