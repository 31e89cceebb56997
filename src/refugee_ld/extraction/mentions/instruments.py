"""Instruments named by pattern: national laws ('the Law on Refugees', 'a law titled "On X"') and UN resolutions
by their citation ('Security Council resolution 1208 (1998)', 'resolution 55/96')."""
from __future__ import annotations

from collections.abc import Mapping

from ...text.names import fold, slugify
from ..rules import rule
from .doc import SENTENCE_STAGE, SentenceDoc, claimed, name_entity, state_entity
from .model import Found, Ref


@rule("mentions.laws", stage=SENTENCE_STAGE, produces=Found)
def laws(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """National laws: 'Law of Kazakhstan on Refugees', 'a new law was passed titled "On migration"'.

    A law's key carries its state (the one named, else the document's main state) so that two states'
    'Law on Refugees' stay apart."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    text = doc.text
    taken = claimed(s, inputs)
    out: list[Found] = []
    for pattern in v.laws:
        for m in pattern.finditer(s.body):
            start, end = base + m.start(), base + m.end()
            states = {r.span for r in s.refs if r.type == "State" and start <= r.start and r.end <= end}
            if any(a < end and start < b for a, b in taken if (a, b) not in states):
                continue
            topic = v.law_topic_lead.sub("", m.group("topic").strip())
            topic = v.law_topic_the.sub("", topic)
            if not topic or fold(topic) in v.law_topic_void or len(topic.split()) > 8:
                continue
            if m.group("head")[:1].islower() and m.groupdict().get("prep") == v.law_descriptive_preposition and \
                    topic[:1].islower():
                continue  # "the law of the jungle": a common phrase
            state_key = s.main_state
            if m.groupdict().get("st"):
                state_key = doc.registry.lookup("State", m.group("st")) or s.main_state
            state = state_entity(doc, state_key)
            state_label = state.label if state else ""
            label = f"Law of {state_label} on {title_case(v.title_small_words, topic)}" if state else \
                f"Law on {title_case(v.title_small_words, topic)}"
            key = f"instrument/law-{slugify(state_label) + '-' if state else ''}{slugify(topic)}"
            if "topic" in m.groupdict() and '"' in m.group() and not v.law_head_quote.match(m.group()):
                start = base + m.start("topic") - 1  # 'a law was passed titled "On X"': the title names it
            entity = name_entity(doc, "Instrument", label, text[start:end], "law", key)
            out.append(Found(Ref(start, end, entity.key, "Instrument", "law", "pattern")))
            taken.append((start, end))
    return tuple(out)


@rule("mentions.resolutions", stage=SENTENCE_STAGE, produces=Found, after=("mentions.laws",))
def resolutions(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """UN resolutions by their citation: 'Security Council resolution 1208 (1998)', 'resolution 55/96'.

    The body is named before the number ('the Security Council adopted resolution 661 (1990)'), or the number
    has the General Assembly's session/number form; a bare 'resolution 12' names nothing."""
    doc, text = s.doc, s.doc.text
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in doc.vocab.resolution.finditer(text, s.sentence.start, s.sentence.end):
        body = m.group("body")
        if body is None and "/" in m.group("num"):
            body = doc.vocab.resolution_numbered_body
        if body is None:
            continue
        body = " ".join(body.split())
        start = m.start("body") if m.group("body") and m.group().startswith(m.group("body")) and \
            doc.vocab.resolution_adoption not in m.group() else m.start("num") - len(doc.vocab.resolution_noun) - 1
        end = m.end()
        if any(a < end and start < b for a, b in taken if not (start <= a and b <= end)):
            continue
        label = f"{body} resolution {m.group('num')}" + (f" ({m.group('year')})" if m.group("year") else "")
        entity = name_entity(doc, "Instrument", label, text[start:end], "resolution")
        out.append(Found(Ref(start, end, entity.key, "Instrument", "resolution", "pattern")))
        taken.append((start, end))
    return tuple(out + _listed_resolutions(s, taken))


def _listed_resolutions(s: SentenceDoc, taken: list[tuple[int, int]]) -> list[Found]:
    """'Security Council resolutions 242 (1967) and 338 (1973)', 'resolutions 55/96 and 56/12': each number of
    the list is a resolution of the body named before the plural (numbers with a slash: the General Assembly's);
    each ref spans its number (and year), the first one also the body and noun."""
    doc, text, v = s.doc, s.doc.text, s.doc.vocab
    out: list[Found] = []
    for m in v.resolution_list.finditer(text, s.sentence.start, s.sentence.end):
        if any(a < m.end() and m.start() < b for a, b in taken if not (m.start() <= a and b <= m.end())):
            continue
        for n, item in enumerate(v.resolution_item.finditer(text, m.start("items"), m.end("items"))):
            body = " ".join(m.group("body").split()) if m.group("body") else \
                v.resolution_numbered_body if "/" in item.group("num") else None
            if body is None:
                continue
            start = m.start() if n == 0 else item.start()
            label = f"{body} resolution {item.group('num')}" + (f" ({item.group('year')})" if item.group("year")
                                                                 else "")
            entity = name_entity(doc, "Instrument", label, text[start:item.end()], "resolution")
            out.append(Found(Ref(start, item.end(), entity.key, "Instrument", "resolution", "pattern")))
            taken.append((start, item.end()))
    return out


def title_case(small: frozenset[str], topic: str) -> str:
    """'refugees and asylum seekers' -> 'Refugees and Asylum Seekers' (small words stay lower after the first)."""
    words = topic.split()
    return " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))
