"""Zone and category bands per assessment year, and labels in text."""

from extract.scales import derive_category, derive_zone, find_labels


def test_zone_bands_2013_2021():
    assert derive_zone(81.0, 2019) == "hijau"
    assert derive_zone(80.99, 2021) == "kuning"
    assert derive_zone(51.15, 2021) == "kuning"
    assert derive_zone(50.99, 2018) == "merah"
    assert derive_category(85.0, 2018) == "kepatuhan tinggi"


def test_opinion_bands_2022_2024():
    assert derive_category(88.0, 2024) == "kualitas tertinggi"
    assert derive_category(87.99, 2022) == "kualitas tinggi"
    assert derive_zone(78.2, 2022) == "hijau"
    assert derive_zone(77.33, 2022) == "kuning"
    assert derive_zone(51.15, 2022) == "merah"
    assert derive_category(31.98, 2024) == "kualitas terendah"


def test_2025_derives_nothing():
    assert derive_zone(95.0, 2025) is None
    assert derive_category(95.0, 2025) is None


def test_unknown_year_derives_only_where_scales_agree():
    assert derive_zone(95.0, None) == "hijau"
    assert derive_zone(79.0, None) is None


def test_labels_in_text():
    labels = find_labels("masuk Zona Kuning dan Kategori C, opini Kualitas Sedang")
    assert [(lab.kind, lab.value) for lab in labels] == [
        ("zone", "kuning"),
        ("letter", "C"),
        ("category", "kualitas sedang"),
    ]


def test_zona_integritas_is_not_a_zone():
    assert not [lab for lab in find_labels("meraih Zona Integritas WBK") if lab.kind == "zone"]
