"""A normalised view of a document's text that remembers where every character came from.

Matching works on the view (straight quotes, single spaces, no markdown emphasis, no HTML tags);
evidence is cut from the stored text through `origin`, so quotes stay exact substrings.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from ..records import Evidence

_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ", "\t": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\r": "\n", "\u2028": "\n", "\u2029": "\n",
}
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
# Word pieces that typing accidents split ("fr om", "wh ere"); joined only when both halves are not words.
_SPLIT_WORDS = {"from", "where", "which", "there", "their", "with", "when", "what", "that", "this", "these",
                "those", "other", "about", "after", "under", "within", "between"}
_SHORT_WORDS = {"a", "an", "as", "at", "be", "by", "do", "he", "if", "in", "is", "it", "me", "my", "no", "of",
                "on", "or", "so", "to", "up", "us", "we", "the", "and", "for", "her", "his", "its", "our",
                "out", "who", "how", "all", "any", "can", "not", "one", "was", "has", "had", "are", "i"}


@dataclass(frozen=True)
class TextView:
    source: str  # the document text as stored
    text: str  # normalised text used for matching
    origin: Sequence[int]  # origin[i] = index in `source` of text[i] (an array: 8 bytes a character, not 36)

    def evidence(self, doc_id: str, start: int, end: int) -> Evidence:
        """Evidence for view span [start, end), trimmed of surrounding spaces and quotes-free of tags."""
        while start < end and self.text[start] in " \n":
            start += 1
        while end > start and self.text[end - 1] in " \n":
            end -= 1
        s = self.origin[start]
        e = self.origin[end - 1] + 1
        return Evidence(doc_id, s, e, self.source[s:e])


def build_view(source: str, media_type: str = "text/plain") -> TextView:
    pieces = _html_text_pieces(source) if media_type == "text/html" else [(0, source)]
    parts: list[str] = []
    origin = array("q")
    for base, chunk in pieces:  # HTML block tags bring their own line breaks; inline pieces run on
        _normalise_into(chunk, base, parts, origin, markdown=media_type != "text/html")
    return _collapse_whitespace(source, "".join(parts), origin)


# Every space separator (Unicode category Zs) becomes a plain space; tests check this list against unicodedata.
SPACE_SEPARATORS = "\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
                   "\u202f\u205f\u3000"
_TABLE = str.maketrans({**{c: " " for c in SPACE_SEPARATORS}, **_CHAR_MAP})
# What the view leaves out: "**bold**" / "__bold__" markers (markdown only) and invisible characters, found
# left to right as the character loop this replaces found them (a pair before a single character).
_SKIP_MARKDOWN = re.compile(r"\*\*|__|[" + "".join(sorted(_DROP)) + "]")
_SKIP_PLAIN = re.compile("[" + "".join(sorted(_DROP)) + "]")


def _normalise_into(chunk: str, base: int, parts: list[str], origin: array[int], markdown: bool) -> None:
    """Append the normalised characters of `chunk` to `parts` and their source offsets to `origin`.

    Every character maps to one character or none, so the text is kept slices put through one translation table
    and the offsets are the ranges of those slices."""
    kept = 0
    for m in (_SKIP_MARKDOWN if markdown else _SKIP_PLAIN).finditer(chunk):
        if m.start() > kept:
            parts.append(chunk[kept:m.start()].translate(_TABLE))
            origin.extend(range(base + kept, base + m.start()))
        kept = m.end()
    if kept < len(chunk):
        parts.append(chunk[kept:].translate(_TABLE))
        origin.extend(range(base + kept, base + len(chunk)))


# Whitespace runs that change: all but a single space between two words (those stay as they are).
_RUN = re.compile(r"[ \n]{2,}|\n|\A | \Z")


def _collapse_whitespace(source: str, chars: str, origin: array[int]) -> TextView:
    """Runs of spaces become one space; a run with a blank line becomes one newline; none at either end."""
    out: list[str] = []
    out_origin = array("q")
    kept = 0
    n = len(chars)
    for m in _RUN.finditer(chars):
        i, j = m.start(), m.end()
        out.append(chars[kept:i])
        out_origin.extend(origin[kept:i])
        kept = j
        if i == 0 or j == n:
            continue  # no leading or trailing whitespace
        newlines = chars.count("\n", i, j)
        out.append("\n" if newlines >= 2 or (newlines and _line_break_ends_sentence(chars[i - 1], chars[j])) else " ")
        out_origin.append(origin[i])
    out.append(chars[kept:])
    out_origin.extend(origin[kept:])
    text, out_origin = _join_split_words("".join(out), out_origin)
    return TextView(source, text, out_origin)


def _line_break_ends_sentence(before: str, after: str) -> bool:
    """A single line break ends a sentence after final punctuation or a date, before a capital."""
    return (before in '.!?:;"\')' or before.isdigit()) and (after.isupper() or after.isdigit() or after in '"\'(')


_SPLIT_RE = re.compile(r"\b([a-z]{1,4}) ([a-z]{1,5})\b")


def _join_split_words(text: str, origin: array[int]) -> tuple[str, array[int]]:
    drop: list[int] = []
    for m in _SPLIT_RE.finditer(text):
        left, right = m.group(1), m.group(2)
        if left + right in _SPLIT_WORDS and left not in _SHORT_WORDS and right not in _SHORT_WORDS:
            drop.append(m.start(2) - 1)
    if not drop:
        return text, origin
    pieces, offsets, kept = [], array("q"), 0
    for at in drop:  # in text order, each a single space
        pieces.append(text[kept:at])
        offsets.extend(origin[kept:at])
        kept = at + 1
    pieces.append(text[kept:])
    offsets.extend(origin[kept:])
    return "".join(pieces), offsets


class _TextCollector(HTMLParser):
    """Collects text nodes with their offsets in the HTML source; skips scripts, styles and templates."""

    _SKIP = {"script", "style", "template", "noscript", "head", "svg"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section",
              "article", "header", "footer", "blockquote", "pre", "title", "ul", "ol", "table", "dd", "dt"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.pieces: list[tuple[int, str]] = []
        self.skip_depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag in self._BLOCK:
            self.pieces.append((self._offset(), "\n\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self._BLOCK:
            self.pieces.append((self._offset(), "\n\n"))

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.pieces.append((self._offset(), data))

    def _ref(self, text: str, raw: str) -> None:
        if not self.skip_depth:
            start = self._offset()
            # the decoded character stands for the whole reference in the source
            self.pieces.append((start, text))

    def handle_entityref(self, name: str) -> None:
        import html

        self._ref(html.unescape(f"&{name};"), f"&{name};")

    def handle_charref(self, name: str) -> None:
        import html

        self._ref(html.unescape(f"&#{name};"), f"&#{name};")


def _html_text_pieces(source: str) -> list[tuple[int, str]]:
    collector = _TextCollector(source)
    collector.feed(source)
    collector.close()
    return collector.pieces
