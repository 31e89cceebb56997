"""Helpers for rule-level mention tests: a small document as the rules see it, and one of its sentences."""
from __future__ import annotations

from refugee_ld.extraction.mentions import MentionDoc, SentenceDoc, main_state, mention_doc
from refugee_ld.extraction.rules import run_rule
from refugee_ld.records import DateValue
from refugee_ld.text.dates import find_dates
from refugee_ld.text.intervals import between
from refugee_ld.text.sentences import split_sentences
from refugee_ld.text.textview import build_view


def doc_for(text: str, registry, lexicon, author_state: str | None = None, year: str | None = None) -> MentionDoc:
    view = build_view(text)
    date = DateValue(year) if year else None
    return mention_doc(view.text, split_sentences(view.text), find_dates(view.text, date), registry, lexicon,
                       author_state, date)


def sentence_for(doc: MentionDoc, index: int = 0) -> SentenceDoc:
    """Sentence `index` with its registry refs and dates, as the phrases rule hands it to the sentence rules."""
    refs = run_rule("mentions.registry", doc)
    sentence = doc.sentences[index]
    i, j = between([r.start for r in refs], sentence.start, sentence.end)
    spans = tuple((d.start, d.end) for d in doc.dates if sentence.start <= d.start < sentence.end)
    return SentenceDoc(doc, sentence, refs[i:j], spans, main_state(doc.author_state, refs))
