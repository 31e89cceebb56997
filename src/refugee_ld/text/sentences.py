"""Sentence splitting for statements and press releases, robust to honorifics and initials."""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "h.e", "u.n", "u.s", "st", "no", "nos", "art", "arts", "para",
                 "e.g", "i.e", "etc", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                 "nov", "dec", "approx", "est", "gen", "col", "lt", "sr", "jr", "inc", "ltd", "co", "corp", "dept",
                 "govt", "h", "e", "u", "n", "a.m", "p.m", "op", "cit", "ibid", "cf", "fig", "vol", "pp", "ch"}

# A run of end marks is matched from its first mark only and never re-scanned (linear on "....." lines).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?=\s+[\"'(\[]?[A-Z0-9\u0400-\u04ff])|\n")
# Longer "sentences" (a line without full stops, a table flattened to one line) are cut at a space or comma, so
# that the per-sentence rules do bounded work and extraction stays linear in the document's length.
MAX_SENTENCE_CHARS = 1500


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a normalised view text; line breaks end a sentence unless the next line goes on in lowercase."""
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() == "\n":
            nxt = text[m.end(): m.end() + 1]
            if nxt and (nxt.islower() or nxt in ",;)"):
                continue
            end = m.start()
        else:
            if _is_abbreviation(text, m.start()):
                continue
            end = m.end()
        _add(sentences, text, start, end)
        start = m.end()
    _add(sentences, text, start, len(text))
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12): dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        _add(sentences, text, start, cut)
        start = cut
        while start < end and text[start] in " \n":
            start += 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last ';' or ',' in its second half, else at a space."""
    half = start + (limit - start) // 2
    for mark in ("; ", ", ", " "):
        at = text.rfind(mark, half, limit)
        if at > start:
            return at + len(mark.rstrip())
    return limit
