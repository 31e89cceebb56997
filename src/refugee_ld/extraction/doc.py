"""The `Doc`: everything the fact rules may look at, built once per document and frozen.

A rule reads the `Doc` and returns records; it never writes to it.  What one rule must know of another's work
(the dates it claimed, the names it gave) travels as that rule's results, threaded by `extraction.rules`.
The indexes (starts of references, dates and sentences; spans of named references) are computed once here, so
the lookups the rules repeat thousands of times are bisections.

The references are the mention stage's `Ref` objects, which are mutable dataclasses owned by that stage; the
`Doc` keeps them in a tuple and no rule changes them (`with_names` makes renamed copies instead).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..lang.lexicon import Lexicon
from ..records import Document, Entity, Evidence
from ..registry import Registry
from ..text.dates import DateMention
from ..text.intervals import SpanList, between
from ..text.sentences import MAX_SENTENCE_CHARS, Sentence
from ..text.textview import TextView
from .mentions import DocMentions, EntityBook, Ref

if TYPE_CHECKING:
    from ..lang.en import FactPatterns

NEAR_CHARS = 2 * MAX_SENTENCE_CHARS  # no name or clause a rule links reaches further back than this

_GOVERNMENT_OF = re.compile(r"(?:Government|Cabinet of Ministers) of (?:the )?(.+)$")


@dataclass(frozen=True)
class Doc:
    """One analysed document as the fact rules see it.

    `sentences` leaves out questions: "Has X acceded to ...?" asserts nothing, so no rule reads it.
    `named_spans` are the spans of the references that had a key when the document was built; free dates
    are those outside them (a renamed copy from `with_names` keeps the original spans, as the rules always did).
    """

    document: Document
    view: TextView
    sentences: tuple[Sentence, ...]
    dates: tuple[DateMention, ...]
    refs: tuple[Ref, ...]
    book: EntityBook
    main_state: str | None
    registry: Registry
    lexicon: Lexicon
    patterns: FactPatterns
    ref_starts: tuple[int, ...]
    date_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    named_spans: SpanList

    @classmethod
    def build(cls, document: Document, view: TextView, sentences: Sequence[Sentence], dates: Sequence[DateMention],
              mentions: DocMentions, registry: Registry, lexicon: Lexicon) -> Doc:
        from ..lang.en import fact_patterns  # the patterns of the document's language (English fallback)
        kept = tuple(s for s in sentences if not view.text[s.start:s.end].rstrip().endswith("?"))
        refs = tuple(mentions.refs)
        return cls(document, view, kept, tuple(dates), refs, mentions.book, mentions.main_state, registry, lexicon,
                   fact_patterns(document.language), tuple(r.start for r in refs), tuple(d.start for d in dates),
                   tuple(s.start for s in kept), SpanList(r.span for r in refs if r.key))

    @property
    def text(self) -> str:
        return self.view.text

    def entity(self, key: str) -> Entity | None:
        return self.book.entities.get(key)

    def with_names(self, names: Mapping[int, str]) -> Doc:
        """A copy whose references at the given indexes carry the given keys (names a rule gave)."""
        if not names:
            return self
        refs = tuple(replace(r, key=names[i]) if i in names else r for i, r in enumerate(self.refs))
        return replace(self, refs=refs)

    def refs_between(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Ref]:
        i, j = between(self.ref_starts, start, end + 1)  # a ref inside [start, end] starts there
        return [r for r in self.refs[i:j] if start <= r.start and r.end <= end and r.key and
                (types is None or r.type in types)]

    def free_dates(self, start: int, end: int, with_now: bool = False) -> list[DateMention]:
        """Dates in [start, end) that are not part of a name ("1951 Convention", "Concept ... for 2023-27")."""
        i, j = between(self.date_starts, start, end + 1)
        return [d for d in self.dates[i:j] if start <= d.start and d.end <= end and (with_now or d.kind != "now")
                and not self.named_spans.covers(d.start, d.end)]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a view span; the rules pass the ends of the parts they used, in either order."""
        return self.view.evidence(self.document.doc_id, min(start, end), max(start, end))

    def state_of(self, ref: Ref) -> str | None:
        """The state a reference stands for: the state itself, or its government / foreign ministry."""
        if ref.type == "State":
            return ref.key
        entity = self.entity(ref.key)
        if ref.type == "Agency" and entity is not None and entity.kind == "national_body":
            match = _GOVERNMENT_OF.match(entity.label)
            if match:
                return self.registry.lookup("State", match.group(1))
        return None

    def refs_near(self, pos: int) -> Sequence[Ref]:
        """The refs starting within NEAR_CHARS before `pos` (or at it): every name that can end at or span `pos`."""
        i, j = between(self.ref_starts, pos - NEAR_CHARS, pos + 1)
        return self.refs[i:j]

    def sentence_of(self, pos: int) -> Sentence:
        i = bisect_right(self.sentence_starts, pos) - 1  # sentences are in text order and do not overlap
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]
