"""HTTP content negotiation (RFC 9110 section 12.5.1): pick the media type a client prefers among those offered.

Pure functions, so `serve` and its tests share one reading of `Accept` lists with q-values and wildcards.
"""
from __future__ import annotations

from dataclasses import dataclass

# Media types the server can answer with, and the short names accepted by `?format=`.
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
}
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
FORMAT_NAMES = {
    "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html",
}
# Aliases some clients send for the same formats.
ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/xhtml+xml": "text/html",
}


@dataclass(frozen=True, order=True)
class Preference:
    """One entry of an Accept header: higher q first, then more specific ranges first."""

    q: float
    specificity: int
    media_range: str


def parse_accept(header: str | None) -> list[Preference]:
    """Entries of an Accept header, best first; malformed entries are skipped, an absent header accepts all."""
    if not header or not header.strip():
        return [Preference(1.0, 0, "*/*")]
    prefs: list[Preference] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media.count("/") != 1 or " " in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                if not 0.0 <= q <= 1.0:
                    q = 0.0
        minor = media.split("/")[1]
        specificity = 0 if media == "*/*" else 1 if minor == "*" else 2
        prefs.append(Preference(q, specificity, ALIASES.get(media, media)))
    return sorted(prefs, key=lambda p: (-p.q, -p.specificity))


def _matches(media_range: str, media_type: str) -> bool:
    if media_range == "*/*":
        return True
    major, minor = media_range.split("/")
    return media_type == media_range or (minor == "*" and media_type.split("/")[0] == major)


def choose(header: str | None, offered: list[str]) -> str | None:
    """The offered media type the client ranks highest (ties: the server's order), or None when none is acceptable.

    The q-value of a type is that of the most specific range matching it (RFC 9110), so
    `text/*;q=0, text/turtle` still accepts Turtle while refusing other text types.
    """
    prefs = parse_accept(header)
    best: tuple[float, int] | None = None
    chosen: str | None = None
    for index, media_type in enumerate(offered):
        matching = [p for p in prefs if _matches(p.media_range, media_type)]
        if not matching:
            continue
        top = max(matching, key=lambda p: p.specificity)
        q = max(p.q for p in matching if p.specificity == top.specificity)
        if q <= 0:
            continue
        rank = (q, -index)
        if best is None or rank > best:
            best, chosen = rank, media_type
    return chosen


def from_format_parameter(value: str | None) -> str | None:
    """`?format=turtle` (or a media type) as a media type; None when absent or unknown."""
    if not value:
        return None
    value = value.strip().lower()
    if value in FORMAT_NAMES:
        return FORMAT_NAMES[value]
    value = ALIASES.get(value, value)
    known = set(RDF_TYPES) | set(RESULT_TYPES) | {"text/html"}
    return value if value in known else None
