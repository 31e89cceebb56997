"""The mention stage as a whole: build the document's `MentionDoc`, run the registered rules in their declared
order, and fold their results into the `DocMentions` the fact rules read.

Stage "mentions" (per document):   registry -> phrases -> persons -> surnames -> anaphora
Stage "mentions.sentence" (run by `phrases` on each sentence, in text order):
    laws -> resolutions -> ordinal_sessions -> current_sessions -> governments -> chunks -> meetings_of
    -> described_events -> quoted_events -> place_named_events -> held_events -> site_names -> world

Each sentence rule reads the spans the earlier ones claimed in that sentence (declared in `after`); the
sentence loop stays outermost because the first rule to name an entity decides its label in the book, and
that must stay "first in the text" (see `EntityBook`).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...lang.lexicon import Lexicon
from ...records import DateValue
from ...registry import Registry
from ...text.dates import DateMention
from ...text.intervals import between
from ...text.sentences import Sentence
from ..rules import rule, run_stage
from . import anaphora, described_events, events, governments, heads, instruments, persons, sessions, sites  # noqa: F401  (registers rules)
from .doc import SENTENCE_STAGE, STAGE, MentionDoc, SentenceDoc, mention_doc
from .model import DocMentions, Found, Ref, text_order
from .registry_match import main_state


@rule("mentions.phrases", stage=STAGE, produces=Found, after=("mentions.registry",))
def phrases(doc: MentionDoc, inputs: Mapping[str, tuple[Ref, ...]]) -> tuple[Found, ...]:
    """Names found by pattern: the sentence rules, sentence by sentence, each sentence's results in rule order."""
    refs = inputs["mentions.registry"]
    main = main_state(doc.author_state, refs)
    own = doc.author_state or _dominant_state(doc, refs)
    ref_starts, date_starts = [r.start for r in refs], [d.start for d in doc.dates]  # both in text order
    found: list[Found] = []
    for sentence in doc.sentences:
        i, j = between(ref_starts, sentence.start, sentence.end)
        k, m = between(date_starts, sentence.start, sentence.end)
        sentence_doc = SentenceDoc(doc, sentence, refs[i:j], tuple(doc.date_spans[k:m]), main, own)
        for results in run_stage(SENTENCE_STAGE, sentence_doc, doc.timings).values():
            found += results
    return tuple(found)


def _dominant_state(doc: MentionDoc, refs: tuple[Ref, ...]) -> str | None:
    """The state the text names more often than any other, its cities counting for it ('Dhaka: ...' is a
    Bangladeshi dateline); None on a tie."""
    counts: dict[str, int] = {}
    for r in refs:
        key: str | None = r.key if r.type == "State" else None
        if r.type == "Place" and r.key in doc.registry.entries:
            key = doc.registry.lookup("State", doc.registry.entries[r.key].data.get("country") or "")
        if key:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=lambda k: counts[k])


def assemble(doc: MentionDoc, results: Mapping[str, tuple[Any, ...]]) -> DocMentions:
    """The stage's output: every ref in text order, the book completed with the session and anaphor records."""
    book = doc.book
    phrase_found: tuple[Found, ...] = results["mentions.phrases"]
    for f in phrase_found:
        if f.owner is not None:
            book.owners.setdefault(f.ref.key, f.owner)
        if f.current:
            book.current.add(f.ref.key)
    for ref in results["mentions.anaphora"]:
        if ref.via == "anaphor":
            book.anaphors.setdefault(ref.key, set()).add(doc.text[ref.start:ref.end])
    named = text_order([*results["mentions.registry"], *(f.ref for f in phrase_found)])
    refs = sorted(named + list(results["mentions.persons"]) + list(results["mentions.surnames"]),
                  key=lambda r: r.start)
    return DocMentions(text_order(refs + list(results["mentions.anaphora"])), book,
                       main_state(doc.author_state, results["mentions.registry"]))


class MentionDetector:
    """Finds the mentions of one document; `language` selects the vocabulary (English when there is none)."""

    def __init__(self, registry: Registry, lexicon: Lexicon, language: str = "en") -> None:
        self.registry = registry
        self.lex = lexicon
        self.language = language

    def detect(self, text: str, sentences: list[Sentence], dates: list[DateMention],
               author_state: str | None = None, doc_date: DateValue | None = None, *,
               language: str | None = None, timings: dict[str, float] | None = None) -> DocMentions:
        """`author_state` (a state key) is who "we" are; without it the most-mentioned state stands in."""
        doc = mention_doc(text, sentences, dates, self.registry, self.lex, author_state, doc_date,
                          language or self.language, timings)
        return assemble(doc, run_stage(STAGE, doc, timings))
