"""Names found by their head noun inside capitalised chunks: '... Conference on ...' is an event, '... Action
Plan' an instrument, 'Ministry of ...' a body; national bodies and plans are keyed by their state."""
from __future__ import annotations

from collections.abc import Mapping

from ...records import Entity
from ...text.intervals import SpanList
from ...text.names import fold, slugify
from ..rules import rule
from .chunks import cap_chunks, complement_start
from .doc import SENTENCE_STAGE, MentionDoc, SentenceDoc, claimed, name_entity, state_entity
from .governments import bare_reading
from .model import Found, Ref, Token

Head = tuple[int, str, str, str]  # token index in the chunk, head phrase, entity type, kind


@rule("mentions.chunks", stage=SENTENCE_STAGE, produces=Found,
      after=("mentions.laws", "mentions.resolutions", "mentions.ordinal_sessions", "mentions.current_sessions",
             "mentions.governments"))
def chunk_names(s: SentenceDoc, inputs: Mapping[str, tuple[Found, ...]]) -> tuple[Found, ...]:
    """Capitalised phrases with a head noun of a known kind ('... Conference on ...', 'Ministry of ...')."""
    doc = s.doc
    tokens = doc.tokens_in(s.sentence.start, s.sentence.end)
    ref_at = {r.start: r for r in s.refs}
    taken = claimed(s, inputs)
    out: list[Found] = []
    # most sentences hold no date: then no token can be inside one (the same answer without a query per token)
    dates = doc.date_spans if doc.date_spans.overlaps(s.sentence.start, s.sentence.end) else []
    for chunk in cap_chunks(tokens, ref_at, dates, doc.vocab, doc.lexicon):
        out += _chunk_entities(s, chunk, ref_at, taken)
    return tuple(out)


def head_type(doc: MentionDoc, phrase: str) -> tuple[str, str] | None:
    """The entity type and kind a head phrase gives its name ('Convention' -> an instrument of kind convention)."""
    lex = doc.lexicon
    if phrase in lex.instrument_heads or phrase.capitalize() in lex.instrument_heads:
        return "Instrument", lex.instrument_heads.get(phrase) or lex.instrument_heads[phrase.capitalize()]
    if phrase in lex.event_heads:
        return "Event", phrase.lower()
    if phrase in lex.agency_heads or phrase.capitalize() in lex.agency_heads:
        return "Agency", phrase.lower()
    return None


def _heads(doc: MentionDoc, chunk: list[Token], ref_spans: SpanList) -> list[Head]:
    """The head nouns of a chunk (two-word heads first), posts included; of a compound without 'of' only the
    last head counts: 'Regional Framework Structure' is a body."""
    v = doc.vocab
    heads: list[Head] = []
    i = 0
    while i < len(chunk):
        tok = chunk[i]
        if ref_spans.contains(tok.start):
            i += 1
            continue
        two = f"{tok.text} {chunk[i + 1].text}" if i + 1 < len(chunk) else ""
        for phrase, width in ((two, 2), (tok.text, 1)):
            typed = head_type(doc, phrase) if phrase else None
            if typed and (phrase[:1].isupper() or (i + 1 < len(chunk) and chunk[i + 1].text in v.head_complements)
                          or (i == len(chunk) - 1 and phrase in v.lower_agency_heads)):
                heads.append((i, phrase, *typed))
                i += width - 1
                break
        else:
            if v.post_head.fullmatch(tok.text):
                heads.append((i, tok.text, "Post", "post"))
        i += 1
    return [h for n, h in enumerate(heads) if not (
        n + 1 < len(heads) and heads[n + 1][2] != "Post" and h[2] != "Post"
        and not any(t.text in v.connectors for t in chunk[h[0]:heads[n + 1][0]]))]


def _extent(doc: MentionDoc, chunk: list[Token], heads: list[Head], n: int) -> tuple[int, int | None]:
    """Where the name of head `n` starts (back to a connector, post, opener or comma), and the 'and' it ends at
    when the chunk lists two names ('World Conference on X and the World Summit for Y'), if any."""
    v = doc.vocab
    index, _, type_, _ = heads[n]
    start_i = index
    while start_i > 0 and chunk[start_i - 1].text not in v.connectors and \
            not v.post_head.fullmatch(chunk[start_i - 1].text) and \
            chunk[start_i - 1].text not in v.sentence_openers and chunk[start_i - 1].text not in ",":
        start_i -= 1
    split = None
    if type_ in ("Event", "Instrument", "Agency") and n + 1 < len(heads) and \
            not any(t.text == "between" for t in chunk):
        split = next((k for k in range(index + 1, heads[n + 1][0]) if chunk[k].text == "and" and (
            type_ == "Event" or (k + 1 < len(chunk) and chunk[k + 1].text == "the"))), None)
    return start_i, split


def _trim(doc: MentionDoc, span_tokens: list[Token], inside_refs: list[Ref]) -> list[Token]:
    """Drop trailing connectors, a city the thing is in, and whatever follows a known place ('in Kazakhstan')."""
    v, text = doc.vocab, doc.text
    while span_tokens and span_tokens[-1].text in v.connectors | {","}:
        span_tokens = span_tokens[:-1]
    if not span_tokens:
        return span_tokens
    # "the session of the Parliament in July": a month after 'in' is when, never part of the name
    if len(span_tokens) > 2 and span_tokens[-1].text in v.month_names and span_tokens[-2].text in v.location_words:
        span_tokens = _trim(doc, span_tokens[:-2], inside_refs)
        if not span_tokens:
            return span_tokens
    # a city at the end is where the thing is, not part of its name ("OSCE Summit in Astana")
    for r in inside_refs:
        if r.type == "Place" and r.kind in v.city_kinds and r.end == span_tokens[-1].end:
            cut = [t for t in span_tokens if t.end <= r.start]
            if len(cut) >= 2 and cut[-1].text in v.location_words:
                span_tokens = cut[:-1]
    # "Mission in Kazakhstan Zeynal Hajiyev": after a known place the name is over
    for r in inside_refs:
        if r.type in ("State", "Place") and any(t.start >= r.end for t in span_tokens) and \
                v.location_lead.search(text[max(0, r.start - 8):r.start]):
            rest = [t for t in span_tokens if t.start >= r.end]
            if rest and rest[0].text[:1].isupper() and rest[0].text not in v.connectors:
                span_tokens = [t for t in span_tokens if t.end <= r.end]
                break
    return span_tokens


def _is_name(doc: MentionDoc, phrase: str, type_: str, span_tokens: list[Token], inside_refs: list[Ref],
             ref_spans: SpanList, taken: list[tuple[int, int]]) -> bool:
    """Whether the span is a name of its own (not a title, an anaphor, a claimed span or a list of known names)."""
    v, text = doc.vocab, doc.text
    start, end = span_tokens[0].start, span_tokens[-1].end
    lead = text[max(0, start - 20):start]
    if any(p.endswith(" " + phrase) and before.search(lead) for p, before in v.post_title_leads):
        return False  # "Chief of Mission", "Head of Office": a title, not an organisation
    words = [t for t in span_tokens if t.text not in v.connectors]
    if len(words) < 2 and type_ != "Agency":
        return False  # "the Convention", "the Conference": anaphora, resolved later
    if len(words) < 2 and phrase not in v.parliament_heads:
        return False
    if any(a <= start and end <= b for a, b in taken):
        return False
    if type_ == "Agency" and any(t.text == phrase.split()[-1] and v.post_head.fullmatch(n.text)
                                 for t, n in zip(span_tokens, span_tokens[1:])):
        return False  # "Freedom of Movement Adviser", "Mission Officer": a title, not the body
    if not phrase[:1].isupper() and len(words) == 2 and v.descriptive_modifier.fullmatch(words[0].text):
        return False  # "Any group", "an African agency", "the State structure": a description, no name
    if not phrase[:1].isupper() and (v.possessive_after.match(text, end) or (
            words[-1].text in v.lower_head_generic_words and words[-1] is span_tokens[-1])):
        return False  # "the principles of Iraq's foreign policy", "principles of State sovereignty"
    rest = [t.text for t in words if not ref_spans.contains(t.start)]
    if rest and all(w in v.lower_agency_heads for w in rest):
        return False  # "the UN agency", "the EU body": a known name and a common noun refer, they name nothing new
    if len([r for r in inside_refs if start <= r.start and r.end <= end]) >= 2 and all(
            t.text in v.connectors or t.text in ",.;" or any(a <= t.start < b for a, b in ref_spans)
            for t in span_tokens):
        return False  # "the 1961 Convention ... and the International Covenant ...": known names, listed
    return True


def _chunk_entities(s: SentenceDoc, chunk: list[Token], ref_at: dict[int, Ref], taken: list[tuple[int, int]]
                    ) -> list[Found]:
    doc, lex = s.doc, s.doc.lexicon
    inside_refs = sorted((r for r in ref_at.values() if r.start < chunk[-1].end and chunk[0].start < r.end),
                         key=lambda r: r.start)  # also names the chunk starts inside ("1961 Convention ...")
    ref_spans = SpanList(r.span for r in inside_refs)
    heads = _heads(doc, chunk, ref_spans)
    out: list[Found] = []
    outer = list(taken)  # what earlier rules and chunks claimed; this chunk's own bodies may nest
    split_before = -1  # a listed name ended there ("X Protocol and the Y Agreement"): the next head starts anew
    for n, (index, phrase, type_, kind) in enumerate(heads):
        if type_ == "Post":
            continue
        if n > 0 and heads[n - 1][2] not in ("Post",) and not complement_start(chunk, index) and \
                not split_before > heads[n - 1][0]:
            continue  # a head inside the previous entity's modifiers, e.g. "Framework" of "... Cooperation Framework"
        start_i, split = _extent(doc, chunk, heads, n)
        end_i = len(chunk)
        if split is not None:
            end_i = split_before = split
        if phrase in lex.ambiguous_event_heads and type_ == "Event" and not (
                any(t.text in lex.event_name_cues or lex.ordinal_value(t.text) or t.text.isdigit()
                    for t in chunk[:index]) or (index + 1 < len(chunk) and chunk[index + 1].text == "on")):
            continue  # "African National Congress": a body, unless named as a meeting ("World Congress on X")
        span_tokens = _trim(doc, chunk[start_i:end_i], inside_refs)
        if len(span_tokens) == 1 and span_tokens[0].text in doc.vocab.single_word_instruments:
            own = _single_word_instrument(s, span_tokens[0], taken)
            out += [own] if own is not None else []
            continue
        # "Department of the Ministry of Internal Affairs of X": the ministry is a body of its own, named inside
        nested = type_ == "Agency" and n > 0 and heads[n - 1][2] == "Agency" and complement_start(chunk, index)
        if not span_tokens or not _is_name(doc, phrase, type_, span_tokens, inside_refs, ref_spans,
                                           outer if nested else taken):
            continue
        entity = _make_chunk_entity(s, type_, kind, phrase, span_tokens, inside_refs)
        if entity is None:
            continue
        start, end = span_tokens[0].start, span_tokens[-1].end
        via = "anaphor" if entity.type == "State" else "pattern"  # "My Government": the state, referred to
        out.append(Found(Ref(start, end, entity.key, entity.type, entity.kind, via)))
        taken.append((start, end))
    return out


def _single_word_instrument(s: SentenceDoc, token: Token, taken: list[tuple[int, int]]) -> Found | None:
    """'our Constitution', 'the Constitution': the main state's; 'the Charter': the registry's (the United Nations
    Charter) unless the text named another charter.  Not when 'of' follows ('the Constitution of X' is a name)."""
    doc, v = s.doc, s.doc.vocab
    target = v.single_word_instruments[token.text]
    lead = v.own_lead if not target else v.the_lead  # "a Constitution", "its Constitution": some other state's
    if doc.text[token.end:token.end + 4] == " of " or any(a <= token.start < b for a, b in taken) or \
            not lead.search(doc.text[max(0, token.start - 30):token.start]):
        return None
    if target:
        key = doc.registry.lookup("Instrument", target)
        if key is None or any(e.type == "Instrument" and token.text in e.label and e.key != key
                              for e in doc.book.entities.values()):
            return None
        entity = doc.book.add(doc.registry.entries[key].entity, token.text)
    else:
        state = state_entity(doc, s.main_state)
        if state is None:
            return None
        entity = name_entity(doc, "Instrument", f"{token.text} ({state.label})", token.text, "law",
                             f"instrument/{slugify(state.label)}-{slugify(token.text)}")
    taken.append((token.start, token.end))
    return Found(Ref(token.start, token.end, entity.key, "Instrument", entity.kind, "pattern"))


def _make_chunk_entity(s: SentenceDoc, type_: str, kind: str, head: str, span: list[Token], inside_refs: list[Ref]
                       ) -> Entity | None:
    doc, v, text = s.doc, s.doc.vocab, s.doc.text
    start, end = span[0].start, span[-1].end
    surface = " ".join(text[start:end].split())
    refs_in = [r for r in inside_refs if start <= r.start and r.end <= end]
    if type_ == "Agency" and head == v.government_word:
        return _government_entity(s, span, refs_in)
    registry_key = doc.registry.lookup(type_, surface)
    if registry_key:
        return doc.book.add(doc.registry.entries[registry_key].entity, surface)
    label = v.year_range.sub(lambda m: f"{m.group(1)}-{m.group(1)[:2]}{m.group(2)}", surface)
    label = label[0].upper() + label[1:]
    if type_ == "Event":
        # an organisation named first is the organiser, not part of the name ("UNHCR Regional Conference")
        lead = next((r for r in refs_in if r.start == start and r.type in ("Agency", "State")), None)
        name = label
        if lead is not None and lead.end < end and len(text[lead.end:end].split()) > 1:
            name = " ".join(text[lead.end:end].split())
            name = name[0].upper() + name[1:]
        # the ordinal stays: "Fourth World Mountain Forum" is one occurrence of a recurring event, not the series
        return name_entity(doc, "Event", name, surface, kind)
    lowered = {fold(w) for w in v.word_run.findall(surface)}
    international = bool(lowered & v.international_markers) or any(  # "... Committee of the Parties to the NPT"
        r.type in ("Agency", "Instrument") and r.key in doc.registry.entries for r in refs_in)
    trailing_state = next((r for r in refs_in if r.type == "State" and r.end == end), None)
    national = (type_ == "Agency" and head in v.national_heads) or (type_ == "Instrument" and kind in ("law", "plan",
                                                                                                       "policy"))
    if national and type_ == "Instrument" and kind != "law" and doc.statement and not trailing_state and \
            not v.owned_lead.search(text[max(0, start - 30):start]):
        national = False  # in a state's statement an unowned "Programme of Action" is mostly an international one
    if national and type_ == "Agency" and head in v.named_body_heads and not trailing_state and \
            not lowered & v.national_markers and not any(w in doc.registry.adjectives for w in surface.split()) and \
            not v.owned_lead.search(text[max(0, start - 30):start]):
        national = False  # "the Palme Commission", "the Rio Group": a body named so is nobody's national one
    if national and not international:
        entity = _national_entity(s, type_, kind, label, surface, start, trailing_state)
        if entity is not None:
            return entity
    return name_entity(doc, type_, label, surface, kind)


def _government_entity(s: SentenceDoc, span: list[Token], refs_in: list[Ref]) -> Entity | None:
    """A government is named by its state: 'the Kenya Government', 'Government of National Unity' and 'Government
    of the Principality' are the state's Government (the state named in the phrase, else the main state); 'My
    Government' alone names no body and refers to the main state itself; 'Government of President X' and 'Heads
    of State and Government of the OAU' name none."""
    doc, v = s.doc, s.doc.vocab
    if any(r.type not in ("State", "Place") for r in refs_in) or any(
            v.post_head.fullmatch(t.text) or t.text in v.honorific_words for t in span[1:]):
        return None  # "Government of President X", "Government to the Secretary-General": the title is no part
    head = next(i for i, t in enumerate(span) if t.text == v.government_word)
    if head + 1 < len(span) and span[head + 1].text not in v.connectors:
        return None  # "the Angolan Government Forces", "Government House": something of the government's
    if head + 1 < len(span) and span[head + 1].text != v.government_link:
        # "the Government in Belarus": the state named after it, referred to (a name says "Government of")
        return next((state_entity(doc, r.key) for r in refs_in if r.type == "State"), None)
    before = doc.text[max(0, span[0].start - 8):span[0].start].split()
    if (span[head - 1].text if head > 0 else before[-1] if before else "") in v.government_coordinators:
        return None  # "Heads of State and Government of Francophone countries": a title, no government
    adjective = next((doc.registry.adjectives[w] for w in (" ".join(t.text for t in span[:n]) for n in (2, 1))
                      if w in doc.registry.adjectives), None)  # "South African Government"
    state_key = next((r.key for r in refs_in if r.type == "State"), None) or adjective or s.main_state
    state = state_entity(doc, state_key)
    if state is None:
        return None
    named = head > 0 and span[head - 1].text[:1].isupper() and \
        span[head - 1].text.lower() not in v.government_determiners  # "the Transitional Federal Government"
    if state_key == s.main_state and not adjective and head == len(span) - 1 and not named and \
            not any(r.type == "State" for r in refs_in):
        reading = bare_reading(doc, span[head].start, span[head].end)
        if reading != "body":
            return state if reading == "state" else None  # "My Government": the state, referred to
    unit = v.government_unit
    surface = " ".join(doc.text[span[0].start:span[-1].end].split())
    return name_entity(doc, "Agency", f"{unit} of {state.label}", surface, "national_body",
                       f"agency/{slugify(state.label)}-{slugify(unit)}")


def _national_entity(s: SentenceDoc, type_: str, kind: str, label: str, surface: str, start: int,
                     trailing_state: Ref | None) -> Entity | None:
    """A national body or plan keyed by its state (the one named last in it, else the main state)."""
    doc, v, text = s.doc, s.doc.vocab, s.doc.text
    state_key = trailing_state.key if trailing_state else s.main_state
    state = state_entity(doc, state_key)
    unit = label
    if trailing_state is not None:
        unit = " ".join(text[start:trailing_state.start].split())
        unit = v.unit_tail.sub("", unit)
    if state is None or not unit:
        return None
    unit = unit[0].upper() + unit[1:]
    unit = v.unit_synonyms.get(unit, unit)  # "the Fundamental Law" is the state's Constitution
    key = f"{type_.lower()}/{slugify(state.label)}-{slugify(unit)}"
    lbl = f"{unit} of {state.label}" if type_ == "Agency" else f"{unit} ({state.label})"
    entity = name_entity(doc, type_, lbl, surface, kind, key)
    short = v.short_unit.split(unit)[0]
    if short != unit:
        doc.book.add(entity, short)
    return entity
