"""One row per assessed body: the key that ties every mention of it together.

The extractor gives each record a canonical full name (`agency_name`) and the government it
belongs to. "Dinas Kesehatan" of two regencies are different bodies, so the key is the name plus
the government unless the name already contains it.
"""

from __future__ import annotations

from collections import Counter


def agency_id(
    agency_name: str,
    government: str | None,
    *,
    agency_type: str | None = None,
    region_name: str | None = None,
) -> str:
    """Readable, stable key: 'Pemerintah Kota Kendari' or 'Dinas Kesehatan, Kabupaten Bogor'.

    A local government itself is keyed by its official region name ('Pemerintah Kota Pagar
    Alam'), so outlets spelling it 'Pagaralam' or 'Pemkot Pagar Alam' land on one body.
    """
    if agency_type == "pemerintah_daerah" and region_name:
        return f"Pemerintah {region_name}"
    name = " ".join(agency_name.split())
    gov = " ".join((government or "").split())
    if not gov or _compact(gov) in _compact(name):
        return name
    return f"{name}, {gov}"


def _compact(text: str) -> str:
    return "".join(text.casefold().split())


def agency_rows(mentions: list[dict], province_of: dict[str, str]) -> list[dict]:
    """Aggregate mention rows (already carrying `agency_id`) into sorted agency rows."""
    grouped: dict[str, list[dict]] = {}
    for m in mentions:
        grouped.setdefault(m["agency_id"], []).append(m)
    rows = []
    for key in sorted(grouped):
        ms = grouped[key]
        region_code = _most_common(m["region_code"] for m in ms)
        written = Counter(
            m["agency"] for m in ms if m["agency"] and m["agency"] != m["agency_name"]
        )
        rows.append(
            {
                "id": key,
                "name": _most_common(m["agency_name"] for m in ms),
                "abbreviation": min(written, key=lambda w: (-written[w], len(w), w))
                if written
                else None,
                "type": _most_common(m["agency_type"] for m in ms),
                "government": _most_common(m["government"] for m in ms),
                "region_code": region_code,
                "province": province_of.get(region_code) if region_code else None,
                "mentions": len(ms),
                "years": ",".join(
                    str(y) for y in sorted({m["assessment_year"] for m in ms} - {None})
                ),
            }
        )
    return rows


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))
