"""The frozen inputs of the mention rules: one `MentionDoc` per document, one `SentenceDoc` per sentence.

Both are built once and never changed; the only mutable member is the document's `EntityBook` (see its
docstring for why the book is shared state).  `claimed` derives, from the results a sentence rule declared in
`after`, the spans it must leave alone, which is what the old detector kept in a list every rule appended to.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ...lang.lexicon import Lexicon
from ...records import DateValue, Entity
from ...registry import Registry
from ...text.dates import DateMention
from ...text.intervals import SpanList
from ...text.names import slugify
from ...text.sentences import Sentence
from .model import EntityBook, Found, Ref, Token
from .tokens import tokenize
from .vocab import MentionVocabulary, vocabulary_for

STAGE = "mentions"  # document rules: registry names, phrases (runs the sentence stage), persons, anaphora
SENTENCE_STAGE = "mentions.sentence"  # sentence rules: laws, sessions, governments, chunks, described events


@dataclass(frozen=True, eq=False)
class MentionDoc:
    """One document as the mention rules see it: the view text, its sentences and dates, and the shared data."""

    text: str
    sentences: tuple[Sentence, ...]
    dates: tuple[DateMention, ...]
    date_spans: SpanList  # never appended to after construction, so its index stays valid
    tokens: tuple[Token, ...]
    registry: Registry
    lexicon: Lexicon
    vocab: MentionVocabulary
    author_state: str | None = None  # a state key: who "we" are in a state's statement
    doc_date: DateValue | None = None
    book: EntityBook = field(default_factory=EntityBook)
    timings: dict[str, float] | None = None  # seconds per rule, summed over sentences, when asked for

    @property
    def statement(self) -> bool:
        """A state's own statement (its author is known): "this session" and "our programme" are its own."""
        return self.author_state is not None

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end], as `tokenize(text[start:end], start)` gives them.

        They are the document's own tokens in that range when no token of the document crosses either end
        (then the regex, which has no look-around, matched the same words); else the range is tokenised afresh
        (a sentence cut inside a word)."""
        i, j = bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)
        tokens = self.tokens
        if (i == 0 or tokens[i - 1].end <= start) and (j == 0 or tokens[j - 1].end <= end):
            return list(tokens[i:j])
        return tokenize(self.text[start:end], start)


@dataclass(frozen=True, eq=False)
class SentenceDoc:
    """One sentence: the registry refs and date spans inside it, and the document's main state."""

    doc: MentionDoc
    sentence: Sentence
    refs: tuple[Ref, ...]
    date_spans: tuple[tuple[int, int], ...]
    main_state: str | None
    # the author's state, or the state the text names more often than any other (its cities included): who an
    # unowned 'the foreign ministry' belongs to (on a tie between the states a text is about, nobody's)
    own_state: str | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def body(self) -> str:
        """The sentence's own text (patterns run on it and shift offsets by `sentence.start`)."""
        return self.doc.text[self.sentence.start:self.sentence.end]


def claimed(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> list[tuple[int, int]]:
    """Spans a sentence rule must not name across: registry names, dates and what earlier rules claimed."""
    taken = [r.span for r in s.refs] + list(s.date_spans)
    for found in inputs.values():
        taken += [f.ref.span for f in found if f.claims]
    return taken


def earlier_refs(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> list[Ref]:
    """The sentence's registry refs and every ref the earlier rules found in it (claiming or not)."""
    return list(s.refs) + [f.ref for found in inputs.values() for f in found]


def state_entity(doc: MentionDoc, key: str | None) -> Entity | None:
    entry = doc.registry.get(key) if key else None
    return entry.entity if entry else None


def name_entity(doc: MentionDoc, type_: str, label: str, surface: str, kind: str | None, key: str | None = None
                ) -> Entity:
    """The entity a pattern names: the registry's when the label or surface is a registry name, else a new one
    keyed by type and slug (or `key`); either way entered in the book, which returns the first one seen."""
    key = key or f"{type_.lower()}/{slugify(label)}"
    registry_key = doc.registry.lookup(type_, label) or doc.registry.lookup(type_, surface)
    if registry_key:
        return doc.book.add(doc.registry.entries[registry_key].entity, surface)
    return doc.book.add(Entity(key=key, type=type_, label=label, kind=kind), surface)


def mention_doc(text: str, sentences: list[Sentence], dates: list[DateMention], registry: Registry,
                lexicon: Lexicon, author_state: str | None = None, doc_date: DateValue | None = None,
                language: str = "en", timings: dict[str, float] | None = None) -> MentionDoc:
    """The document as the mention rules see it (tests build one with this and run a single rule on it)."""
    return MentionDoc(text, tuple(sentences), tuple(dates), SpanList((d.start, d.end) for d in dates),
                      tuple(tokenize(text)), registry, lexicon, vocabulary_for(lexicon, registry, language),
                      author_state, doc_date, EntityBook(), timings)
