"""Sessions and meetings named by number: 'the 70th session of UNHCR's Executive Committee', 'its second
summit', and the document's own session of the General Assembly ('this session', 'the current session')."""
from __future__ import annotations

import re
from collections.abc import Mapping

from ...text.names import slugify
from ..rules import rule
from .doc import SENTENCE_STAGE, MentionDoc, SentenceDoc, claimed, name_entity
from .model import Found, Ref


def session_number(doc: MentionDoc, body: str | None) -> int | None:
    """The number of the body's session in the document's year, for bodies with one regular session a year."""
    entry = doc.registry.get(body) if body else None
    base = entry.data.get("first_annual_session_year") if entry else None
    if not base or doc.doc_date is None:
        return None
    return doc.doc_date.year - int(base) + 1


def _organiser(s: SentenceDoc, m: re.Match[str], start: int) -> tuple[Ref | None, int]:
    """The body whose session it is: named right after 'of (the)', or before 'its'/'their' in the sentence."""
    base = s.sentence.start
    end = base + m.end("noun")
    org_ref = None
    if m.group("of"):
        after = base + m.end()
        org_ref = next((r for r in s.refs if r.start == after and r.type in ("Agency", "State")), None)
        if org_ref:
            end = org_ref.end
    elif (m.group("det") or "").strip() in s.doc.vocab.looking_back_determiners:
        org_ref = next((r for r in reversed(s.refs) if r.end <= start and r.type == "Agency"
                        and start - r.end <= 120), None)  # "its" looks back inside its own sentence
    return org_ref, end


@rule("mentions.ordinal_sessions", stage=SENTENCE_STAGE, produces=Found,
      after=("mentions.laws", "mentions.resolutions"))
def ordinal_sessions(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'the fifty-ninth session of the General Assembly', 'its second meeting': a numbered event of a body."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    text, lex = doc.text, doc.lexicon
    taken = claimed(s, inputs)
    out: list[Found] = []
    for m in v.ordinal_session.finditer(s.body):
        start = base + m.start("ord")
        org_ref, end = _organiser(s, m, start)
        if org_ref is None:
            continue
        if any(a < end and start < b for a, b in taken if (a, b) != org_ref.span):
            continue
        org = doc.book.entities.get(org_ref.key) or doc.registry.entries[org_ref.key].entity
        number = lex.ordinal_value(m.group("ord"))
        if number is None or v.count_in_period.match(text[base + m.end("noun"):base + m.end("noun") + 20]):
            continue  # "its second meeting this year": a count within the year, not a numbered series
        ordinal = lex.ordinal_words_for(number)
        ordinal = ordinal[:1].upper() + ordinal[1:]
        noun = m.group("noun").title()
        owner, owner_key = org.label, org_ref.key
        body = v.possessive_body.match(text[org_ref.end:org_ref.end + 60])
        if body and m.group("of"):
            # "70th session of UNHCR's Executive Committee": the session is the committee's
            name = body.group(1).strip()
            body_start = org_ref.end + body.start(1)
            body_end = body_start + len(name)
            body_entity = name_entity(doc, "Agency", f"{name} of the {org.label}", name, "body",
                                      f"agency/{slugify(org_ref.key.split('/')[-1])}-{slugify(name)}")
            out.append(Found(Ref(body_start, body_end, body_entity.key, "Agency", "body", "pattern"), claims=False))
            owner, end, owner_key = body_entity.label, body_end, body_entity.key
        kind_words = [w.title() for w in (m.group("adj") or "").split() if w.lower() in v.session_kind_words]
        noun = " ".join([*kind_words, noun])  # the twentieth special session is not the twentieth session
        label = f"{ordinal} {noun} of the {owner}" if not owner.startswith("the ") else \
            f"{ordinal} {noun} of {owner}"
        kind = noun.split()[-1].lower()
        entity = name_entity(doc, "Event", label, text[start:end], kind)
        ref = Ref(start, end, entity.key, "Event", kind, "pattern")
        taken.append((start, end))
        if noun.lower() in v.series_nouns:
            # a state's statement in the session it was delivered at is that session's own
            current = number == session_number(doc, org_ref.key) and doc.statement
            out.append(Found(ref, owner=owner_key, current=current))
        else:
            out.append(Found(ref))
    out += _numbered_names(s, taken)
    return tuple(out)


_NAME_WORD = r"(?:[A-Z][\w'’-]*|G-?\d+)"
# 'on Migration and Development' ('and' only between capitalised words: 'X Conference and the Y Summit' are two)
_COMPLEMENT = (rf"(?:\s+(?:of|on|for|to)\s+(?:the\s+)?{_NAME_WORD}"
               rf"(?:\s+(?:(?:of|on|the|for|to)\s+)*{_NAME_WORD}|\s+and\s+{_NAME_WORD})*)")
_NUMBERED: dict[int, re.Pattern[str]] = {}


def _numbered_pattern(doc: MentionDoc) -> re.Pattern[str]:
    """'the fourth WTO Ministerial Conference', 'the 2005 World Summit', 'the tenth Review Conference of the
    Parties to the Treaty on X': an ordinal or a year, then a capitalised name whose head is an event noun."""
    lex = doc.lexicon
    pattern = _NUMBERED.get(id(lex))
    if pattern is None:
        heads = "|".join(sorted((re.escape(h) for h in lex.event_heads if h[:1].isupper()), key=len, reverse=True))
        pattern = re.compile(
            rf"\b(?i:the|its|their|this|next|last|our)\s+(?:(?:recent|forthcoming|upcoming)\s+)?"
            rf"(?P<num>{lex.ordinal_pattern()}|(?:19|20)\d\d)[ \t\n]+"
            rf"(?P<name>(?:{_NAME_WORD}\s+){{0,4}}?(?:{heads})\b{_COMPLEMENT}?)")
        _NUMBERED[id(lex)] = pattern
    return pattern


def _numbered_names(s: SentenceDoc, taken: list[tuple[int, int]]) -> list[Found]:
    """Events named with their occurrence: a lower-case ordinal or a year right before a capitalised event name
    ('the fourth WTO Ministerial Conference', 'the 2005 World Summit').  Recurring events share the name, so the
    number belongs to it: one node per occurrence, never one series node dated by each.  Names inside (the
    treaty of a review conference) are kept; a span another rule named is left alone."""
    doc, base = s.doc, s.sentence.start
    lex = doc.lexicon
    out: list[Found] = []
    for m in _numbered_pattern(doc).finditer(s.body):
        number = m.group("num")
        year = re.fullmatch(r"(?:19|20)\d\d", number) is not None
        if not year and (not number[:1].islower() or lex.ordinal_value(number) is None):
            continue  # 'Fourth World Conference', '2nd Regional Conference': the chunk rule reads them whole
        start, end = base + m.start("num"), base + m.end()
        inside = [r for r in s.refs if start <= r.start and r.end <= end]
        if any(a < end and start < b and not any(r.span == (a, b) for r in inside) and
               not (year and (a, b) == (start, base + m.end("num"))) for a, b in taken):
            continue  # another name crosses it (the year itself is a date span, which is ours to take)
        if any(r.type == "Event" and r.start == base + m.start("name") for r in inside):
            continue  # the registry knows the event by its name; its number is the fact rules' business
        name = " ".join(m.group("name").split())
        if len(name.split()) < 2:
            continue  # 'the first Conference': which conference is not said
        if year:
            label = f"{number} {name}"
        else:
            ordinal = lex.ordinal_words_for(lex.ordinal_value(number) or 0)
            label = f"{ordinal[:1].upper()}{ordinal[1:]} {name}"
        kind = next((h.lower() for h in lex.event_heads if re.search(rf"\b{re.escape(h)}\b", name)), "event")
        entity = name_entity(doc, "Event", label, doc.text[start:end], kind)
        out.append(Found(Ref(start, end, entity.key, "Event", kind, "pattern")))
        taken.append((start, end))
    return out


@rule("mentions.current_sessions", stage=SENTENCE_STAGE, produces=Found,
      after=("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions"))
def current_sessions(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """'this session of the General Assembly', 'the Assembly at its current session': the document's own session.

    Only for a body the registry knows to meet once a year (its first session year is data), and only with
    the body named in the phrase, so that 'this session' of some other council is never taken for it."""
    doc, v, base = s.doc, s.doc.vocab, s.sentence.start
    lex = doc.lexicon
    taken = claimed(s, inputs)
    bare = doc.statement and addresses_assembly(doc)
    out: list[Found] = []
    for m in v.current_session.finditer(s.body):
        start, end = base + m.start(), base + m.end()
        if m.group("body2") and not v.current_word.search(m.group()):
            continue  # "the Assembly at its session": which one is not said
        if (m.group("ord") or m.group("bare") or m.group("prev")) and \
                (not bare or v.other_session_body.search(s.body)):
            continue  # a bare "this session" is the Assembly's only in a statement to it, with no other body named
        if any(a < end and start < b for a, b in taken if not (start <= a and b <= end)):
            continue
        body = doc.registry.lookup("Agency", v.annual_assembly)
        current = session_number(doc, body) if body else None
        if body is None or current is None or current < 1:
            continue
        number = current
        if m.group("ord"):  # "the fifty-third session" in a 1999 statement to the Assembly: its previous one
            number = lex.ordinal_value(m.group("ord")) or 0
            if not 1 <= number <= current:
                continue
        elif m.group("prev"):  # "its previous session", "the last session": the one a year before
            number = current - 1
        owner = doc.registry.entries[body].entity
        ordinal = lex.ordinal_words_for(number)
        label = f"{ordinal[:1].upper() + ordinal[1:]} Session of the {owner.label}"
        entity = name_entity(doc, "Event", label, doc.text[start:end], "session")
        ref = Ref(start, end, entity.key, "Event", "session", "pattern")
        taken.append((start, end))
        # a past session named only by its number or as 'the previous session': a mention, and no more is
        # said of it (who organised it and who took part is left to the phrases that say so)
        out.append(Found(ref, owner=body, current=True) if number == current else Found(ref))
    return tuple(out)


def addresses_assembly(doc: MentionDoc) -> bool:
    """A statement that names the General Assembly or addresses its presidency speaks to the Assembly."""
    return doc.vocab.addresses_assembly.search(doc.text) is not None
