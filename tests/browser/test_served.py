"""What a program sees from a running `pantau serve`: the JSON API and the Atom feed."""

from __future__ import annotations

import json
import urllib.request
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def test_scores_are_served_as_json(served):
    rows = json.loads(fetch(f"{served}/pantau/scores.json?_shape=array&_size=max"))
    assert len(rows) == 13
    kendari = [r for r in rows if r["agency"] == "Pemkot Kendari"]
    assert kendari[0]["score"] == 80.43
    assert kendari[0]["article_url"] == "https://kendariku.example/pemkot-zona-hijau"
    assert kendari[0]["quote"] == "Pemkot Kendari mendapat nilai 80,43"


def test_newest_scores_feed_is_valid_atom(served):
    feed = ET.fromstring(fetch(f"{served}/pantau/newest_scores.atom"))
    entries = feed.findall(f"{ATOM}entry")
    assert feed.tag == f"{ATOM}feed" and len(entries) == 13
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Pemerintah Kabupaten Bogor: 88,75 (zona hijau), 2024"
    assert first.find(f"{ATOM}link").get("href") == "https://jabarnews.example/2024/12/bogor-hijau"
    assert first.findtext(f"{ATOM}id").startswith("urn:pantau:mention:")
    assert "melonjak ke nilai 88,75" in first.findtext(f"{ATOM}content")
