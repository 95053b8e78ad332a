"""canonical_url folds the variants news sites publish one story under into one key."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.urls import canonical_url, same_site

STORY = "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html"


@pytest.mark.parametrize(
    "variant",
    [
        "http://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://www.kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://m.kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://amp.kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://KABAR.id/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html/",
        "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html?amp=1",
        "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html?utm_source=fb&utm_medium=x",
        "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html?fbclid=IwAR0abc",
        "https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html#komentar",
        "https://kabar.id:443/2024/12/empat-opd-raih-nilai-tertinggi.html",
        "https://kabar.id//2024/12/empat-opd-raih-nilai-tertinggi.html",
        "  https://kabar.id/2024/12/empat-opd-raih-nilai-tertinggi.html  ",
    ],
)
def test_variants_of_one_story_share_a_canonical_url(variant):
    assert canonical_url(variant) == STORY


@pytest.mark.parametrize(
    ("amp", "plain"),
    [
        ("https://kabar.id/berita/zona-hijau/amp/", "https://kabar.id/berita/zona-hijau"),
        ("https://kabar.id/amp/2023/01/27/zona-hijau", "https://kabar.id/2023/01/27/zona-hijau"),
        ("https://kabar.id/berita/zona-hijau.amp.html", "https://kabar.id/berita/zona-hijau.html"),
        ("https://x.blogspot.com/2024/01/a.html?m=1", "https://x.blogspot.com/2024/01/a.html"),
    ],
)
def test_amp_and_mobile_paths_fold_into_the_plain_page(amp, plain):
    assert canonical_url(amp) == canonical_url(plain)


def test_query_parameters_that_select_content_are_kept_and_ordered():
    assert canonical_url("https://x.id/?p=1588") == "https://x.id/?p=1588"
    assert canonical_url("https://x.id/read?b=2&a=1") == canonical_url("https://x.id/read?a=1&b=2")
    assert canonical_url("https://x.id/?p=1") != canonical_url("https://x.id/?p=2")


def test_local_servers_keep_http_and_their_port():
    assert canonical_url("http://127.0.0.1:8080/a/") == "http://127.0.0.1:8080/a"


def test_non_http_input_is_returned_stripped():
    assert canonical_url(" mailto:redaksi@x.id ") == "mailto:redaksi@x.id"
    assert canonical_url("") == ""


def test_same_site_ignores_www_and_mobile_prefixes():
    assert same_site("https://www.x.id/a", "http://m.x.id/b")
    assert not same_site("https://x.id/a", "https://y.id/a")


@given(
    scheme=st.sampled_from(["http", "https", "HTTP"]),
    host=st.sampled_from(
        ["kabar.id", "www.kabar.id", "m.kabar.id", "amp.kabar.id", "127.0.0.1:8080"]
    ),
    path=st.lists(st.text("abcdez-_09%.~", min_size=1, max_size=8), max_size=4),
    slash=st.booleans(),
    query=st.lists(
        st.tuples(
            st.sampled_from(["p", "id", "utm_source", "fbclid", "amp", "m", "page"]),
            st.text("ab1", max_size=3),
        ),
        max_size=3,
    ),
)
def test_canonical_form_is_stable(scheme, host, path, slash, query):
    url = f"{scheme}://{host}/" + "/".join(path) + ("/" if slash else "")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query)
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once
