"""Is an article about the Ombudsman's public-service assessment? Asked before anything else.

Other schemes reuse the same words (COVID risk zones, Zona Integritas, KemenPANRB and IKM
satisfaction surveys; domain.md §6.11), so an article counts only when it names the Ombudsman
(in any of the spellings news uses) and speaks of the assessment or its results.
"""

from __future__ import annotations

import re

from extract.model import Article

_OMBUDSMAN = re.compile(
    r"\bomb?[ua]?d?s[dm]{1,2}[ae]n|\bombudsm\w{0,3}|\bombusdm\w{0,3}|\bombdusm\w{0,3}|\bORI\b",
    re.IGNORECASE,
)
_ASSESSMENT = re.compile(
    r"kepatuhan|zona(?:si)?\s+(?:hijau|kuning|merah)|opini\s+(?:kualitas|pengawasan|pelayanan|"
    r"ombudsman)|kualitas\s+tertinggi|predikat|penilaian\s+(?:kepatuhan|maladministrasi|"
    r"penyelenggaraan|pelayanan|standar)|survei\s+kepatuhan|standar\s+pelayanan",
    re.IGNORECASE,
)


def is_relevant(article: Article) -> bool:
    """True when title or text names the Ombudsman and the compliance assessment."""
    text = f"{article.title or ''}\n{article.text or ''}"
    return bool(_OMBUDSMAN.search(text)) and bool(_ASSESSMENT.search(text))
