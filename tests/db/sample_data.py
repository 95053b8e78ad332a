"""Hand-written news articles and the score records an extractor would find in them.

Covers four assessment years (2021–2024 schemes), all three zones, two outlets disagreeing on
one score (80,42 vs 80,43), a syndicated copy of a story on a second site, a body of a
regency (Dinas Kesehatan) and an article without scores. Texts are invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

from db.build import build_database
from extract.model import Article, ScoreRecord

KENDARI_2022 = (
    "Ombudsman Republik Indonesia Perwakilan Sulawesi Tenggara menyerahkan hasil penilaian "
    "kepatuhan penyelenggaraan pelayanan publik tahun 2022 kepada sejumlah pemerintah daerah di "
    "Kendari pada Selasa pagi. Pemerintah Kota Kendari meraih nilai 80,42 dan berada di zona hijau "
    "dengan opini kualitas tinggi. Kepala perwakilan menyebut masih ada pekerjaan rumah pada "
    "standar pelayanan di tingkat kelurahan dan puskesmas. Dinas Kesehatan Kota Kendari memperoleh "
    "nilai 58,99 dan masuk zona kuning. Wali kota berjanji memperbaiki sarana pengaduan, ruang "
    "tunggu dan informasi biaya layanan sebelum penilaian berikutnya dimulai."
)
# The same story, pasted by a second portal with its own dateline and a closing line added.
KENDARI_2022_COPY = "KENDARI - " + KENDARI_2022 + " Berita ini juga dimuat oleh media mitra."
KENDARI_2022_TYPO = (
    "Pemkot Kendari kembali masuk zona hijau. Dalam penilaian kepatuhan pelayanan publik tahun 2022 "
    "oleh Ombudsman RI, Pemkot Kendari mendapat nilai 80,43, naik dari tahun sebelumnya. Sekretaris "
    "daerah mengatakan capaian itu hasil kerja bersama seluruh organisasi perangkat daerah."
)
KENDARI_2022_THIRD = (
    "Nilai kepatuhan Pemerintah Kota Kendari tahun 2022 tercatat 80,42 menurut Ombudsman RI. Angka "
    "itu menempatkan Kendari pada kategori B. Warga berharap layanan administrasi kependudukan ikut "
    "membaik, terutama antrean di kantor kecamatan."
)
SULTRA_2021 = (
    "Hasil penilaian kepatuhan standar pelayanan publik 2021 diumumkan Ombudsman RI. Pemerintah Kota "
    "Kendari memperoleh nilai 72,50 sehingga berada di zona kuning, sedangkan Pemerintah Kabupaten "
    "Konawe hanya mendapat nilai 45,10 dan masuk zona merah. Ombudsman meminta kedua daerah "
    "menindaklanjuti temuan tersebut."
)
SULTRA_2023 = (
    "Ombudsman RI merilis hasil penilaian kepatuhan penyelenggaraan pelayanan publik 2023. Pemerintah "
    "Kota Kendari naik tajam dengan nilai 91,20 dan meraih opini kualitas tertinggi. Pemerintah "
    "Kabupaten Konawe memperoleh nilai 50,30 atau zona merah dengan opini kualitas rendah."
)
JABAR_2022 = (
    "Pemerintah Provinsi Jawa Barat memperoleh nilai 85,10 dalam penilaian kepatuhan pelayanan publik "
    "Ombudsman RI tahun 2022. Di sisi lain Pemerintah Kabupaten Bogor mendapat nilai 30,50 dan masuk "
    "zona merah, dengan opini kualitas terendah."
)
JABAR_2024 = (
    "Pada penilaian kepatuhan tahun 2024, Pemerintah Kabupaten Bogor melonjak ke nilai 88,75 dan "
    "masuk zona hijau. Bupati menyampaikan terima kasih kepada seluruh petugas pelayanan."
)
NO_SCORES = (
    "Ombudsman RI membuka posko pengaduan pelayanan publik di pasar tradisional selama bulan puasa. "
    "Warga dapat melaporkan pungutan liar dan layanan yang lambat."
)

ARTICLES = [
    Article("sultra-1", KENDARI_2022, "https://sultrapos.example/2023/01/kendari-zona-hijau",
            site="sultrapos.example", title="Kendari raih zona hijau Ombudsman",
            published="2023-01-10", date_source="htmldate", fetched_at="2024-03-01T08:00:00Z",
            source="sultrapos"),
    Article("mitra-1", KENDARI_2022_COPY, "https://mitranews.example/read/kendari-zona-hijau",
            site="mitranews.example", title="Kendari raih zona hijau Ombudsman (mitra)",
            published="2023-01-11", date_source="htmldate", fetched_at="2024-03-01T08:05:00Z",
            source="mitranews"),
    Article("kendariku-1", KENDARI_2022_TYPO, "https://kendariku.example/pemkot-zona-hijau",
            site="kendariku.example", title="Pemkot Kendari kembali zona hijau",
            published="2023-01-09", date_source="url", fetched_at="2024-03-01T08:10:00Z",
            source="kendariku"),
    Article("kendariku-2", KENDARI_2022_THIRD, "https://kendariku.example/nilai-kendari-2022",
            site="kendariku.example", title="Nilai kepatuhan Kendari 80,42",
            published="2023-01-15", date_source="url", fetched_at="2024-03-01T08:11:00Z",
            source="kendariku"),
    Article("sultra-2", SULTRA_2021, "https://sultrapos.example/2022/02/kepatuhan-2021",
            site="sultrapos.example", title="Konawe di zona merah",
            published="2022-02-03", date_source="htmldate", fetched_at="2024-03-01T08:01:00Z",
            source="sultrapos"),
    Article("sultra-3", SULTRA_2023, "https://sultrapos.example/2024/01/kepatuhan-2023",
            site="sultrapos.example", title="Kendari naik tajam",
            published="2024-01-20", date_source="htmldate", fetched_at="2024-03-01T08:02:00Z",
            source="sultrapos"),
    Article("jabar-1", JABAR_2022, "https://jabarnews.example/2022/12/jabar-bogor",
            site="jabarnews.example", title="Jabar hijau, Bogor merah",
            published="2022-12-21", date_source="meta", fetched_at="2024-03-02T09:00:00Z",
            source="jabarnews"),
    Article("jabar-2", JABAR_2024, "https://jabarnews.example/2024/12/bogor-hijau",
            site="jabarnews.example", title="Bogor melonjak ke zona hijau",
            published="2024-12-18", date_source="meta", fetched_at="2024-12-19T09:00:00Z",
            source="jabarnews"),
    Article("jabar-3", NO_SCORES, "https://jabarnews.example/2024/03/posko",
            site="jabarnews.example", title="Posko pengaduan di pasar",
            published="2024-03-11", date_source="meta", fetched_at="2024-03-12T09:00:00Z",
            source="jabarnews"),
]  # fmt: skip

_TEXT = {a.doc_id: a.text for a in ARTICLES}
_URL = {a.doc_id: a.url for a in ARTICLES}


def record(doc_id: str, agency: str, name: str, score: float, quote: str, **fields) -> ScoreRecord:
    """A record whose offsets point at `quote` in the article, as the extractor guarantees."""
    start = _TEXT[doc_id].index(quote)
    return ScoreRecord(
        doc_id=doc_id,
        agency=agency,
        agency_name=name,
        score=score,
        quote=quote,
        start=start,
        end=start + len(quote),
        article_url=_URL[doc_id],
        confidence=fields.pop("confidence", 0.9),
        **fields,
    )


KENDARI = {"government": "Kota Kendari", "region_code": "74.71", "agency_type": "pemerintah_daerah"}
KONAWE = {
    "government": "Kabupaten Konawe",
    "region_code": "74.02",
    "agency_type": "pemerintah_daerah",
}
BOGOR = {
    "government": "Kabupaten Bogor",
    "region_code": "32.01",
    "agency_type": "pemerintah_daerah",
}
JABAR = {
    "government": "Provinsi Jawa Barat",
    "region_code": "32",
    "agency_type": "pemerintah_daerah",
}
DINKES = {"government": "Kota Kendari", "region_code": "74.71", "agency_type": "perangkat_daerah"}
Y2021 = {"assessment_year": 2021, "year_source": "stated"}
Y2022 = {"assessment_year": 2022, "year_source": "stated"}
Y2023 = {"assessment_year": 2023, "year_source": "stated"}
Y2024 = {"assessment_year": 2024, "year_source": "stated"}
HIJAU = {"zone": "hijau", "zone_source": "stated"}
KUNING = {"zone": "kuning", "zone_source": "stated"}
MERAH = {"zone": "merah", "zone_source": "stated"}
PEMKOT = "Pemerintah Kota Kendari"


def records() -> list[ScoreRecord]:
    kendari_quote = "Pemerintah Kota Kendari meraih nilai 80,42 dan berada di zona hijau"
    dinkes_quote = "Dinas Kesehatan Kota Kendari memperoleh nilai 58,99 dan masuk zona kuning"
    dinkes = "Dinas Kesehatan Kota Kendari"
    return [
        record("sultra-1", PEMKOT, PEMKOT, 80.42, kendari_quote, **KENDARI, **Y2022, **HIJAU,
               category="kualitas tinggi", category_source="stated"),
        record("sultra-1", dinkes, dinkes, 58.99, dinkes_quote, **DINKES, **Y2022, **KUNING),
        record("mitra-1", PEMKOT, PEMKOT, 80.42, kendari_quote, **KENDARI, **Y2022, **HIJAU,
               category="kualitas tinggi", category_source="stated"),
        record("mitra-1", dinkes, dinkes, 58.99, dinkes_quote, **DINKES, **Y2022, **KUNING),
        record("kendariku-1", "Pemkot Kendari", PEMKOT, 80.43,
               "Pemkot Kendari mendapat nilai 80,43", **KENDARI, **Y2022),
        record("kendariku-2", PEMKOT, PEMKOT, 80.42,
               "Nilai kepatuhan Pemerintah Kota Kendari tahun 2022 tercatat 80,42", **KENDARI,
               **Y2022),
        record("sultra-2", PEMKOT, PEMKOT, 72.5,
               "Pemerintah Kota Kendari memperoleh nilai 72,50 sehingga berada di zona kuning",
               **KENDARI, **Y2021, **KUNING),
        record("sultra-2", "Pemerintah Kabupaten Konawe", "Pemerintah Kabupaten Konawe", 45.1,
               "Pemerintah Kabupaten Konawe hanya mendapat nilai 45,10 dan masuk zona merah",
               **KONAWE, **Y2021, **MERAH),
        record("sultra-3", PEMKOT, PEMKOT, 91.2,
               "Pemerintah Kota Kendari naik tajam dengan nilai 91,20", **KENDARI, **Y2023),
        record("sultra-3", "Pemerintah Kabupaten Konawe", "Pemerintah Kabupaten Konawe", 50.3,
               "Pemerintah Kabupaten Konawe memperoleh nilai 50,30 atau zona merah", **KONAWE,
               **Y2023, **MERAH),
        record("jabar-1", "Pemerintah Provinsi Jawa Barat", "Pemerintah Provinsi Jawa Barat", 85.1,
               "Pemerintah Provinsi Jawa Barat memperoleh nilai 85,10", **JABAR, **Y2022),
        record("jabar-1", "Pemerintah Kabupaten Bogor", "Pemerintah Kabupaten Bogor", 30.5,
               "Pemerintah Kabupaten Bogor mendapat nilai 30,50 dan masuk zona merah", **BOGOR,
               **Y2022, **MERAH),
        record("jabar-2", "Pemerintah Kabupaten Bogor", "Pemerintah Kabupaten Bogor", 88.75,
               "Pemerintah Kabupaten Bogor melonjak ke nilai 88,75 dan masuk zona hijau", **BOGOR,
               **Y2024, **HIJAU),
    ]  # fmt: skip


CRAWL_RUNS = [
    {"source": "sultrapos", "run_id": "2024-03-01T08:00:00Z", "started_at": "2024-03-01T08:00:00Z",
     "finished_at": "2024-03-01T08:20:00Z", "pages_fetched": 40, "articles_found": 3,
     "not_modified": 0, "errors_total": 1, "errors_by_kind": {"timeout": 1}},
    {"source": "jabarnews", "run_id": "2024-12-19T09:00:00Z", "started_at": "2024-12-19T09:00:00Z",
     "finished_at": "2024-12-19T09:05:00Z", "pages_fetched": 12, "articles_found": 3,
     "not_modified": 5, "errors_total": 0, "errors_by_kind": {}},
]  # fmt: skip


def build_sample(db_path: Path) -> dict:
    """Build the sample database at `db_path`; returns build_database's stats."""
    return build_database(db_path, list(ARTICLES), records(), [dict(r) for r in CRAWL_RUNS])
