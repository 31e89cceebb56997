"""Places named by a generic head after a proper name: 'Kakuma refugee camp', 'Gihembe camp', 'Kibondo district',
'Issyk-Kul Region'.  Camps, settlements and administrative units are where refugees live and are counted; no
registry can list them all, but their names always take this shape."""
from __future__ import annotations

from collections.abc import Mapping

from ...text.names import slugify
from ..rules import rule
from .doc import SENTENCE_STAGE, SentenceDoc, claimed, earlier_refs, name_entity
from .model import Found, Ref

_AFTER = ("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions",
          "mentions.governments", "mentions.chunks", "mentions.meetings_of", "mentions.described_events",
          "mentions.quoted_events", "mentions.place_named_events",
          "mentions.held_events")  # last: a named thing is never a site


@rule("mentions.site_names", stage=SENTENCE_STAGE, produces=Found, after=_AFTER)
def site_names(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'<Name> (refugee) camp', '<Name> district': a place when its name words are no known name, title or
    opener ('the Asia region' is the registry's Asia; 'the Regional Office' is no site)."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    taken = claimed(s, inputs)
    refs = earlier_refs(s, inputs)
    out: list[Found] = []
    for m in v.site_name.finditer(s.body):
        start, end = base + m.start(), base + m.end()
        words = m.group("name").split()
        while words and (words[0] in v.sentence_openers or words[0] in doc.lexicon.not_person_words
                         or words[0] in v.title_words):
            start += len(words[0]) + 1
            words = words[1:]
        if not words or any(a < end and start < b for a, b in taken) or \
                any(w in doc.registry.adjectives or w in doc.lexicon.not_person_words for w in words) or \
                any(r.start < end and start < r.end for r in refs):
            continue
        head = m.group("head")
        if head.lower() in v.proper_site_heads and not head[:1].isupper():
            continue  # 'the Arab region', 'the West African region': a description; 'Issyk-Kul Region' a name
        surface = " ".join(doc.text[start:end].split())
        last = head.split()[-1].lower()
        # "Mahama camp" and "Mahama refugee camp" are one place
        entity = name_entity(doc, "Place", surface, surface, v.site_kinds.get(last, "region"),
                             f"place/{slugify(' '.join(words + [last]))}")
        out.append(Found(Ref(start, end, entity.key, "Place", entity.kind, "pattern")))
        taken.append((start, end))
    return tuple(out)


@rule("mentions.world", stage=SENTENCE_STAGE, produces=Found, after=(*_AFTER, "mentions.site_names"))
def world(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'65 million refugees worldwide', 'the world's 10 million stateless people': a worldwide figure of a
    displaced group names the World (the registry's place) where the text says 'worldwide'; without a figure
    and a group noun in the sentence 'the world' is rhetoric, no place of anything counted."""
    doc, v = s.doc, s.doc.vocab
    body = s.body
    if not v.world_figure.search(body) or not v.world_group.search(body):
        return ()
    key = doc.registry.lookup("Place", v.world_place)
    if key is None:
        return ()
    taken = claimed(s, inputs)
    for m in v.world_cue.finditer(body):
        start, end = s.sentence.start + m.start(), s.sentence.start + m.end()
        if not any(a < end and start < b for a, b in taken):
            entity = doc.book.add(doc.registry.entries[key].entity, m.group())
            return (Found(Ref(start, end, entity.key, "Place", entity.kind, "pattern")),)
    return ()
