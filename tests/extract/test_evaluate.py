"""evaluate_folder: matching rule, scores, negatives and bad folders."""

import json

import pytest

from extract.evaluate import evaluate_folder, same_body
from pantau.errors import DataError

TEXT = (
    "Hasil Penilaian Kepatuhan Ombudsman RI Tahun 2023: Pemkab Sleman meraih nilai 92,10 "
    "dan Kota Magelang dengan nilai 95,40."
)


def write(folder, articles, gold):
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold))


def test_perfect_and_imperfect_gold(tmp_path):
    articles = [
        {"id": "a", "text": TEXT, "published": "2023-12-20"},
        {
            "id": "neg",
            "text": "Ombudsman menilai kepatuhan. Kota Bima masuk zona hijau.",
            "published": None,
        },
    ]
    gold = [
        {
            "id": "a",
            "records": [
                {
                    "agency": "Kabupaten Sleman",
                    "score": 92.1,
                    "zone": "hijau",
                    "assessment_year": 2023,
                },
                {"agency": "Kota Bogor", "score": 70.0},
            ],
        },
        {"id": "neg", "records": []},
    ]
    write(tmp_path, articles, gold)
    report = evaluate_folder(tmp_path)
    assert (report.true_positives, report.predicted, report.gold) == (1, 2, 2)
    assert report.f1 == pytest.approx(0.5)
    assert report.accuracy("zone") == 1.0
    assert report.negative_records == 0
    assert {m.kind for m in report.misses} == {"missed", "spurious"}


def test_same_body_forms():
    assert same_body("Pemkab Deliserdang", "Kabupaten Deli Serdang")
    assert same_body("Kab. Sleman", "Pemerintah Kabupaten Sleman")
    assert not same_body("Kabupaten Sumba Barat", "Kabupaten Sumba Barat Daya")
    assert not same_body("Kota Kupang", "Kabupaten Kupang")


def test_missing_folder_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        evaluate_folder(tmp_path / "nope")


def test_missing_or_broken_files(tmp_path):
    with pytest.raises(DataError, match="articles.jsonl"):
        evaluate_folder(tmp_path)
    (tmp_path / "articles.jsonl").write_text("{not json\n")
    (tmp_path / "gold.jsonl").write_text("")
    with pytest.raises(DataError, match="line 1"):
        evaluate_folder(tmp_path)
