"""Near-duplicate clustering of syndicated articles."""

from __future__ import annotations

import os
import subprocess
import sys

from db.stories import cluster_stories, jaccard, shingles

BASE = (
    "Ombudsman menyerahkan hasil penilaian kepatuhan kepada pemerintah daerah di aula kantor "
    "gubernur pada hari Senin dan meminta setiap dinas memperbaiki standar pelayanan sebelum "
    "akhir tahun agar warga mendapat layanan yang cepat murah dan jelas prosedurnya"
)
OTHER = (
    "Banjir merendam ratusan rumah di tepi sungai setelah hujan deras sejak malam dan petugas "
    "mengungsikan warga lanjut usia ke balai desa sementara dapur umum dibuka oleh relawan"
)


def test_copy_with_a_dateline_and_footer_joins_the_earliest_article():
    copy = "JAKARTA - " + BASE + " Baca juga berita lainnya."
    stories = cluster_stories([("b", copy, "2024-01-02"), ("a", BASE, "2024-01-01")])
    assert stories == {"a": "a", "b": "a"}


def test_unrelated_articles_stay_separate_stories():
    stories = cluster_stories([("a", BASE, "2024-01-01"), ("b", OTHER, "2024-01-01")])
    assert stories == {"a": "a", "b": "b"}


def test_a_rewrite_sharing_one_paragraph_is_a_separate_story():
    rewrite = BASE[:120] + " " + OTHER
    assert jaccard(shingles(BASE), shingles(rewrite)) < 0.8
    stories = cluster_stories([("a", BASE, "2024-01-01"), ("b", rewrite, "2024-01-02")])
    assert stories["b"] == "b"


def test_result_does_not_depend_on_input_order():
    items = [
        ("c", BASE + " tambahan", "2024-01-03"),
        ("a", BASE, None),
        ("b", OTHER, "2024-01-01"),
    ]
    assert cluster_stories(items) == cluster_stories(list(reversed(items)))


def test_undated_copy_does_not_become_the_founder():
    stories = cluster_stories([("a", BASE, None), ("z", BASE, "2024-01-01")])
    assert stories == {"a": "z", "z": "z"}


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Nilai 80,42 untuk Kota Kendari!") == shingles("nilai 80 42 untuk kota kendari")


def test_shingles_do_not_depend_on_the_process_hash_seed():
    code = "from db.stories import shingles; print(sorted(shingles('Nilai Kota Kendari 80,42 zona hijau')))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
