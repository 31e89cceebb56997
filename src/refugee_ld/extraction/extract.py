"""One document in, one `Extraction` out: the text-analysis stages chained in order.

This is the function a worker process runs; it touches no files beyond the (cached) registry.
"""
from __future__ import annotations

from dataclasses import replace

from ..extraction.doc import Doc
from ..extraction.facts import apply_names, extract_facts
from ..extraction.mentions import DocMentions, MentionDetector, resolve_state
from ..lang.lexicon import Lexicon
from ..records import Document, Entity, Extraction, Mention
from ..registry import Registry
from ..text.dates import find_dates
from ..text.sentences import split_sentences
from ..text.textview import TextView, build_view


def analyse(document: Document, view: TextView, registry: Registry, lexicon: Lexicon) -> Doc:
    """The text stages and the mention stage of one document (or part): the `Doc` the fact rules read."""
    sentences = split_sentences(view.text)
    dates = find_dates(view.text, document.date, document.language)
    author = resolve_state(registry, document.author_state)
    detector = MentionDetector(registry, lexicon, document.language)
    mentions = detector.detect(view.text, sentences, dates, author, document.date)
    return Doc.build(document, view, sentences, dates, mentions, registry, lexicon)


def _extract_view(document: Document, view: TextView, registry: Registry, lexicon: Lexicon) -> Extraction:
    doc = analyse(document, view, registry, lexicon)
    found = extract_facts(doc)
    # "the conference adopted a Declaration": the mention stage's references with the names the rules gave
    mentions = apply_names(DocMentions(list(doc.refs), doc.book, doc.main_state), found.names)
    new_entities, facts = found.entities, list(found.facts)
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
    minted = {e.key: e.aliases for e in new_entities}  # a fact rule's own aliases: the phrase it read the entity from
    entities = {key: replace(e, aliases=tuple(dict.fromkeys(
                    a for a in (*minted.get(key, ()), *book.surfaces.get(key, [])) if a != e.label)))
                for key, e in entities.items() if e.type != "Place" or key in used}
    for key, e in entities.items():
        entry = registry.get(key)
        if entry is not None and not e.from_registry:
            # a name minted from the text whose key is a registry entry's ("Treaty on the Non Proliferation of
            # Nuclear Weapons") is that entry: its label is the registry's (one label per entity), its own
            # surfaces stay aliases
            aliases = tuple(dict.fromkeys(a for a in (e.label, *e.aliases) if a != entry.entity.label))
            entities[key] = replace(entry.entity, aliases=aliases)
    mention_records = tuple(
        Mention(ref.key, view.evidence(document.doc_id, ref.start, ref.end))
        for ref in refs if ref.key and ref.key in entities)
    return Extraction(document, tuple(sorted(entities.values(), key=lambda e: e.key)), mention_records,
                      tuple(facts))


def _fact_keys(facts: list) -> set[str]:
    """The entity keys the facts refer to, in the fields their records declare as entities."""
    from ..records import entity_fields  # imported here: this helper's edits stay inside it

    keys: set[str] = set()
    for fact in facts:
        for name, _ in entity_fields(fact):
            value = getattr(fact, name)
            if isinstance(value, str) and "/" in value:
                keys.add(value)
    return keys


# Documents longer than this (in characters of the normalised view) are analysed in parts cut at paragraph
# breaks: each part is one bounded unit of rule work, so extraction time and memory grow linearly with the
# length of a document whatever the rules do inside a part.  Shorter documents (nearly all) are one part.
SEGMENT_CHARS = 100_000


def extract(document: Document, registry: Registry, lexicon: Lexicon) -> Extraction:
    view = build_view(document.text, document.media_type)
    if len(view.text) <= SEGMENT_CHARS:
        return _extract_view(document, view, registry, lexicon)
    parts = [_extract_view(document, part, registry, lexicon) for part in segments(view, SEGMENT_CHARS)]
    entities: dict[str, Entity] = {}
    for part in parts:
        for entity in part.entities:
            known = entities.setdefault(entity.key, entity)
            if known is not entity:
                entities[entity.key] = replace(known, aliases=known.aliases + tuple(
                    a for a in entity.aliases if a not in known.aliases))
    return Extraction(document, tuple(sorted(entities.values(), key=lambda e: e.key)),
                      tuple(m for part in parts for m in part.mentions), tuple(f for part in parts for f in part.facts))


def segments(view: TextView, size: int = SEGMENT_CHARS) -> list[TextView]:
    """Consecutive parts of at most `size` characters, cut after a line break, else a full stop, else a space.

    A part keeps the offset map into the whole stored text, so evidence cut from it needs no shifting."""
    text, out, start = view.text, [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            floor = start + size // 2
            for mark in ("\n", ". ", " "):
                at = text.rfind(mark, floor, end)
                if at >= floor:
                    end = at + len(mark)
                    break
        out.append(TextView(view.source, text[start:end], view.origin[start:end]))
        start = end
    return out
