"""Name helpers shared by the registry, mention detection and linking: folding, slugs and string similarity.

One place for them, so that the registry's keys, the keys extraction mints and the matching of surnames all
fold a name the same way.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' and 'turkiye' fold alike."""
    if text.isascii():  # nothing to decompose; casefold of ASCII is lower() (tests: equal to `fold_reference`)
        return text.lower()
    return fold_reference(text)


def fold_reference(text: str) -> str:
    """The full fold (NFKD, combining marks dropped, casefold) that `fold` shortcuts for ASCII text."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_len: int = 80) -> str:
    """The IRI-safe slug of a name (folded, hyphen-separated); long names keep a prefix plus a digest."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("'", "")).strip("-")
    if len(slug) > max_len:
        # long names keep a readable prefix plus a digest of the whole, so two long names never collide
        digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
        slug = slug[:max_len - 9].rsplit("-", 1)[0] + "-" + digest
    return slug or "unnamed"


def similarity(a: str, b: str) -> float:
    """How alike two (folded) names are, 0..1: difflib's ratio, tolerant of transliteration variants."""
    return SequenceMatcher(None, a, b).ratio()


def similar(a: str, b: str, threshold: float) -> bool:
    """`similarity(a, b) >= threshold`, answered from difflib's cheap upper bounds when they already say no.

    real_quick_ratio >= quick_ratio >= ratio (same formula over ever fewer matches), so a bound below the threshold
    is the same answer as the full ratio."""
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and \
        matcher.ratio() >= threshold


def normalise(name: str) -> str:
    """One comparable form of a name for evaluation (gold against predictions) and coreference (event names).

    Folds case, accents, quotes, punctuation and a leading "the": 'The Law “On Refugees”' ~ 'law "On refugees"'."""
    text = fold(name).lower()
    text = re.sub(r"[\"'`´’‘“”«»().,:;!?]", " ", text)
    text = re.sub(r"[-‐‑–—/]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text
