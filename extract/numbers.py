"""Numbers in Indonesian news text, each classified as a possible score or as what else it is.

The one place pantau reads numbers ("91,16", "91.16", "94, 62", "45,31 %", "53.20,Dinas"). A
number is a score *candidate* unless its surroundings show it is something else: a year, a
date, a law number, a rank, a range end or threshold, a count or percentage of institutions,
a delta, a group average, a weight, money. Whole numbers are candidates only right after a
score word ("nilai 48"), because bare whole numbers in news are nearly always counts or ranks.
Every pattern is bounded and anchored so that hostile text (digit runs, comma floods) stays
linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MAX_SCORE = 110.0  # the 2018–2019 police/land-office rounds used a 0–110 scale

# A digit run with an optional decimal part; the look-behinds keep "1.234.567" and "22/12" whole.
_NUMBER = re.compile(r"(?<![\d])(?<![\d][.,])(\d{1,9})(?:([.,])(\d{1,3}))?(?!\d)")
# "94, 62": a comma, one space and exactly two digits that do not start another list item.
_SPACED_DECIMAL = re.compile(r", (\d{2})(?!\d)(?![.,]\d)(?!\s{0,3}(?:,|;|dan\b|-|–)\s{0,3}\d)")

_SCORE_WORD = (
    r"(?:nilai(?:nya)?|skor(?:nya)?|score|angka|capaian|poin|point|presentase|persentase|"
    r"indeks kepatuhan|hasil)"
)
_KEYWORD_BEFORE = re.compile(
    _SCORE_WORD
    + r"(?:\s{1,3}(?:kepatuhan(?:h?an)?|akhir|total|agregat|pelayanan|rapor|raport|sebesar|"
    r"yakni|yaitu|adalah|hanya|mencapai|di\s+angka|pada\s+angka|meningkat|naik|turun|menurun|"
    r"dari|menjadi|ke|untuk|tertinggi|terendah|yang\s+diraih|yang\s+diperoleh))*"
    r"\s{0,3}[:=]?\s{0,3}\(?$",
    re.IGNORECASE,
)
_RANK_BEFORE = re.compile(
    r"(?:peringkat|posisi|urutan|ranking|rangking|rank|juara|nomor\s+urut|no\.\s{0,2}urut|"
    r"\bke)\s{0,3}(?:ke[\s-]{0,2})?$|\bke-$",
    re.IGNORECASE,
)
_RANK_AFTER = re.compile(
    r"^\s{0,3}(?:dari\s{1,3}(?:total\s{1,3})?\d|besar\b|terbaik\b|terbawah\b|teratas\b|terendah\b|"
    r"tertinggi\b|nasional\b)",
    re.IGNORECASE,
)
_LAW_BEFORE = re.compile(
    r"\b(?:nomor|nomer|no\.?|nr\.?|uu|pp|perpres|permen\w{0,12}|perda|perwal|perbup|pergub|pasal|"
    r"ayat|keputusan|kepmen\w{0,6}|se)\s{0,3}$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(
    r"^\s{0,3}(?:[-–—~]|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s{0,3}\d", re.IGNORECASE
)
_RANGE_BEFORE = re.compile(
    r"\d\s{0,3}(?:[-–—~]|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s{0,3}$|"
    r"(?:antara|rentang|interval|range|kisaran)(?:\s{1,3}nilai)?\s{0,3}$",
    re.IGNORECASE,
)
_THRESHOLD_BEFORE = re.compile(
    r"(?:di\s?bawah|di\s?atas|minimal|maksimal|minimum|maksimum|lebih\s+dari|kurang\s+dari|"
    r"paling\s+(?:rendah|tinggi|sedikit)|batas|ambang|target(?:kan)?|kejar|mengejar|menembus|"
    r"tembus|sedikitnya|setidaknya|sekurang-kurangnya|[<>≥≤]=?)"
    r"(?:\s{1,3}(?:nilai|angka|skor|score|poin))?\s{0,3}$",
    re.IGNORECASE,
)
_TARGET_CLAUSE = re.compile(r"\b(?:target|kejar|mengejar|ditargetkan|menargetkan)\b", re.I)
_DELTA_BEFORE = re.compile(
    r"(?:naik|meningkat|turun|menurun|kenaikan|penurunan|peningkatan|selisih|bertambah|"
    r"berkurang|terpaut|melonjak|anjlok|merosot|lebih\s+(?:tinggi|rendah))"
    r"(?:\s{1,3}(?:sebesar|sekitar|hingga|signifikan|sebanyak|mencapai|lagi))?\s{0,3}$",
    re.IGNORECASE,
)
# A distance to a band or a target: "jaraknya tinggal N", "kekurangan N poin", "tinggal N lagi".
_GAP_BEFORE = re.compile(
    r"\b(?:jarak\w{0,3}|kekurangan\w{0,3})\b[^.;\d]{0,40}$|"
    r"\b(?:tinggal|kurang|butuh|perlu)\s{1,3}(?:sekitar\s{1,3}|sekira\s{1,3})?$",
    re.IGNORECASE,
)
# "Realisasi anggaran mencapai 93,7 persen": a share of a budget, not a score.
_BUDGET_CLAUSE = re.compile(
    r"\b(?:realisasi|serapan|penyerapan|anggaran|apbd|apbn|pagu|belanja|dana)\b", re.IGNORECASE
)
# "naik dari 72,40 poin menjadi …": the earlier value of a change, not its size.
_CHANGE_FROM = re.compile(
    r"(?:naik|meningkat|turun|menurun|melonjak|anjlok|merosot)\s{1,3}dari\s{1,3}"
    r"(?:nilai\s{1,3}|angka\s{1,3}|skor\s{1,3})?$",
    re.IGNORECASE,
)
_AVERAGE_BEFORE = re.compile(
    r"(?:rata-rata|rata2|rerata|average)\b(?:[^.\d;]|(?:19|20)\d\d){0,45}$", re.IGNORECASE
)
# "Rata-rata nilai 19 kabupaten/kota di X dalam Penilaian … Tahun 2023 mencapai N": an average
# whose subject runs long, as long as no comma or verb of receiving hands the score to a body.
_AVERAGE_SUBJECT = re.compile(
    r"(?:rata-rata|rata2|rerata)\s{1,3}(?:nilai|skor|capaian)\b"
    r"(?:[^.\d;,]|(?:19|20)\d\d|\d{1,3}(?=\s{1,3}[a-z]))"
    r"{0,200}$",
    re.IGNORECASE,
)
# "ada sekitar 240 kantor pertanahan yang disurvei masuk zona kuning, nilainya 74,45": the
# score of a counted group of bodies, i.e. their average.
_COUNTED_GROUP = re.compile(
    r"\bada\s{1,3}(?:sekitar\s{1,3}|sebanyak\s{1,3})?\d{1,4}\s{1,3}(?:kantor|instansi|pemda|"
    r"unit|satker|polres|puskesmas|opd|kabupaten|kota|daerah|lembaga|kementerian)\b"
    r"[^.;\d]{0,100}$",
    re.IGNORECASE,
)
# "ada 5 kabupaten di zona kuning yaitu Kabupaten A dengan nilai N": a member names itself.
_NAMED_MEMBER = re.compile(
    r"\b(?:yaitu|yakni|antara\s+lain|di\s?antaranya|seperti|termasuk|misalnya)\b|"
    r"(?-i:\b(?:Kabupaten|Kota|Provinsi|Pemkab|Pemkot|Pemprov|Kantor|Dinas|Polres)\s+[A-Z])",
    re.IGNORECASE,
)
_RECEIVING = re.compile(r"\b(?:meraih|memperoleh|mendapat\w{0,3}|menerima)\b", re.IGNORECASE)
# "Nilai 88 ke atas", "88 atau lebih", "78 sampai di bawah 88": a band edge, not a score.
_THRESHOLD_AFTER = re.compile(
    r"^\s{0,3}(?:ke\s?atas|ke\s?bawah|atau\s+lebih|atau\s+kurang|keatas|"
    r"(?:hingga|sampai)(?:\s+dengan)?\s+(?:di\s?bawah|kurang\s+dari))\b",
    re.IGNORECASE,
)
# "pukul 09.00 WIB", "jam 13.30": clock times.
_TIME_BEFORE = re.compile(r"(?:pukul|pkl\.?|jam)\s{0,2}$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s{0,2}(?:WIB|WITA|WIT)\b")
# An average is a group's ("rata-rata Pemda", "rata-rata nasional") unless it names one body.
_GROUP_WORDS = re.compile(
    r"nasional|seluruh|semua|\bse-|kab(?:upaten)?/kota|\b(?:pemda|pemkab|pemkot|pemprov|daerah)\b"
    r"(?!\s+(?-i:[A-Z]))|"
    r"\bpolres\b(?!\s+(?-i:[A-Z]))|pertanahan\b(?!\s+(?-i:[A-Z]))|instansi|lembaga|kementerian|entitas|"
    r"provinsi\b(?!\s+(?-i:[A-Z]))|kabupaten\b(?!\s+(?-i:[A-Z]))|kota\b(?!\s+(?-i:[A-Z]))|\d",
    re.IGNORECASE,
)
_RECIPIENT_AFTER = re.compile(r"\s{1,3}(?:untuk|bagi|kepada)\s", re.IGNORECASE)
_THRESHOLD_CLAUSE = re.compile(
    r"(?:ambang|batas\s+(?:minimal|bawah|atas|nilai)|threshold|passing\s+grade|standar\s+minimal|"
    r"syarat\s+(?:nilai|minimal|masuk|untuk)|"
    r"(?:nilai|skor|angka)\s+(?:minimal|minimum|maksimal|maksimum)\s+"
    r"(?:untuk|bagi|agar|zona|kategori|opini|predikat))"
    r"\b[^.;\d]{0,60}$",
    re.IGNORECASE,
)
_WEAK_KEYWORD = re.compile(
    r"(?:dengan|sebesar|meraih|memperoleh|mendapat\w{0,3}|mencapai|yakni|yaitu)\s{1,3}$", re.I
)
_PERCENT_OF_COUNT = re.compile(
    r"\d\s{1,3}(?:instansi|entitas|kementerian|lembaga|pemda|pemkab|pemkot|pemprov|kabupaten|"
    r"kota|provinsi|opd|unit|polres|kantor|penyelenggara|daerah|pemerintah\s+\w+)\s{0,2}\($",
    re.IGNORECASE,
)
_SHARE_OF_COUNT = re.compile(r"\b(?:jumlah|banyaknya)\b[^.;%\n]{0,100}$", re.IGNORECASE)
_WEIGHT_BEFORE = re.compile(r"(?:bobot|bobotnya|proporsi)\b[^.\d;]{0,12}$", re.I)
_MONEY_BEFORE = re.compile(r"(?:rp\.?|idr|usd|\$)\s{0,2}$", re.I)
_MONEY_AFTER = re.compile(r"^\s{0,2}(?:miliar|milyar|juta|ribu|triliun|rupiah|m\b|jt\b)", re.I)
_UNIT_AFTER = re.compile(
    r"^\s{0,2}(?:tahun(?!\s{1,3}(?:ini|lalu|sebelumnya|kemarin|\d))|thn|bulan|hari|jam|menit|detik|kali|km|meter|orang|jiwa|x\s?\d|"
    r"responden|produk|layanan|indikator|dimensi|variabel|komponen)\b",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"^\s{0,2}(?:instansi|kementerian|lembaga|pemda|pemkab|pemkot|pemprov|pemerintah|kabupaten|"
    r"kab\b|kota|provinsi|opd|unit|polres|puskesmas|entitas|daerah|penyelenggara|kantor|satker|"
    r"skpd|dinas|pemda|kab/kota|kabupaten/kota|wilayah|rumah\s+sakit|rsud|kecamatan|desa|"
    r"kelurahan|sekolah|titik|lokus|sampel|service\s+point)",
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"^\s{0,2}(?:%|persen\b|percent\b)", re.IGNORECASE)
_MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|agu(?:stus)?|"
    r"agt|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?)\b"
)
_DATE_AFTER = re.compile(r"^\s{0,2}" + _MONTHS, re.IGNORECASE)
_DATE_BEFORE = re.compile(_MONTHS + r"\s{0,2}$", re.IGNORECASE)
_TRANSITION = re.compile(
    r"[\s,]{0,3}(?:(?:dan\s+)?(?:kini|sekarang|lalu|kemudian|tahun\s+ini|justru|naik|meningkat|"
    r"turun|menurun|anjlok|melonjak)\s{1,3}){0,3}(?:menjadi|jadi|ke\s+angka|ke)\s{1,3}(?:angka\s{1,3})?",
    re.IGNORECASE,
)
_NAME_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{0,3}\.")  # "Polres Kep. Yapen": not a full stop
_LIST_ITEM = re.compile(r"(?:^|\n)\s{0,4}$")


@dataclass(frozen=True)
class Number:
    """One number as written: `kind` is "score" for a score candidate, else why it is not."""

    start: int
    end: int
    raw: str
    value: float
    decimals: int
    kind: str
    percent: bool = False


def parse_number(raw: str) -> float | None:
    """The value of a number as Indonesian news writes scores ("91,16", "91.16", "94, 62")."""
    match = re.fullmatch(r"\s*(\d{1,9})(?:(?:[.,]\s?)(\d{1,3}))?\s*%?\s*", raw)
    if not match:
        return None
    whole, frac = match.groups()
    if frac is None:
        return float(whole)
    if "." in raw and len(frac) == 3:
        return float(whole + frac)  # "2.842": a thousands separator
    return float(f"{whole}.{frac}")


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, in order, with its kind."""
    return list(_find_numbers(text))


@lru_cache(maxsize=4)
def _find_numbers(text: str) -> tuple[Number, ...]:
    """Cached: records, years and the article-year rule all read the same text's numbers."""
    numbers: list[Number] = []
    consumed = 0
    for match in _NUMBER.finditer(text):
        start = match.start()
        if start < consumed:
            continue
        whole, sep, frac = match.groups()
        end = match.end()
        decimals = 0
        if sep == "." and frac is not None and len(frac) == 3:
            value = float(whole + frac)
        elif frac is not None:
            value = float(f"{whole}.{frac}")
            decimals = len(frac)
        else:
            value = float(whole)
            spaced = _SPACED_DECIMAL.match(text, end)
            in_list = re.search(r"\d\s{0,2}[,;]\s{0,2}$", text[max(0, start - 6) : start])
            if spaced and 1 <= len(whole) <= 3 and not in_list:
                value = float(f"{whole}.{spaced.group(1)}")
                decimals = 2
                end = spaced.end()
        consumed = end
        percent = bool(_PERCENT_AFTER.match(text[end : end + 12]))
        kind = _classify(text, start, end, value, decimals, whole, percent)
        if kind == "integer" and numbers and numbers[-1].kind == "score":
            gap = text[numbers[-1].end : start]
            if _TRANSITION.fullmatch(gap):
                kind = "score"  # "dari 89 menjadi 91": the second value of a change
            elif (
                len(gap) < 120
                and "." not in _NAME_ABBREVIATION.sub("", gap)
                and _RECIPIENT_AFTER.match(text, end)
            ):
                kind = "score"  # "nilai 107 untuk A, 107 untuk B"
        numbers.append(Number(start, end, text[start:end], value, decimals, kind, percent))
    return tuple(numbers)


def score_candidates(text: str) -> list[Number]:
    """The numbers that may be a score (kind == "score")."""
    return [n for n in find_numbers(text) if n.kind == "score"]


def _classify(
    text: str, start: int, end: int, value: float, decimals: int, whole: str, percent: bool
) -> str:
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    prev_char = text[start - 1] if start else ""
    next_char = text[end] if end < len(text) else ""
    if len(whole) >= 4 and decimals == 0:
        return "year" if 1900 <= value <= 2100 else "large"
    if (prev_char and prev_char in "/:") or (
        next_char and next_char in "/:" and after[1:2].isdigit()
    ):
        return "date"
    if next_char.isalpha() and next_char.lower() != "x" and decimals == 0:
        return "label"  # "10A", "2nd"
    if prev_char.isalpha() or (next_char.lower() == "x" and after[1:2].isdigit()):
        return "label"  # "468x60", "Kelas II2", "COVID19"
    if prev_char == "-" and before[-2:-1].isalpha():
        return "label"  # "ke-3", "HUT-60"
    if _DATE_AFTER.match(after) or (decimals == 0 and _DATE_BEFORE.search(before)):
        return "date"
    if _TIME_BEFORE.search(before) or (decimals and _TIME_AFTER.match(after)):
        return "time"
    if _THRESHOLD_AFTER.match(after):
        return "threshold"
    if _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
        return "range"
    if _LAW_BEFORE.search(before):
        return "law"
    rank_after = _RANK_AFTER.match(after)
    if rank_after and decimals and rank_after.group(0).lstrip().lower().startswith("dari"):
        rank_after = None  # "nilai 90,10 dari 98 kota": a score, the count follows
    if _RANK_BEFORE.search(before) or rank_after:
        return "rank"
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return "money"
    if _WEIGHT_BEFORE.search(before):
        return "weight"
    average = _AVERAGE_BEFORE.search(before)
    lead_in = (
        text[
            max(0, start - len(before) + average.start() - 25) : start
            - len(before)
            + average.start()
        ]
        if average
        else ""
    )
    if average and (
        _GROUP_WORDS.search(re.sub(r"\d", " ", lead_in))
        or _GROUP_WORDS.search(average.group(0)[9:])
    ):
        return "average"
    subject = _AVERAGE_SUBJECT.search(text, max(0, start - 240), start)
    if (
        subject
        and not _RECEIVING.search(subject.group(0))
        and _GROUP_WORDS.search(subject.group(0)[9:])
    ):
        return "average"
    group = _COUNTED_GROUP.search(text, max(0, start - 160), start)
    if group and not _NAMED_MEMBER.search(group.group(0)):
        return "average"
    if _THRESHOLD_CLAUSE.search(before):
        return "threshold"
    if re.search(r"\bselisih\w{0,3}\b[^.;\d]{0,60}$", before, re.IGNORECASE):
        return "delta"
    if _GAP_BEFORE.search(before):
        return "delta"  # "jaraknya tinggal 3,49", "kurang 2,1 poin lagi": a distance, not a score
    if _DELTA_BEFORE.search(before):
        return "delta"
    if _THRESHOLD_BEFORE.search(before):
        return "threshold"
    if value > MAX_SCORE:
        return "large"
    clause = _clause_before(before)
    keyword = bool(_KEYWORD_BEFORE.search(clause))
    if _PERCENT_OF_COUNT.search(before):
        return "percent"
    if percent and _SHARE_OF_COUNT.search(text, max(0, start - 120), start):
        return "percent"  # "jumlah instansi di zona hijau naik sebesar 52,96%": a share of a count
    if percent and _BUDGET_CLAUSE.search(clause):
        return "percent"
    if percent:
        weak = decimals > 0 and _WEAK_KEYWORD.search(clause)
        return "score" if (keyword or weak) and prev_char != "(" else "percent"
    if _UNIT_AFTER.match(after) or (decimals == 0 and _COUNT_AFTER.match(after)):
        return "count"  # "12 instansi"; "89,44 Dinas Pendidikan" is a score before its owner
    if _TARGET_CLAUSE.search(clause) and not re.search(r"\bmeraih|memperoleh|mendapat", clause):
        return "threshold"
    if (
        re.match(r"^\s{0,2}(?:poin|point)\b", after, re.I)
        and re.search(
            r"(?:naik|meningkat|turun|menurun|selisih|kenaikan|penurunan)\b[^.;]{0,25}$",
            before,
            re.I,
        )
        and not _CHANGE_FROM.search(before)
    ):
        return "delta"
    if decimals == 0:
        if keyword or (value >= 20 and re.match(r"^\s{0,2}(?:poin|point)\b", after, re.I)):
            return "score"  # "nilai 48", "tercatat 80 poin"
        if _LIST_ITEM.search(before) and next_char in ".)":
            return "ordinal"
        return "integer"
    return "score"


def _clause_before(before: str) -> str:
    """The text between the previous number or sentence end and this number."""
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind(";"))
    clause = before[cut + 1 :] if cut >= 0 else before
    digits = re.search(r"\d[^\d]*$", clause)
    return clause[digits.start() + 1 :] if digits else clause
