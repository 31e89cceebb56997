"""Persons: capitalised names with a title, honorific or speech verb beside them, then later surname-only
mentions of a person named in full ('Ashikbayev said')."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...records import Entity
from ...text.intervals import SpanList
from ...text.names import fold, similar, slugify
from ..rules import rule
from .doc import STAGE, MentionDoc
from .model import Found, Ref, text_order
from .vocab import MentionVocabulary

_WORD = re.compile(r"\S+")


def named_so_far(inputs: Mapping[str, tuple[Any, ...]]) -> list[Ref]:
    """Registry names and pattern names in text order: what the person and anaphora rules build on."""
    found: tuple[Found, ...] = inputs["mentions.phrases"]
    return text_order([*inputs["mentions.registry"], *(f.ref for f in found)])


def _has_context(v: MentionVocabulary, before: str, after: str) -> bool:
    """A title or honorific before the name, a post after it, or a speech verb on either side."""
    return bool(v.honorific_before.search(before) or v.post_before.search(before) or v.post_after.match(after)
                or v.verb_before.search(before) or v.verb_after.match(after) or v.credit_before.search(before))


def _name_words(doc: MentionDoc, start: int, name: str, spans: SpanList) -> tuple[int, list[str]]:
    """Drop leading words that are no part of the name: an honorific's 'E.', openers, titles, adjectives.  The
    words may be separated by any run of spaces and one line break ('Bingu\\nWa Mutharika')."""
    v, lex, text = doc.vocab, doc.lexicon, doc.text
    words = [(start + w.start(), w.group()) for w in _WORD.finditer(name)]
    if start > 0 and text[start - 1] == "." and words and words[0][1].endswith("."):
        words = words[1:]  # "H.E. Kairat Umarov": the E. belongs to the honorific
    while words and (words[0][1] in lex.not_person_words or words[0][1] in v.sentence_openers
                     or words[0][1] in v.title_words or words[0][1] in doc.registry.adjectives
                     or words[0][1] in v.honorific_words):
        words = words[1:]  # "Kazakh Foreign Minister Erlan Idrissov": the title is no name
    titled = [i for i, (_, w) in enumerate(words) if w in v.title_words or w in v.honorific_words]
    if titled and len(words) - titled[-1] > 2:
        words = words[titled[-1] + 1:]  # "Ngwazi Professor Bingu Wa Mutharika": the name follows the last title
    if len(words) > 4:
        return start, []
    while words and spans.overlaps(words[0][0], words[0][0] + len(words[0][1])):
        words = words[1:]  # "... of Tajikistan Sirojiddin Muhriddin": the state is no part of it
    return (words[0][0] if words else start), [w for _, w in words]


@rule("mentions.persons", stage=STAGE, produces=Ref, after=("mentions.registry", "mentions.phrases"))
def persons(doc: MentionDoc, inputs: Mapping[str, tuple[Any, ...]]) -> tuple[Ref, ...]:
    """Full names (two to four words) in a person's context, outside every name and date found so far."""
    v, lex, text = doc.vocab, doc.lexicon, doc.text
    spans = SpanList([r.span for r in named_so_far(inputs)] + list(doc.date_spans))
    new_refs: list[Ref] = []
    for m in v.person_name.finditer(text):
        end = m.end()
        start, words = _name_words(doc, m.start(), m.group(), spans)
        if len(words) < 2 or any(w.rstrip(".") in lex.not_person_words for w in words) or \
                all(w.endswith(".") for w in words):
            continue
        if spans.overlaps(start, end):
            continue
        if not _has_context(v, text[max(0, start - 60):start], text[end:end + 60]):
            continue
        entity = person_entity(doc, " ".join(words))
        new_refs.append(Ref(start, end, entity.key, "Person", None, "pattern"))
        spans.append((start, end))
    return tuple(new_refs)


@rule("mentions.surnames", stage=STAGE, produces=Ref,
      after=("mentions.registry", "mentions.phrases", "mentions.persons"))
def surnames(doc: MentionDoc, inputs: Mapping[str, tuple[Any, ...]]) -> tuple[Ref, ...]:
    """Later surname-only mentions ('Ashikbayev said') of a person named in full, spelling variants included."""
    earlier = named_so_far(inputs)
    refs = sorted(earlier + list(inputs["mentions.persons"]), key=lambda r: r.start)
    spans = SpanList([r.span for r in earlier] + list(doc.date_spans) + [r.span for r in inputs["mentions.persons"]])
    people = {r.key: doc.book.entities[r.key] for r in refs if r.type == "Person" and r.key in doc.book.entities}
    by_surname: dict[str, str] = {}
    given: dict[str, str] = {}  # "Princess Sarah", "Sheikh Hasina" after the full name: the person's first name
    for key, entity in people.items():
        surname = fold(entity.label.split()[-1])
        if len(surname) >= 4:
            by_surname[surname] = key
        if " " in entity.label:
            given.setdefault(fold(entity.label.split()[0]), key)
    out: list[Ref] = []
    for m in doc.vocab.surname.finditer(doc.text) if by_surname else ():
        if spans.overlaps(m.start(), m.end()):
            continue
        word = fold(m.group())
        key = by_surname.get(word) or next((k for s, k in by_surname.items()
                                            if len(word) >= 6 and similar(s, word, 0.85)), None)
        if key:
            doc.book.add(doc.book.entities[key], m.group())
            out.append(Ref(m.start(), m.end(), key, "Person", None, "name"))
            spans.append((m.start(), m.end()))
    return tuple(out + _titled_surnames(doc, spans, by_surname, given))


def _titled_surnames(doc: MentionDoc, spans: SpanList, by_surname: dict[str, str], given: dict[str, str]
                     ) -> list[Ref]:
    """A person named by title and surname alone ('President Macron of France', 'Prime Minister Primakov',
    'Mr. Denktash'): the registry's person with that surname, else a person labelled by the surname.  The word must
    be no title, honorific, adjective or known name, and no capitalised word may follow (that is a full name)."""
    v, lex = doc.vocab, doc.lexicon
    out: list[Ref] = []
    for m in v.titled_surname.finditer(doc.text):
        start, end = m.span("name")
        word = m.group("name")
        if spans.overlaps(start, end) or word in lex.not_person_words or word in v.title_words or \
                word in v.honorific_words or word in doc.registry.adjectives or word in v.sentence_openers or \
                doc.registry.lookup("State", word) or doc.registry.lookup("Place", word):
            continue
        # "President Bush's statement" after "George W. Bush"; "Princess Sarah" after "Princess Sarah Zeid"
        known = by_surname.get(fold(word)) or given.get(fold(word))
        entity = doc.book.add(doc.book.entities[known], word) if known else _surname_person(doc, word)
        out.append(Ref(start, end, entity.key, "Person", None, "pattern"))
        spans.append((start, end))
    return out


def _surname_person(doc: MentionDoc, word: str) -> Entity:
    """The registry's one person with that surname ('Mrs. Ogata'), else a person labelled by the surname."""
    folded = fold(word)
    keys = [e.key for e in doc.registry.entries.values()
            if e.entity.type == "Person" and fold(e.entity.label).split()[-1] == folded]
    if len(keys) == 1:
        return doc.book.add(doc.registry.entries[keys[0]].entity, word)
    return person_entity(doc, word)


def person_entity(doc: MentionDoc, name: str) -> Entity:
    """The registry's person (by name, else same first name or initial and a close surname), or a new one."""
    registry_key = doc.registry.lookup("Person", name)
    if registry_key is None:
        first, last = fold(name.split()[0]).rstrip("."), fold(name.split()[-1])
        for entry in doc.registry.entries.values():
            if entry.entity.type != "Person":
                continue
            parts = fold(entry.entity.label).split()
            if (parts[0] == first or (len(first) == 1 and parts[0].startswith(first))) and \
                    similar(parts[-1], last, 0.7):
                registry_key = entry.key
                break
    if registry_key:
        return doc.book.add(doc.registry.entries[registry_key].entity, name)
    same = _same_person(doc, name)
    if same is not None:  # "John Pombe Joseph Magufuli" and "John Magufuli" in one text: one person
        return doc.book.add(same, name)
    return doc.book.add(Entity(key=f"person/{slugify(name)}", type="Person", label=name), name)


def _same_person(doc: MentionDoc, name: str) -> Entity | None:
    """A person of this document with the same first name and surname (middle names may differ)."""
    parts = fold(name).split()
    if len(parts) < 2:
        return None
    for entity in doc.book.entities.values():
        other = fold(entity.label).split()
        if entity.type == "Person" and len(other) >= 2 and other[0] == parts[0] and other[-1] == parts[-1]:
            return entity
    return None
