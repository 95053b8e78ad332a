"""`pantau extract` as a user runs it: JSON Lines on stdout, unusable files skipped with a reason."""

import json
import subprocess
import sys
from pathlib import Path

PANTAU = Path(sys.executable).with_name("pantau")

STORY = (
    "PANDEGLANG, Warta Banten – Tiga perangkat daerah di lingkungan Pemerintah Kabupaten "
    "(Pemkab) Pandeglang meraih zona hijau dalam Penilaian Kepatuhan Penyelenggaraan Pelayanan "
    "Publik Tahun 2024 dari Ombudsman RI Perwakilan Banten.\n"
    "Dinkes meraih nilai 90, 15 zona hijau kualitas tertinggi, Disdukcapil nilai 88,40 zona hijau "
    "kualitas tertinggi dan DPMPTSP nilai 92,07 zona hijau kualitas tertinggi.\n"
)

CONTRACT_FIELDS = {
    "doc_id", "agency", "agency_name", "government", "region_code", "score", "zone",
    "zone_source", "category", "assessment_year", "year_source", "quote", "start", "end",
    "confidence",
}  # fmt: skip


def extract(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PANTAU), "extract", *map(str, paths)], capture_output=True, text=True, timeout=300
    )


def test_records_are_json_lines_with_the_contract_fields(tmp_path):
    story = tmp_path / "pandeglang.txt"
    story.write_text(STORY, encoding="utf-8")
    result = extract(story)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["agency_name"], r["score"]) for r in records} == {
        ("Dinas Kesehatan Kabupaten Pandeglang", 90.15),
        ("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pandeglang", 88.40),
        ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Pandeglang", 92.07),
    }
    for record in records:
        assert set(record) >= CONTRACT_FIELDS
        assert record["doc_id"] == str(story)
        assert record["government"] == "Kabupaten Pandeglang"
        assert record["region_code"] == "36.01"
        assert (record["assessment_year"], record["zone"], record["zone_source"]) == (
            2024,
            "hijau",
            "stated",
        )
        assert STORY[record["start"] : record["end"]] == record["quote"]


def test_empty_and_binary_files_are_skipped_with_a_warning(tmp_path):
    empty = tmp_path / "kosong.html"
    empty.write_bytes(b"")
    binary = tmp_path / "gambar.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    story = tmp_path / "pandeglang.txt"
    story.write_text(STORY, encoding="utf-8")
    result = extract(empty, binary, story)
    assert result.returncode == 1  # finished, but some inputs were unusable
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2
    assert "kosong.html" in skipped[0] and "gambar.html" in skipped[1]
    assert len(result.stdout.splitlines()) == 3, "the good file is still extracted"


def test_no_inputs_is_a_usage_error(tmp_path):
    result = subprocess.run(
        [str(PANTAU), "extract"], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "give files to read" in result.stderr
