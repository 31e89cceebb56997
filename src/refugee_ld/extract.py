"""One document in, one `Extraction` out: the text-analysis stages chained in order.

This is the function a worker process runs; it touches no files beyond the (cached) registry.
"""
from __future__ import annotations

from dataclasses import replace

from .dates import find_dates
from .facts import DocContext, extract_facts
from .lexicon import Lexicon
from .mentions import MentionDetector, resolve_state
from .records import Document, Entity, Extraction, Mention
from .registry import Registry
from .sentences import split_sentences
from .textview import build_view


def extract(document: Document, registry: Registry, lexicon: Lexicon) -> Extraction:
    view = build_view(document.text, document.media_type)
    sentences = split_sentences(view.text)
    dates = find_dates(view.text, document.date)
    author = resolve_state(registry, document.author_state)
    mentions = MentionDetector(registry, lexicon).detect(view.text, sentences, dates, author, document.date)
    ctx = DocContext(document, view, sentences, dates, mentions, registry, lexicon)
    new_entities, facts = extract_facts(ctx)
    entities: dict[str, Entity] = dict(mentions.book.entities)
    for entity in new_entities:
        entities.setdefault(entity.key, entity)
    for key in sorted(_fact_keys(facts)):  # e.g. the registry's "World" for a worldwide figure
        entry = registry.get(key)
        if key not in entities and entry is not None:
            entities[key] = entry.entity
    book = mentions.book
    # "the Kyoto Protocol", "the Paris Agreement": a city inside an instrument's name is no mention of the place
    refs = [r for r in mentions.refs if not (r.type == "Place" and any(
        i.type == "Instrument" and i is not r and i.start <= r.start and r.end <= i.end for i in mentions.refs))]
    used = {r.key for r in refs} | _fact_keys(facts)
    entities = {key: replace(e, aliases=tuple(a for a in book.surfaces.get(key, []) if a != e.label))
                for key, e in entities.items() if e.type != "Place" or key in used}
    mention_records = tuple(
        Mention(ref.key, view.evidence(document.doc_id, ref.start, ref.end))
        for ref in refs if ref.key and ref.key in entities)
    return Extraction(document, tuple(sorted(entities.values(), key=lambda e: e.key)), mention_records,
                      tuple(facts))


def _fact_keys(facts: list) -> set[str]:
    keys: set[str] = set()
    for fact in facts:
        for name in ("state", "instrument", "event", "value", "place", "person", "organisation"):
            value = getattr(fact, name, None)
            if isinstance(value, str) and "/" in value:
                keys.add(value)
    return keys
