"""Capitalised chunks: maximal runs of capitalised words, numbers and name connectors in a sentence, the raw
material of names found by their head noun ('Regional Conference on Refugee Protection', 'Ministry of ...')."""
from __future__ import annotations

from collections.abc import Sequence

from ...lang.lexicon import Lexicon
from ...text.intervals import spans_of
from .model import Ref, Token
from .vocab import MentionVocabulary


def complement_start(chunk: list[Token], index: int) -> bool:
    """A head right after 'of (the)' starts a new, nested entity ('Committee ... of the Ministry of ...')."""
    before = [t.text for t in chunk[max(0, index - 2):index]]
    return before[-1:] == ["of"] or before == ["of", "the"]


def cap_chunks(tokens: list[Token], ref_at: dict[int, Ref], date_spans: Sequence[tuple[int, int]],
               v: MentionVocabulary, lex: Lexicon) -> list[list[Token]]:
    """Maximal runs of capitalised words, numbers and name connectors; registry names may sit inside.

    One left-to-right pass with a little state (the open chunk, whether 'between' opened it): a connector
    joins only when a capitalised word follows, and 'and' before a known body or state ends the chunk there
    (two names listed), unless the chunk said 'between' ('Agreement between X and Y').  Kept as one loop
    (62 lines) because the branches share that state; split, they would pass it back and forth."""
    chunks: list[list[Token]] = []
    current: list[Token] = []
    lower_heads = _lower_heads(v, lex)
    dates = spans_of(date_spans) if date_spans else None

    def is_cap(i: int) -> bool:
        tok = tokens[i]
        if dates is not None and dates.contains(tok.start):
            return False
        t = tok.text
        if t[:1].isupper():
            return True
        if v.numbered_token.fullmatch(t):
            return True
        # a lower-case head followed by "of/on Capital": "concept of Migration Policy"
        return t in lower_heads and i + 2 < len(tokens) and tokens[i + 1].text in v.head_complements and \
            tokens[i + 2].text[:1].isupper()

    i = 0
    between = False
    while i < len(tokens):
        tok = tokens[i]
        if is_cap(i):
            if not current and tok.text in v.sentence_openers:
                i += 1
                continue
            current.append(tok)
        elif current and tok.text in v.connectors and i + 1 < len(tokens):
            nxt = i + 1
            while nxt < len(tokens) and tokens[nxt].text in v.connectors:
                nxt += 1
            if nxt < len(tokens) and is_cap(nxt) and not (
                    tok.text == "and" and tokens[nxt].start in ref_at and not between
                    and ref_at[tokens[nxt].start].type in ("Agency", "State")) and not (
                    tok.text == "and" and v.post_head.fullmatch(tokens[nxt].text)):  # "... Party and President of"
                if tok.text == "between":
                    between = True
                current.extend(tokens[i:nxt])
                i = nxt
                continue
            i = _extend_chunk(tokens, i, current, v, lex)
            chunks.append(current)
            current, between = [], False
        elif current and tok.text == "," and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and \
                any(t.text == "and" for t in tokens[i + 2:i + 5]) and not any(
                    tokens[i + 1].start == r for r in ref_at):
            current.append(tok)
        else:
            if current:
                i = _extend_chunk(tokens, i, current, v, lex)
                chunks.append(current)
            current, between = [], False
        i += 1
    if current:
        chunks.append(current)
    return chunks


_LOWER_HEADS: dict[tuple[int, int], tuple[MentionVocabulary, Lexicon, frozenset[str]]] = {}


def _lower_heads(v: MentionVocabulary, lex: Lexicon) -> frozenset[str]:
    """One-word instrument heads in lower case ('concept', 'plan'), built once per vocabulary and lexicon."""
    known = _LOWER_HEADS.get((id(v), id(lex)))
    if known is None or known[0] is not v or known[1] is not lex:
        heads = frozenset({h.lower() for h in lex.instrument_heads if " " not in h} | v.lower_instrument_heads)
        known = _LOWER_HEADS[(id(v), id(lex))] = (v, lex, heads)
    return known[2]


def _extend_chunk(tokens: list[Token], i: int, current: list[Token], v: MentionVocabulary, lex: Lexicon) -> int:
    """Lower-case tails that still belong to a name: 'Regional Framework body', '... Plan ... in the area of X'.

    Returns the index of the last token consumed (the caller moves on from there)."""
    tok = tokens[i]
    if tok.text in v.lower_agency_heads:
        current.append(tok)
        return i
    words = [t.text for t in tokens[i:i + 4]]
    if words[:2] == ["in", "the"] and len(words) > 3 and words[2] in v.scope_nouns and words[3] == "of" and any(
            t.text in lex.instrument_heads for t in current):
        j = i + 4
        while j < len(tokens) and tokens[j].text not in v.clause_words and v.word_start.match(tokens[j].text) and \
                j - i < 16:
            j += 1
        while j > i + 4 and tokens[j - 1].text in v.connectors:
            j -= 1
        current.extend(tokens[i:j])
        return j - 1
    return i
