"""Score the extractor against a labelled folder (devset format): `pantau eval PATH`.

The folder holds `articles.jsonl` (id, url, title, published, text) and `gold.jsonl` (id,
records). A predicted record is right when its article is right, its score is within 0.005 of
the gold score and its agency names the same body as the gold `agency` or `agency_full`: names
are compared after normalising government prefixes (Pemkab / Kab. / Kabupaten / Pemerintah
Kabupaten), spacing and case, through the region resolver for regional governments, and by
close string similarity as a last resort. Zone, category, year and government are scored as
accuracies over the matched records where the gold has a value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from extract.model import Article, ScoreRecord
from extract.records import extract_records
from pantau.errors import DataError

FIELDS = ("zone", "category", "assessment_year", "government")


@dataclass
class Miss:
    """A gold record nobody found (false negative) or a record nobody labelled (false positive)."""

    kind: str  # "missed" or "spurious"
    article_id: str
    agency: str
    score: float
    quote: str


@dataclass
class Report:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    true_positives: int = 0
    negative_articles: int = 0
    negative_records: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[Miss] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        total = self.field_totals.get(name, 0)
        return self.field_hits[name] / total if total else None


def evaluate_folder(path: Path | str) -> Report:
    """Run extraction on every article of a labelled folder and compare with its gold."""
    folder = Path(path)
    if not folder.is_dir():
        raise DataError(
            f"labelled folder {folder} does not exist (expected articles.jsonl + gold.jsonl)"
        )
    articles = _read_jsonl(folder / "articles.jsonl")
    gold = {row.get("id"): row.get("records") or [] for row in _read_jsonl(folder / "gold.jsonl")}
    report = Report()
    for row in articles:
        doc_id = str(row.get("id"))
        if doc_id not in gold:
            continue
        article = Article(
            doc_id=doc_id,
            text=row.get("text") or "",
            url=row.get("url"),
            site=row.get("site"),
            title=row.get("title"),
            published=row.get("published"),
        )
        score_article(report, article, extract_records(article), gold[doc_id])
    return report


def score_article(
    report: Report, article: Article, predicted: list[ScoreRecord], gold: list[dict]
) -> None:
    """Add one article's predictions to the report."""
    report.articles += 1
    report.gold += len(gold)
    report.predicted += len(predicted)
    if not gold:
        report.negative_articles += 1
        report.negative_records += len(predicted)
    unmatched = list(predicted)
    for g in gold:
        match = next((p for p in unmatched if records_match(p, g)), None)
        if match is None:
            report.misses.append(
                Miss(
                    "missed",
                    article.doc_id,
                    g.get("agency", ""),
                    g.get("score"),
                    g.get("quote", ""),
                )
            )
            continue
        unmatched.remove(match)
        report.true_positives += 1
        _score_fields(report, article.doc_id, match, g)
    for p in unmatched:
        report.misses.append(Miss("spurious", article.doc_id, p.agency, p.score, p.quote))


def _score_fields(report: Report, doc_id: str, predicted: ScoreRecord, gold: dict) -> None:
    for name in FIELDS:
        expected = gold.get(name)
        if expected is None:
            continue
        got = getattr(predicted, name)
        report.field_totals[name] += 1
        if name == "government":
            ok = got is not None and same_body(str(got), str(expected))
        elif name == "category":
            ok = got is not None and _norm(str(got)) == _norm(str(expected))
        else:
            ok = got == expected
        if ok:
            report.field_hits[name] += 1
        else:
            report.field_errors.append(
                f"{doc_id} {predicted.agency} {predicted.score}: {name} {got!r} != {expected!r}"
            )


def records_match(predicted: ScoreRecord, gold: dict) -> bool:
    """Same score (±0.005) and an agency naming the same body as gold `agency`/`agency_full`."""
    try:
        if abs(float(gold.get("score")) - predicted.score) > 0.005:
            return False
    except (TypeError, ValueError):
        return False
    names = [n for n in (gold.get("agency"), gold.get("agency_full")) if n]
    ours = [predicted.agency, predicted.agency_name]
    return any(same_body(a, b) for a in ours for b in names)


_PREFIXES = (
    (r"\bpemerintah\s+kabupaten\b|\bpemkab\b|\bkab\b\.?|\bkabupaten\b", "kabupaten"),
    (r"\bpemerintah\s+kota\b|\bpemkot\b|\bkota\b", "kota"),
    (r"\bpemerintah\s+provinsi\b|\bpemprov\b|\bprov\b\.?|\bprovinsi\b", "provinsi"),
    (r"\bpemerintah\s+daerah\b|\bpemda\b", ""),
    (r"\bkepolisian\s+resor(?:t)?\b", "polres"),
    (r"\bkantor\s+pertanahan\b", "kantah"),
    (r"\bunit\s+pelaksana\s+teknis\b", "upt"),
    (r"\bpusat\s+kesehatan\s+masyarakat\b", "puskesmas"),
)


def _norm(name: str) -> str:
    value = name.lower()
    value = re.sub(r"\([^)]*\)", " ", value)
    for pattern, repl in _PREFIXES:
        value = re.sub(pattern, repl, value)
    value = re.sub(r"[^\w\s]", " ", value)
    return " ".join(value.split())


def same_body(a: str, b: str) -> bool:
    """Do two written names denote the same agency? (prefix forms, spacing, resolver, fuzz)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb or na.replace(" ", "") == nb.replace(" ", ""):
        return True
    ra, rb = _region_code(a), _region_code(b)
    if ra and rb:
        return ra == rb
    return fuzz.ratio(na, nb) >= 92


_UNIT_WORDS = re.compile(
    r"dinas|badan|kantor|kantah|polres|polda|polresta|puskesmas|rsud|upt|kementerian|kanwil|"
    r"satpas|sekolah|smp|sdn|sma|bagian|sekretariat|inspektorat|kecamatan|kelurahan|"
    r"disdukcapil|dukcapil|dpmptsp|dinsos|dinkes|lembaga",
    re.IGNORECASE,
)


def _region_code(name: str) -> str | None:
    if _UNIT_WORDS.search(name):
        return None
    from extract.regions import resolve_region

    region = resolve_region(
        re.sub(r"^\s*pemerintah\s+(?=kabupaten|kota|provinsi)", "", name, flags=re.I)
    )
    return region.code if region else None


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise DataError(f"{path} not found: a labelled folder needs articles.jsonl and gold.jsonl")
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise DataError(f"{path}, line {number}: not valid JSON") from None
        if not isinstance(row, dict) or "id" not in row:
            raise DataError(f"{path}, line {number}: expected an object with an 'id'")
        rows.append(row)
    return rows


def render_report(report: Report, show_misses: bool = True) -> None:
    """Print the scores (and, if asked, every miss) with rich."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="pantau extraction vs gold", show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("articles", str(report.articles))
    table.add_row("gold records", str(report.gold))
    table.add_row("predicted records", str(report.predicted))
    table.add_row("record precision", f"{report.precision:.3f}")
    table.add_row("record recall", f"{report.recall:.3f}")
    table.add_row("record F1", f"{report.f1:.3f}")
    for name in FIELDS:
        acc = report.accuracy(name)
        shown = (
            "n/a"
            if acc is None
            else f"{acc:.3f} ({report.field_hits[name]}/{report.field_totals[name]})"
        )
        table.add_row(f"{name} accuracy", shown)
    table.add_row(
        "records from negative articles",
        f"{report.negative_records} (in {report.negative_articles} negative articles)",
    )
    console.print(table)
    if show_misses and report.misses:
        misses = Table(title="misses", show_header=True)
        for column in ("kind", "article", "agency", "score", "quote"):
            misses.add_column(column)
        for miss in report.misses:
            misses.add_row(
                miss.kind, miss.article_id, miss.agency, f"{miss.score}", miss.quote[:120]
            )
        console.print(misses)
    if show_misses and report.field_errors:
        for line in report.field_errors:
            console.print(f"[yellow]field[/] {line}", highlight=False, soft_wrap=True)
