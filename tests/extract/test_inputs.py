"""iter_file_articles: each input kind, folders, and unusable files skipped with a reason."""

from __future__ import annotations

import json

from extract.inputs import iter_file_articles

TEXT = (
    "Pemerintah Kabupaten Lebak meraih nilai 86,40 zona hijau dalam penilaian kepatuhan "
    "pelayanan publik Tahun 2023 dari Ombudsman RI Perwakilan Banten."
)
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Lebak Raih Zona Hijau</title>"
    "<link rel='canonical' href='https://berita.example/lebak-zona-hijau'>"
    "<meta property='article:published_time' content='2024-01-10T08:00:00+07:00'></head>"
    "<body><nav><a href='/'>Beranda</a></nav><article><h1>Lebak Raih Zona Hijau</h1>"
    f"<p>{TEXT}</p><p>Bupati menyebut hasil itu buah kerja seluruh petugas layanan di "
    "kecamatan dan dinas yang setiap hari melayani warga.</p></article>"
    "<footer>Hak cipta Berita Contoh</footer></body></html>"
)


def collect(paths):
    skipped = []
    articles = list(iter_file_articles(paths, on_skip=lambda p, r: skipped.append((p, r))))
    return articles, skipped


def test_html_file_is_parsed(tmp_path):
    path = tmp_path / "lebak.html"
    path.write_text(HTML, encoding="utf-8")
    (article,), skipped = collect([path])
    assert skipped == []
    assert TEXT in article.text
    assert article.url == str(path)
    assert article.doc_id == "https://berita.example/lebak-zona-hijau"
    assert article.published == "2024-01-10"
    assert article.title == "Lebak Raih Zona Hijau"


def test_txt_file_is_taken_as_is(tmp_path):
    path = tmp_path / "lebak.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    (article,), skipped = collect([path])
    assert (article.text, article.doc_id, skipped) == (TEXT, str(path), [])


def test_jsonl_lines_with_text_or_html(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": TEXT, "url": "https://x.example/a1", "published": "2024-01-10"},
        {"html": HTML, "title": "Judul dari masukan"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    (first, second), skipped = collect([path])
    assert skipped == []
    assert (first.doc_id, first.text, first.url) == ("a1", TEXT, "https://x.example/a1")
    assert (first.published, first.date_source) == ("2024-01-10", "input")
    assert TEXT in second.text
    assert second.doc_id == "https://berita.example/lebak-zona-hijau"
    assert second.title == "Judul dari masukan"


def test_bad_jsonl_lines_are_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "{not json\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"id": "x"})
        + "\n\n"
        + json.dumps({"id": "ok", "text": TEXT})
        + "\n",
        encoding="utf-8",
    )
    articles, skipped = collect([path])
    assert [a.doc_id for a in articles] == ["ok"]
    reasons = [reason for _, reason in skipped]
    assert reasons[0].startswith("line 1: not valid JSON")
    assert reasons[1] == "line 2: expected a JSON object"
    assert reasons[2] == "line 3: no 'text' or 'html' field"


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("kedua " + TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text("pertama " + TEXT, encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    articles, skipped = collect([tmp_path])
    assert skipped == []
    assert [a.doc_id for a in articles[:2]] == [str(tmp_path / "a.txt"), str(tmp_path / "b/2.txt")]
    assert articles[2].url == str(tmp_path / "c.html")


def test_empty_binary_unknown_and_missing_files_are_skipped_with_reasons(tmp_path):
    empty = tmp_path / "kosong.html"
    empty.write_bytes(b"")
    blank = tmp_path / "kosong.txt"
    blank.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "gambar.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    binary_txt = tmp_path / "data.txt"
    binary_txt.write_bytes(b"abc\x00\x01\x02")
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    missing = tmp_path / "tidak-ada.txt"
    articles, skipped = collect([empty, blank, binary, binary_txt, pdf, missing])
    assert articles == []
    reasons = dict(skipped)
    assert reasons[str(empty)] == "empty file"
    assert reasons[str(blank)] == "empty file"
    assert "PNG" in reasons[str(binary)]
    assert reasons[str(binary_txt)] == "binary file, not text"
    assert "unsupported file type '.pdf'" in reasons[str(pdf)]
    assert reasons[str(missing)] == "no such file or folder"
    assert all("\n" not in reason for reason in reasons.values())


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "a.html"
    bad.write_bytes(b"%PDF-1.4 rest of a pdf")
    good = tmp_path / "b.txt"
    good.write_text(TEXT, encoding="utf-8")
    articles, skipped = collect([bad, good])
    assert [a.doc_id for a in articles] == [str(good)]
    assert [p for p, _ in skipped] == [str(bad)]
