"""Mention detection: registry names and aliases, named entities found by pattern, and anaphora.

Works on the normalised view of one document and returns `Ref`s (view spans that denote an entity)
plus the entities it had to create.  Everything here is pure: same view, same answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..text.dates import DateMention
from ..text.intervals import SpanList, between, spans_of
from ..lang.lexicon import Lexicon
from ..records import DateValue, Entity
from ..registry import Registry, fold, slugify
from ..text.sentences import Sentence

_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
_FUNCTION_WORDS = {"of", "on", "for", "and", "the", "in", "to", "at", "by", "with", "from", "relating", "against",
                   "between", "concerning", "a", "an", "de", "'", "s"}
_CONNECTORS = {"of", "on", "for", "and", "the", "in", "to", "between", "relating", "against", "concerning", "'", "s",
               "&", "at"}
_SENTENCE_OPENERS = {"The", "This", "That", "These", "In", "On", "At", "For", "Of", "And", "But", "As", "With", "By",
                     "From", "Since", "During", "After", "Before", "Following", "According", "Under", "While", "Its",
                     "Our", "Their", "His", "Her", "A", "An", "Currently", "Today", "Nowadays", "Now", "Also", "Thanks",
                     "Using", "Speaking", "Taking", "Considering", "Unfortunately", "Moreover", "Furthermore", "However",
                     "Representatives", "Participants", "Participating", "Most", "Some", "All", "Every", "Each"}
NATIONAL_HEADS = {"Ministry", "Committee", "Commission", "Parliament", "Senate", "Mazhilis", "Majilis", "Government",
                  "Police", "Service", "Department", "Agency", "Working Group", "Group", "Court", "Prosecutor's Office",
                  "Inspectorate", "Directorate", "Administration", "Cabinet", "Ombudsman's Office"}
_INTERNATIONAL_MARKERS = {"united", "nations", "un", "international", "regional", "global", "european", "asian",
                          "world", "islamic", "eurasian", "intergovernmental", "inter-governmental"}
_CITY_KINDS = {"city"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str


@dataclass
class Ref:
    """A view span that denotes an entity (by name, alias, pattern or anaphora)."""

    start: int
    end: int
    key: str
    type: str
    kind: str | None
    via: str = "name"  # name | pattern | anaphor | adjective

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class EntityBook:
    """The entities one document refers to, with every surface form seen."""

    entities: dict[str, Entity] = field(default_factory=dict)
    surfaces: dict[str, list[str]] = field(default_factory=dict)
    anaphors: dict[str, set[str]] = field(default_factory=dict)  # "the Conference": refers, but is no name
    owners: dict[str, str] = field(default_factory=dict)  # session event -> the body whose session it is
    current: set[str] = field(default_factory=set)  # events that are the document's own session (dated by it)

    def add(self, entity: Entity, surface: str | None = None) -> Entity:
        known = self.entities.setdefault(entity.key, entity)
        if surface:
            forms = self.surfaces.setdefault(entity.key, [])
            surface = " ".join(surface.split())
            if surface not in forms:
                forms.append(surface)
        return known


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.start() + offset, m.end() + offset, m.group(), _token_key(m.group()))
            for m in _TOKEN.finditer(text)]


def _token_key(token: str) -> str:
    return fold(token).replace("-", "")


# ---------------------------------------------------------------- registry matching

@dataclass(frozen=True)
class _Alias:
    keys: tuple[str, ...]
    tokens: tuple[str, ...]
    entity_key: str
    type: str
    kind: str | None


def _alias_index(registry: Registry) -> dict[str, list[_Alias]]:
    """Aliases by first token, longest first; built once per registry object."""
    cached = getattr(registry, "_alias_index", None)
    if cached is None:
        cached = _build_alias_index(registry)
        setattr(registry, "_alias_index", cached)
    return cached


def _build_alias_index(registry: Registry) -> dict[str, list[_Alias]]:
    index: dict[str, list[_Alias]] = {}
    seen: set[tuple[tuple[str, ...], str]] = set()
    for entry in registry.entries.values():
        entity = entry.entity
        for name in (entity.label, *entity.aliases):
            name = re.sub(r"^the ", "", name)
            toks = tuple(t.text for t in tokenize(name))
            keys = tuple(_token_key(t) for t in toks)
            if not keys or (keys, entity.key) in seen:
                continue
            seen.add((keys, entity.key))
            index.setdefault(keys[0], []).append(_Alias(keys, toks, entity.key, entity.type, entity.kind))
    for aliases in index.values():
        aliases.sort(key=lambda a: -len(a.keys))
    return index


def _case_ok(alias: _Alias, surface: list[Token]) -> bool:
    first_alias, first = alias.tokens[0], surface[0].text
    if len(alias.tokens) == 1:
        if sum(c.isupper() for c in first_alias) >= 2 or any(c.isdigit() for c in first_alias):
            return fold(first) == fold(first_alias) and first.upper() == first_alias.upper() and (
                first == first_alias or first.isupper() or first_alias.isupper() is False)
        return first[:1].isupper()
    if first_alias[:1].isupper() and not first[:1].isupper():
        return False
    if sum(c.isupper() for c in first_alias) >= 2 and first != first_alias and not first.isupper():
        return False  # "UN" must not match "Un"
    return True


def registry_refs(tokens: list[Token], registry: Registry) -> list[Ref]:
    index = _alias_index(registry)
    refs: list[Ref] = []
    i = 0
    n = len(tokens)
    while i < n:
        for alias in index.get(tokens[i].key, ()):
            size = len(alias.keys)
            window = tokens[i: i + size]
            if len(window) == size and all(t.key == k for t, k in zip(window, alias.keys)) and _case_ok(alias, window):
                refs.append(Ref(window[0].start, window[-1].end, alias.entity_key, alias.type, alias.kind))
                i += size
                break
        else:
            i += 1
    return refs


# ---------------------------------------------------------------- the detector

@dataclass
class DocMentions:
    refs: list[Ref]
    book: EntityBook
    main_state: str | None


class MentionDetector:
    def __init__(self, registry: Registry, lexicon: Lexicon) -> None:
        self.registry = registry
        self.lex = lexicon
        heads = sorted(set(lexicon.instrument_heads) | lexicon.event_heads | lexicon.agency_heads, key=len, reverse=True)
        self._head_re = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads) + r")\b")
        posts = "|".join(re.escape(p) for p in lexicon.post_heads)
        self._post_head_re = re.compile(rf"\b(?:{posts})\b")
        self._doc_date: DateValue | None = None
        self._statement = False

    # -- public
    def detect(self, text: str, sentences: list[Sentence], dates: list[DateMention],
               author_state: str | None = None, doc_date: DateValue | None = None) -> DocMentions:
        """`author_state` (a state key) is who "we" are; without it the most-mentioned state stands in."""
        book = EntityBook()
        tokens = tokenize(text)
        refs = registry_refs(tokens, self.registry)
        for ref in refs:
            book.add(self.registry.entries[ref.key].entity, text[ref.start:ref.end])
        main_state = author_state or _main_state(refs)
        self._doc_date = doc_date
        self._statement = author_state is not None
        date_spans = SpanList((d.start, d.end) for d in dates)
        ref_starts, date_starts = [r.start for r in refs], [d.start for d in dates]  # both in text order
        found: list[Ref] = []
        for sentence in sentences:
            i, j = between(ref_starts, sentence.start, sentence.end)
            sent_refs = refs[i:j]
            i, j = between(date_starts, sentence.start, sentence.end)
            taken = [r.span for r in sent_refs] + date_spans[i:j]
            new: list[Ref] = []
            new += self._laws(text, sentence, sent_refs, main_state, book, taken)
            new += self._resolutions(text, sentence, book, taken)
            new += self._ordinal_sessions(text, sentence, sent_refs, refs, book, taken)
            new += self._current_sessions(text, sentence, sent_refs, book, taken)
            new += self._governments(text, sentence, sent_refs, main_state, book, taken)
            new += self._chunks(text, sentence, sent_refs, main_state, book, taken, date_spans)
            new += self._event_descriptors(text, sentence, sent_refs + new, book, taken)
            new += self._quoted_events(text, sentence, book, taken)
            found += new
        refs = sorted(refs + found, key=lambda r: (r.start, -r.end))
        refs = self._persons(text, sentences, refs, book, date_spans)
        refs = self._anaphora(text, refs, book)
        return DocMentions(sorted(refs, key=lambda r: (r.start, -r.end)), book, main_state)

    # -- helpers
    def _state_entity(self, key: str | None) -> Entity | None:
        entry = self.registry.get(key) if key else None
        return entry.entity if entry else None

    def _new(self, book: EntityBook, type_: str, label: str, surface: str, kind: str | None, key: str | None = None,
             ) -> Entity:
        key = key or f"{type_.lower()}/{slugify(label)}"
        registry_key = self.registry.lookup(type_, label) or self.registry.lookup(type_, surface)
        if registry_key:
            return book.add(self.registry.entries[registry_key].entity, surface)
        return book.add(Entity(key=key, type=type_, label=label, kind=kind), surface)

    def _laws(self, text: str, s: Sentence, refs: list[Ref], main_state: str | None, book: EntityBook,
              taken: list[tuple[int, int]]) -> list[Ref]:
        out: list[Ref] = []
        patterns = [
            re.compile(r"\b(?P<head>[Ll]aw|Code)\b(?: of (?:the )?(?:Republic of )?(?P<st>[A-Z][\w-]+(?: Republic)?))?"
                       r"(?: (?:was |were )?(?:passed|adopted|enacted) )?(?: ?(?:titled|entitled|called|named))?"
                       r" ?\"(?P<topic>(?:On|on|About|about) [^\"]{3,90})\""),
            re.compile(r"\b(?P<head>[Ll]aw)\b(?: of (?:the )?(?:Republic of )?(?P<st>[A-Z][\w-]+(?: Republic)?))? (?P<prep>on|of) "
                       r"(?P<topic>(?:the )?[A-Za-z][\w-]*(?: (?:[A-Za-z][\w-]*))*?)"
                       r"(?=\s(?:that|which|was|were|is|are|came|comes|entered|enters|has|had|and|in|on|with|by|to)\b|"
                       r"\s?[,.;:()\"]|$)"),
        ]
        sentence_text = text[s.start:s.end]
        for pattern in patterns:
            for m in pattern.finditer(sentence_text):
                start, end = s.start + m.start(), s.start + m.end()
                states = {r.span for r in refs if r.type == "State" and start <= r.start and r.end <= end}
                if any(a < end and start < b for a, b in taken if (a, b) not in states):
                    continue
                topic = re.sub(r"^(?:on|about|the)\s+", "", m.group("topic").strip(), flags=re.I)
                topic = re.sub(r"^the\s+", "", topic, flags=re.I)
                if not topic or fold(topic) in {"law", "the", "basis", "rule"} or len(topic.split()) > 8:
                    continue
                state_key = main_state
                if m.groupdict().get("st"):
                    state_key = self.registry.lookup("State", m.group("st")) or main_state
                state = self._state_entity(state_key)
                state_label = state.label if state else ""
                label = f"Law of {state_label} on {_title(topic)}" if state else f"Law on {_title(topic)}"
                key = f"instrument/law-{slugify(state_label) + '-' if state else ''}{slugify(topic)}"
                if "topic" in m.groupdict() and '"' in m.group() and not re.match(r'(?:[Ll]aw|Code) ?"', m.group()):
                    start = s.start + m.start("topic") - 1  # 'a law was passed titled "On X"': the title names it
                entity = self._new(book, "Instrument", label, text[start:end], "law", key)
                out.append(Ref(start, end, entity.key, "Instrument", "law", "pattern"))
                taken.append((start, end))
        return out

    def _resolutions(self, text: str, s: Sentence, book: EntityBook, taken: list[tuple[int, int]]) -> list[Ref]:
        """UN resolutions by their citation: 'Security Council resolution 1208 (1998)', 'resolution 55/96'.

        The body is named before the number ('the Security Council adopted resolution 661 (1990)'), or the number
        has the General Assembly's session/number form; a bare 'resolution 12' names nothing."""
        out: list[Ref] = []
        pattern = re.compile(r"\b(?:(?P<body>Security\s+Council|General\s+Assembly)\s+(?:(?:has\s+)?adopted\s+(?:its\s+)?"
                             r"(?:\w+\s+)?)?)?resolution\s+(?P<num>\d{1,4}(?:/\d{1,4})?)(?![\w/])"
                             r"(?:\s*\((?P<year>(?:19|20)\d\d)\))?")
        for m in pattern.finditer(text, s.start, s.end):
            body = m.group("body")
            if body is None and "/" in m.group("num"):
                body = "General Assembly"
            if body is None:
                continue
            body = " ".join(body.split())
            start = m.start("body") if m.group("body") and m.group() .startswith(m.group("body")) and \
                "adopted" not in m.group() else m.start("num") - len("resolution ")
            end = m.end()
            if any(a < end and start < b for a, b in taken if not (start <= a and b <= end)):
                continue
            label = f"{body} resolution {m.group('num')}" + (f" ({m.group('year')})" if m.group("year") else "")
            entity = self._new(book, "Instrument", label, text[start:end], "resolution")
            out.append(Ref(start, end, entity.key, "Instrument", "resolution", "pattern"))
            taken.append((start, end))
        return out

    def _ordinal_sessions(self, text: str, s: Sentence, refs: list[Ref], all_refs: list[Ref], book: EntityBook,
                          taken: list[tuple[int, int]]) -> list[Ref]:
        out: list[Ref] = []
        pattern = re.compile(
            r"(?:\b(?P<det>its |the |their ))?(?P<ord>" + self.lex.ordinal_pattern() + r") "
            r"(?P<adj>(?:(?:regular|special|annual|plenary|ordinary|extraordinary|ministerial|high-level) )*)"
            r"(?P<noun>[Ss]ession|[Mm]eeting|[Ss]ummit|[Cc]onference|[Ff]orum|[Pp]lenary)\b(?P<of> of (?:the )?)?", re.I)
        sentence_text = text[s.start:s.end]
        for m in pattern.finditer(sentence_text):
            start = s.start + m.start("ord")
            org_ref = None
            end = s.start + m.end("noun")
            if m.group("of"):
                after = s.start + m.end()
                org_ref = next((r for r in refs if r.start == after and r.type in ("Agency", "State")), None)
                if org_ref:
                    end = org_ref.end
            elif (m.group("det") or "").strip() in ("its", "their"):
                org_ref = next((r for r in reversed(refs) if r.end <= start and r.type == "Agency"
                                and start - r.end <= 120), None)  # "its" looks back inside its own sentence
            if org_ref is None:
                continue
            if any(a < end and start < b for a, b in taken if (a, b) != org_ref.span):
                continue
            org = book.entities.get(org_ref.key) or self.registry.entries[org_ref.key].entity
            number = self.lex.ordinal_value(m.group("ord"))
            if number is None or re.match(r"\s*(?:this|that|last|of\s+the|in\s+the)\s+(?:year|month|week|day)\b",
                                          text[s.start + m.end("noun"):s.start + m.end("noun") + 20]):
                continue  # "its second meeting this year": a count within the year, not a numbered series
            ordinal = self.lex.ordinal_words_for(number)
            ordinal = ordinal[:1].upper() + ordinal[1:]
            noun = m.group("noun").title()
            owner, owner_key = org.label, org_ref.key
            body = re.match(r"['\u2019]s\s+((?:[A-Z][\w-]+\s?){1,4})", text[org_ref.end:org_ref.end + 60])
            if body and m.group("of"):
                # "70th session of UNHCR's Executive Committee": the session is the committee's
                name = body.group(1).strip()
                body_start = org_ref.end + body.start(1)
                body_end = body_start + len(name)
                body_entity = self._new(book, "Agency", f"{name} of the {org.label}", name, "body",
                                        f"agency/{slugify(org_ref.key.split('/')[-1])}-{slugify(name)}")
                out.append(Ref(body_start, body_end, body_entity.key, "Agency", "body", "pattern"))
                owner, end, owner_key = body_entity.label, body_end, body_entity.key
            kind_words = [w.title() for w in (m.group("adj") or "").split()
                          if w.lower() in ("special", "extraordinary", "emergency", "ordinary")]
            noun = " ".join([*kind_words, noun])  # the twentieth special session is not the twentieth session
            label = f"{ordinal} {noun} of the {owner}" if not owner.startswith("the ") else \
                f"{ordinal} {noun} of {owner}"
            entity = self._new(book, "Event", label, text[start:end], noun.split()[-1].lower())
            out.append(Ref(start, end, entity.key, "Event", noun.split()[-1].lower(), "pattern"))
            taken.append((start, end))
            if noun.lower() in ("session", "ordinary session"):
                book.owners.setdefault(entity.key, owner_key)
                if number == self._session_number(org_ref.key) and self._statement:
                    book.current.add(entity.key)  # a state's statement in the session it was delivered at
        return out

    def _session_number(self, body: str) -> int | None:
        """The number of the body's session in the document's year, for bodies with one regular session a year."""
        entry = self.registry.get(body)
        base = entry.data.get("first_annual_session_year") if entry else None
        if not base or self._doc_date is None:
            return None
        return self._doc_date.year - int(base) + 1

    @staticmethod
    def _addresses_assembly(text: str) -> bool:
        """A statement that names the General Assembly or addresses its presidency speaks to the Assembly."""
        return re.search(r"\bGeneral\s+Assembly\b|\bpresidency\s+of\s+(?:the|this|our)\s+Assembly\b", text) is not None

    def _current_sessions(self, text: str, s: Sentence, refs: list[Ref], book: EntityBook,
                          taken: list[tuple[int, int]]) -> list[Ref]:
        """'this session of the General Assembly', 'the Assembly at its current session': the document's own session.

        Only for a body the registry knows to meet once a year (its first session year is data), and only with
        the body named in the phrase, so that 'this session' of some other council is never taken for it."""
        out: list[Ref] = []
        det = r"(?:this|the\s+current|the\s+present|its\s+current|its\s+present|this\s+year['\u2019]s)"
        ordinal = self.lex.ordinal_pattern()
        bare = self._statement and self._addresses_assembly(text)
        for m in re.finditer(rf"\b{det}\s+(?:(?:regular|annual)\s+)?session\s+of\s+the\s+(?P<body>(?:General\s+)?Assembly)\b"
                             rf"|\b(?P<body2>(?:General\s+)?Assembly)(?:\s+[\w-]+){{0,4}}?\s+(?:at|during)\s+"
                             rf"(?:{det}|its)\s+session\b"
                             rf"|\bthe\s+(?:current|present)\s+(?P<body3>(?:General\s+)?Assembly)\s+session\b"
                             rf"|\b(?:this|the|our)\s+(?P<ord>{ordinal})\s+(?:regular\s+)?session\b(?!\s+of\b)"
                             rf"|\b(?P<bare>{det}|our)\s+(?:regular\s+)?session\b(?!\s+of\b)"
                             rf"|\b(?:the|its|our)\s+(?P<prev>previous|last|preceding)\s+(?:regular\s+)?session\b"
                             rf"(?!\s+of\b)",
                             text[s.start:s.end], re.I):
            start, end = s.start + m.start(), s.start + m.end()
            if m.group("body2") and not re.search(r"(?:current|present|this)", m.group(), re.I):
                continue  # "the Assembly at its session": which one is not said
            if (m.group("ord") or m.group("bare") or m.group("prev")) and \
                    (not bare or _OTHER_SESSION_BODY.search(text[s.start:s.end])):
                continue  # a bare "this session" is the Assembly's only in a statement to it, with no other body named
            if any(a < end and start < b for a, b in taken if not (start <= a and b <= end)):
                continue
            body = self.registry.lookup("Agency", "United Nations General Assembly")
            current = self._session_number(body) if body else None
            if body is None or current is None or current < 1:
                continue
            number = current
            if m.group("ord"):  # "the fifty-third session" in a 1999 statement to the Assembly: its previous one
                number = self.lex.ordinal_value(m.group("ord")) or 0
                if not 1 <= number <= current:
                    continue
            elif m.group("prev"):  # "its previous session", "the last session": the one a year before
                number = current - 1
            owner = self.registry.entries[body].entity
            ordinal = self.lex.ordinal_words_for(number)
            label = f"{ordinal[:1].upper() + ordinal[1:]} Session of the {owner.label}"
            entity = self._new(book, "Event", label, text[start:end], "session")
            out.append(Ref(start, end, entity.key, "Event", "session", "pattern"))
            taken.append((start, end))
            if number == current:
                book.owners.setdefault(entity.key, body)
                book.current.add(entity.key)
            # a past session named only by its number or as 'the previous session': a mention, and no more is
            # said of it (who organised it and who took part is left to the phrases that say so)
        return out

    def _governments(self, text: str, s: Sentence, refs: list[Ref], main_state: str | None, book: EntityBook,
                     taken: list[tuple[int, int]]) -> list[Ref]:
        out: list[Ref] = []
        sentence_text = text[s.start:s.end]
        adjectives = "|".join(re.escape(a) for a in sorted(self.registry.adjectives, key=len, reverse=True))
        abbreviations = "|".join(re.escape(a) for a in self.lex.ministry_abbreviations)
        pattern = re.compile(
            rf"\b(?:(?P<adj>{adjectives}) (?P<gov1>Government|government|(?:{abbreviations})\b)"
            rf"|(?P<gov2>Government|(?:{abbreviations})\b)(?: of (?:the )?(?=[A-Z]))?)")
        for m in pattern.finditer(sentence_text):
            start, end = s.start + m.start(), s.start + m.end()
            if any(a < end and start < b for a, b in taken):
                continue
            word = m.group("gov1") or m.group("gov2")
            state_key = None
            if m.group("adj"):
                state_key = self.registry.adjectives[m.group("adj")]
            elif text[start + len(word): start + len(word) + 4] == " of ":
                state_ref = next((r for r in refs if end <= r.start <= end + 2 and r.type == "State"), None)
                if state_ref is None:
                    continue  # "Government of Canada" without a registry state, or a longer name: leave to chunks
                state_key, end = state_ref.key, state_ref.end
            elif word == "Government" and re.match(r"[A-Z]", text[end + 1: end + 2] or "x") is None and \
                    not re.search(r"\b(?!The\b)[A-Z][a-z]+\s+$", text[max(s.start, start - 20):start]):
                state_key = main_state  # "the Government" of the document's own state
            else:
                continue
            state = self._state_entity(state_key)
            if state is None:
                continue
            unit = self.lex.ministry_abbreviations.get(word, "Government")
            entity = self._new(book, "Agency", f"{unit} of {state.label}", text[start:end], "national_body",
                               f"agency/{slugify(state.label)}-{slugify(unit)}")
            out.append(Ref(start, end, entity.key, "Agency", "national_body", "pattern"))
            taken.append((start, end))
        return out

    def _chunks(self, text: str, s: Sentence, refs: list[Ref], main_state: str | None, book: EntityBook,
                taken: list[tuple[int, int]], date_spans: list[tuple[int, int]]) -> list[Ref]:
        """Capitalised phrases with a head noun of a known kind ('... Conference on ...', 'Ministry of ...')."""
        tokens = tokenize(text[s.start:s.end], s.start)
        ref_at = {r.start: r for r in refs}
        chunks = _cap_chunks(text, tokens, ref_at, date_spans, self.lex)
        out: list[Ref] = []
        for chunk in chunks:
            out += self._chunk_entities(text, chunk, ref_at, main_state, book, taken)
        return out

    def _head_type(self, phrase: str) -> tuple[str, str] | None:
        if phrase in self.lex.instrument_heads or phrase.capitalize() in self.lex.instrument_heads:
            return "Instrument", self.lex.instrument_heads.get(phrase) or self.lex.instrument_heads[phrase.capitalize()]
        if phrase in self.lex.event_heads:
            return "Event", phrase.lower()
        if phrase in self.lex.agency_heads or phrase.capitalize() in self.lex.agency_heads:
            return "Agency", phrase.lower()
        return None

    def _chunk_entities(self, text: str, chunk: list[Token], ref_at: dict[int, Ref], main_state: str | None,
                        book: EntityBook, taken: list[tuple[int, int]]) -> list[Ref]:
        out: list[Ref] = []
        inside_refs = sorted((r for r in ref_at.values() if r.start < chunk[-1].end and chunk[0].start < r.end),
                             key=lambda r: r.start)  # also names the chunk starts inside ("1961 Convention ...")
        ref_spans = SpanList(r.span for r in inside_refs)
        heads: list[tuple[int, str, str, str]] = []  # token index, head phrase, type, kind
        i = 0
        while i < len(chunk):
            tok = chunk[i]
            if ref_spans.contains(tok.start):
                i += 1
                continue
            two = f"{tok.text} {chunk[i + 1].text}" if i + 1 < len(chunk) else ""
            for phrase, width in ((two, 2), (tok.text, 1)):
                typed = self._head_type(phrase) if phrase else None
                if typed and (phrase[:1].isupper() or (i + 1 < len(chunk) and chunk[i + 1].text in ("of", "on"))
                              or (i == len(chunk) - 1 and phrase in _LOWER_AGENCY_HEADS)):
                    heads.append((i, phrase, *typed))
                    i += width - 1
                    break
            else:
                if self._post_head_re.fullmatch(tok.text):
                    heads.append((i, tok.text, "Post", "post"))
            i += 1
        # in a compound without "of" the last head noun rules: "Regional Framework Structure" is a body
        heads = [h for n, h in enumerate(heads) if not (
            n + 1 < len(heads) and heads[n + 1][2] != "Post" and h[2] != "Post"
            and not any(t.text in _CONNECTORS for t in chunk[h[0]:heads[n + 1][0]]))]
        split_before = -1  # a listed name ended there ("X Protocol and the Y Agreement"): the next head starts anew
        for n, (index, phrase, type_, kind) in enumerate(heads):
            if type_ == "Post":
                continue
            if n > 0 and heads[n - 1][2] not in ("Post",) and not _complement_start(chunk, index) and \
                    not split_before > heads[n - 1][0]:
                continue  # a head inside the previous entity's modifiers, e.g. "Framework" of "... Cooperation Framework"
            start_i = index
            while start_i > 0 and chunk[start_i - 1].text not in _CONNECTORS and \
                    not self._post_head_re.fullmatch(chunk[start_i - 1].text) and \
                    chunk[start_i - 1].text not in _SENTENCE_OPENERS and chunk[start_i - 1].text not in ",":
                start_i -= 1
            end_i = len(chunk)
            if type_ in ("Event", "Instrument") and n + 1 < len(heads) and not any(t.text == "between" for t in chunk):
                # "World Conference on X and the World Summit for Y": two events listed, not one name
                split = next((k for k in range(index + 1, heads[n + 1][0]) if chunk[k].text == "and" and (
                    type_ == "Event" or (k + 1 < len(chunk) and chunk[k + 1].text == "the"))), None)
                if split is not None:
                    end_i = split_before = split
            if phrase in self.lex.ambiguous_event_heads and type_ == "Event" and not (
                    any(t.text in self.lex.event_name_cues or self.lex.ordinal_value(t.text) or t.text.isdigit()
                        for t in chunk[:index]) or (index + 1 < len(chunk) and chunk[index + 1].text == "on")):
                continue  # "African National Congress": a body, unless named as a meeting ("World Congress on X")
            span_tokens = chunk[start_i:end_i]
            while span_tokens and span_tokens[-1].text in _CONNECTORS | {","}:
                span_tokens = span_tokens[:-1]
            if not span_tokens:
                continue
            # a city at the end is where the thing is, not part of its name ("OSCE Summit in Astana")
            for r in inside_refs:
                if r.type == "Place" and r.kind in _CITY_KINDS and r.end == span_tokens[-1].end:
                    cut = [t for t in span_tokens if t.end <= r.start]
                    if len(cut) >= 2 and cut[-1].text in ("in", "at"):
                        span_tokens = cut[:-1]
            # "Mission in Kazakhstan Zeynal Hajiyev": after a known place the name is over
            for r in inside_refs:
                if r.type in ("State", "Place") and any(t.start >= r.end for t in span_tokens) and \
                        re.search(r"\bin\s+(?:the\s+)?$", text[max(0, r.start - 8):r.start]):
                    rest = [t for t in span_tokens if t.start >= r.end]
                    if rest and rest[0].text[:1].isupper() and rest[0].text not in _CONNECTORS:
                        span_tokens = [t for t in span_tokens if t.end <= r.end]
                        break
            if not span_tokens:
                continue
            start, end = span_tokens[0].start, span_tokens[-1].end
            lead = text[max(0, start - 20):start]
            if any(re.search(rf"\b{re.escape(p.rsplit(' ', 1)[0])}\s+$", lead) and p.endswith(" " + phrase)
                   for p in self.lex.post_heads if " " in p):
                continue  # "Chief of Mission", "Head of Office": a title, not an organisation
            words = [t for t in span_tokens if t.text not in _CONNECTORS]
            if len(words) < 2 and type_ != "Agency":
                continue  # "the Convention", "the Conference": anaphora, resolved later
            if len(words) < 2 and phrase not in ("Parliament", "Senate", "Mazhilis", "Majilis"):
                continue
            if any(a <= start and end <= b for a, b in taken):
                continue
            if len([r for r in inside_refs if start <= r.start and r.end <= end]) >= 2 and all(
                    t.text in _CONNECTORS or t.text in ",.;" or any(a <= t.start < b for a, b in ref_spans)
                    for t in span_tokens):
                continue  # "the 1961 Convention ... and the International Covenant ...": known names, listed
            entity = self._make_chunk_entity(text, type_, kind, phrase, span_tokens, inside_refs, main_state, book)
            if entity is None:
                continue
            out.append(Ref(start, end, entity.key, entity.type, entity.kind, "pattern"))
            taken.append((start, end))
        return out

    def _make_chunk_entity(self, text: str, type_: str, kind: str, head: str, span: list[Token],
                           inside_refs: list[Ref], main_state: str | None, book: EntityBook) -> Entity | None:
        start, end = span[0].start, span[-1].end
        surface = " ".join(text[start:end].split())
        refs_in = [r for r in inside_refs if start <= r.start and r.end <= end]
        registry_key = self.registry.lookup(type_, surface)
        if registry_key:
            return book.add(self.registry.entries[registry_key].entity, surface)
        label = re.sub(r"\b(\d{4})-(\d{2})\b", lambda m: f"{m.group(1)}-{m.group(1)[:2]}{m.group(2)}", surface)
        label = label[0].upper() + label[1:]
        if type_ == "Event":
            # an organisation named first is the organiser, not part of the name ("UNHCR Regional Conference")
            lead = next((r for r in refs_in if r.start == start and r.type in ("Agency", "State")), None)
            name = label
            if lead is not None and lead.end < end and len(text[lead.end:end].split()) > 1:
                name = " ".join(text[lead.end:end].split())
                name = name[0].upper() + name[1:]
            # the ordinal stays: "Fourth World Mountain Forum" is one occurrence of a recurring event, not the series
            return self._new(book, "Event", name, surface, kind)
        lowered = {fold(w) for w in re.findall(r"[\w-]+", surface)}
        international = bool(lowered & _INTERNATIONAL_MARKERS) or any(
            r.type == "Agency" and r.key in self.registry.entries for r in refs_in)
        trailing_state = next((r for r in refs_in if r.type == "State" and r.end == end), None)
        national = (type_ == "Agency" and head in NATIONAL_HEADS) or (type_ == "Instrument" and kind in ("law", "plan",
                                                                                                          "policy"))
        if national and type_ == "Instrument" and kind != "law" and self._statement and not trailing_state and \
                not re.search(r"\b(?:our|my|national)\s+(?:[\w-]+\s+){0,2}$", text[max(0, start - 30):start], re.I):
            national = False  # in a state's statement an unowned "Programme of Action" is mostly an international one
        if national and not international:
            state_key = trailing_state.key if trailing_state else main_state
            state = self._state_entity(state_key)
            unit = label
            if trailing_state is not None:
                unit = " ".join(text[start:trailing_state.start].split())
                unit = re.sub(r"\s+(?:of|in)(?: the)?(?: Republic of)?$", "", unit)
            if state is not None and unit:
                unit = unit[0].upper() + unit[1:]
                key = f"{type_.lower()}/{slugify(state.label)}-{slugify(unit)}"
                lbl = f"{unit} of {state.label}" if type_ == "Agency" else f"{unit} ({state.label})"
                entity = self._new(book, type_, lbl, surface, kind, key)
                short = re.split(r" of the (?=(?:" + "|".join(sorted(NATIONAL_HEADS)) + r")\b)", unit)[0]
                if short != unit:
                    book.add(entity, short)
                return entity
        return self._new(book, type_, label, surface, kind)

    def _event_descriptors(self, text: str, s: Sentence, refs: list[Ref], book: EntityBook,
                           taken: list[tuple[int, int]]) -> list[Ref]:
        """Unnamed or lower-case events: 'a roundtable ... to discuss X', 'meeting of UN High-level Panel on X'."""
        out: list[Ref] = []
        sentence_text = text[s.start:s.end]
        nouns = "|".join(re.escape(n) for n in sorted(self.lex.event_nouns, key=len, reverse=True))
        meeting_of = re.compile(r"\b(?:meeting|session|summit) of (?:the )?(?P<name>[A-Z][\w-]*"
                                r"(?: (?:[A-Z][\w-]*|of|on|and|the|for)(?= [A-Z]|$| \w+ [A-Z]))*(?: [A-Z][\w-]*)?)")
        for m in meeting_of.finditer(sentence_text):
            start, end = s.start + m.start("name"), s.start + m.end("name")
            if any(a <= start and end <= b for a, b in taken) or any(
                    r.start == start and r.end == end for r in refs):
                continue
            name = m.group("name")
            if not re.search(r"\b(?:Panel|Group|Committee|Council|Commission|Board)\b", name):
                continue
            entity = self._new(book, "Event", name, name, "meeting")
            out.append(Ref(start, end, entity.key, "Event", "meeting", "pattern"))
            taken.append((start, end))
        lower = re.compile(
            rf"\b(?P<det>[Aa]|[Aa]n|[Tt]he|[Jj]oint)\s+(?P<adj>(?:(?:[A-Z]{{2,}}|and|[\w-]+al|high-level|joint|annual|ministerial"
            rf"|expert|regional|international|national|round|\w+-day|\d+(?:st|nd|rd|th)|first|second|third|fourth"
            rf"|fifth|sixth|seventh|eighth|ninth|tenth|inter-agency|bilateral|trilateral|tripartite) )*)"
            rf"(?P<noun>{nouns})\b"
            r"(?P<topic> (?:on|about|of) (?:[\w'-]+)(?: (?!(?:" + "|".join(sorted(self.lex.topic_stop_words)) +
            r")\b)(?:[\w'-]+)){0,14}?)?"
            r"(?=\s*(?:[,.;:()]|which|that|was|were|is|held|organi[sz]ed|took|in \d|on \d|bringing|to discuss|$))")
        holding = re.compile(r"\b(?:held|conducted|organi[sz]ed|convened|hosted|took place|was held|co-organi[sz]ed)\b")
        for m in lower.finditer(sentence_text):
            start, end = s.start + m.start("noun"), s.start + m.end()
            if m.group("adj"):
                start = s.start + m.start("adj")
            noun_start = s.start + m.start("noun")
            if any(a < end and noun_start <= a and not (s.start + m.end("noun") < a and b <= end)
                   for a, b in taken):
                continue  # the head itself is part of another name; names inside the topic are fine
            overlapping = [b for a, b in taken if a < noun_start and start < b]
            if overlapping and m.group("adj"):
                # "the joint UNHCR and IOM regional conference on X": organisers named before the noun phrase
                adj_end = s.start + m.end("adj")
                if all(b <= adj_end for b in overlapping):
                    rest = re.match(r"[\s,]*(?:and\s+)?", text[max(overlapping):adj_end])
                    start = max(overlapping) + (rest.end() if rest else 0)
                    overlapping = [b for a, b in taken if a < noun_start and start < b]
            if overlapping:
                continue
            topic = (m.group("topic") or "").strip()
            if not topic:
                discuss = re.search(r"\bto discuss ([\w' -]+?)(?=[,.;]|$)", sentence_text[m.end():])
                if not holding.search(sentence_text) or not re.search(r"\d{4}", sentence_text):
                    continue
                if m.group("det").lower() == "the":
                    continue  # "the roundtable" refers back; anaphora handles it
                topic = f"on {discuss.group(1)}" if discuss else ""
            elif not (m.group("adj") or "").strip() and (topic.startswith("of ") or not holding.search(sentence_text)):
                continue  # "a meeting of minds": a bare noun names an event only with a topic and a holding verb
            adjectives = [w for w in (m.group("adj") or "").split() if w.islower() and w not in ("and", "joint")
                          and not re.fullmatch(r"\w+-day|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
                                               r"|seventh|eighth|ninth|tenth", w)]  # "a two-day workshop" is a workshop
            noun = m.group("noun")
            label = " ".join([*adjectives, noun, topic]).strip()
            label = label[0].upper() + label[1:]
            surface = text[start:end] if m.group("topic") else noun
            entity = self._new(book, "Event", label, surface, noun.lower())
            out.append(Ref(start, end, entity.key, "Event", noun.lower(), "pattern"))
            taken.append((start, end))
        return out

    def _quoted_events(self, text: str, s: Sentence, book: EntityBook, taken: list[tuple[int, int]]) -> list[Ref]:
        """'the international conference "Statelessness in Central Asia"': the quoted title names the event."""
        nouns = "|".join(re.escape(n) for n in sorted(self.lex.event_nouns, key=len, reverse=True))
        pattern = re.compile(rf"\b(?P<noun>(?:(?:international|regional|national|high-level|ministerial|annual|expert"
                             rf"|scientific|practical|round-table|interregional|sub-regional|republican|[\w]+-day)\s+)"
                             rf"{{0,2}}(?:{nouns}))\s*(?:entitled\s+|titled\s+|on\s+)?"
                             r"\"(?P<title>[^\"]{4,120})\"", re.I)
        out: list[Ref] = []
        for m in pattern.finditer(text, s.start, s.end):
            start, end = m.start("noun"), m.end()
            if any(a < m.start("title") and start < b for a, b in taken):
                continue  # names inside the quoted title are fine
            title = " ".join(m.group("title").split())
            noun = m.group("noun").split()[-1].lower()
            entity = self._new(book, "Event", title, text[start:end], noun)
            book.add(entity, title)
            out.append(Ref(start, end, entity.key, "Event", noun, "pattern"))
            taken.append((start, end))
        return out

    # -- persons
    def _persons(self, text: str, sentences: list[Sentence], refs: list[Ref], book: EntityBook,
                 date_spans: list[tuple[int, int]]) -> list[Ref]:
        # hyphenated parts keep their capitals ("Al-Assad", "Sung-Joo", "Ki-moon"); a name never ends in a hyphen
        name_token = r"(?:[A-Z][a-z\u00e0-\u024f']+(?:-[A-Za-z\u00e0-\u024f][a-z\u00e0-\u024f']*)*(?![\w-])|[A-Z]\.)"
        name_re = re.compile(rf"\b{name_token}(?: (?:{name_token}|de|da|van|von|bin|al-\w+))" + r"{1,6}\b")
        title_words = {w for phrase in (*self.lex.post_heads, *self.lex.post_modifiers) for w in phrase.split()}
        honorific = "|".join(re.escape(h) for h in self.lex.honorifics)
        honorific_words = {w for h in self.lex.honorifics for w in h.split()}  # "El Hadj", "Prince": no name part
        posts = "|".join(re.escape(p) for p in self.lex.post_heads)
        verbs = "|".join(re.escape(v) for v in self.lex.speech_verbs)
        spans = SpanList([r.span for r in refs] + date_spans)
        new_refs: list[Ref] = []
        for m in name_re.finditer(text):
            start, end = m.start(), m.end()
            words = m.group().split()
            if start > 0 and text[start - 1] == "." and words and words[0].endswith("."):
                start += len(words[0]) + 1  # "H.E. Kairat Umarov": the E. belongs to the honorific
                words = words[1:]
            while words and (words[0] in self.lex.not_person_words or words[0] in _SENTENCE_OPENERS
                             or words[0] in title_words or words[0] in self.registry.adjectives
                             or words[0] in honorific_words):
                start += len(words[0]) + 1  # "Kazakh Foreign Minister Erlan Idrissov": the title is no name
                words = words[1:]
            if len(words) > 4:
                continue
            while words and spans.overlaps(start, start + len(words[0])):
                start += len(words[0]) + 1  # "... of Tajikistan Sirojiddin Muhriddin": the state is no part of it
                words = words[1:]
            if len(words) < 2 or any(w.rstrip(".") in self.lex.not_person_words for w in words) or \
                    all(w.endswith(".") for w in words):
                continue
            if spans.overlaps(start, end):
                continue
            before = text[max(0, start - 60):start]
            after = text[end:end + 60]
            context = (re.search(rf"(?:{honorific})\s*$", before) or re.search(rf"(?:{posts})(?: [\w' ]+?)?,?\s*$",
                                                                                before)
                       or re.match(rf",? (?:the )?(?:[\w-]+ ){{0,3}}(?:{posts})\b", after)
                       or re.search(rf"\b(?:{verbs})\s*$", before) or re.match(rf",? (?:{verbs}|has|had|who|visited"
                                                                               rf"|met|became|participated)\b", after))
            if not context:
                continue
            name = " ".join(words)
            entity = self._person_entity(name, book)
            new_refs.append(Ref(start, end, entity.key, "Person", None, "pattern"))
            spans.append((start, end))
        refs = sorted(refs + new_refs, key=lambda r: r.start)
        # later surname-only mentions ("Ashikbayev said") of a person named in full
        persons = {r.key: book.entities[r.key] for r in refs if r.type == "Person" and r.key in book.entities}
        surnames = {}
        for key, entity in persons.items():
            surname = fold(entity.label.split()[-1])
            if len(surname) >= 4:
                surnames[surname] = key
        if surnames:
            for m in re.finditer(r"\b[A-Z][a-z\u00e0-\u024f'-]{3,}\b", text):
                if spans.overlaps(m.start(), m.end()):
                    continue
                word = fold(m.group())
                key = surnames.get(word) or next((k for s, k in surnames.items()
                                                  if len(word) >= 6 and SequenceMatcher(None, s, word).ratio() >= 0.85),
                                                 None)
                if key:
                    book.add(book.entities[key], m.group())
                    refs.append(Ref(m.start(), m.end(), key, "Person", None, "name"))
        return sorted(refs, key=lambda r: r.start)

    def _person_entity(self, name: str, book: EntityBook) -> Entity:
        registry_key = self.registry.lookup("Person", name)
        if registry_key is None:
            first, last = fold(name.split()[0]).rstrip("."), fold(name.split()[-1])
            for entry in self.registry.entries.values():
                if entry.entity.type != "Person":
                    continue
                parts = fold(entry.entity.label).split()
                if (parts[0] == first or (len(first) == 1 and parts[0].startswith(first))) and \
                        SequenceMatcher(None, parts[-1], last).ratio() >= 0.7:
                    registry_key = entry.key
                    break
        if registry_key:
            return book.add(self.registry.entries[registry_key].entity, name)
        return book.add(Entity(key=f"person/{slugify(name)}", type="Person", label=name), name)

    # -- anaphora
    def _anaphora(self, text: str, refs: list[Ref], book: EntityBook) -> list[Ref]:
        event_nouns = "|".join(re.escape(n) for n in self.lex.event_anaphors)
        pattern = re.compile(
            rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ss]uch an?|[Ii]ts|[Aa]n?)\s+(?:(?:high-level|same|said|regional|new)\s+)?"
            rf"(?P<noun>{event_nouns}|Conference|Roundtable|Meeting|Summit|Session|Forum|Convention|Protocol|Covenant|"
            r"Law|law|Declaration|declaration|Agreement|agreement|Organization|organization|Organisation|organisation|"
            r"Office|Concept|concept|Plan|Programme|Strategy|Treaty|treaty)\b(?!\s+(?:of|on|for)\s+(?:the\s+)?[A-Z])")
        spans = [r.span for r in refs]
        out = list(refs)
        for m in pattern.finditer(text):
            start, end = m.start("noun"), m.end("noun")
            if any(a <= start < b for a, b in spans):
                continue
            noun = m.group("noun").lower()
            det = m.group("det").lower()
            if det in ("a", "an"):
                if noun == "declaration":
                    out.append(Ref(start, end, "", "Instrument", "declaration", "indefinite"))
                continue
            target = self._antecedent(noun, sorted((r for r in out if r.end <= start and r.key),
                                                   key=lambda r: (r.start, -r.end)))
            if target is None:
                continue
            book.anaphors.setdefault(target.key, set()).add(m.group("noun"))
            out.append(Ref(start, end, target.key, target.type, target.kind, "anaphor"))
        return sorted(out, key=lambda r: (r.start, -r.end))

    def _antecedent(self, noun: str, earlier: list[Ref]) -> Ref | None:
        wanted: tuple[str, set[str] | None]
        if noun in {n.lower() for n in self.lex.event_anaphors}:
            kinds = None if noun in ("event", "forum") else {noun}
            wanted = ("Event", kinds)
        elif noun in ("organization", "organisation"):
            wanted = ("Agency", None)
        elif noun == "office":
            offices = [r for r in earlier if r.type == "Agency" and r.kind == "office"]
            if offices:
                return offices[-1]
            wanted = ("Agency", {"office", "un_agency"})
        elif noun in ("convention", "protocol", "covenant", "treaty", "agreement", "declaration", "law", "concept",
                      "plan", "programme", "strategy"):
            kinds = {"concept": {"policy"}, "strategy": {"policy"}, "programme": {"plan"},
                     "treaty": set(self.lex.treaty_kinds)}.get(
                noun, {noun})
            if noun == "convention":
                kinds = {"convention", "ilo_convention"}
            wanted = ("Instrument", kinds)
        else:
            return None
        type_, kinds = wanted
        for ref in reversed(earlier):
            if ref.type != type_:
                continue
            if kinds is None or ref.kind in kinds or (type_ == "Event" and kinds and ref.kind and
                                                      any(k in ref.kind for k in kinds)):
                return ref
        return None


def _complement_start(chunk: list[Token], index: int) -> bool:
    """A head right after 'of (the)' starts a new, nested entity ('Committee ... of the Ministry of ...')."""
    before = [t.text for t in chunk[max(0, index - 2):index]]
    return before[-1:] == ["of"] or before == ["of", "the"]


def _cap_chunks(text: str, tokens: list[Token], ref_at: dict[int, Ref], date_spans: list[tuple[int, int]],
                lex: Lexicon) -> list[list[Token]]:
    """Maximal runs of capitalised words, numbers and name connectors; registry names may sit inside."""
    chunks: list[list[Token]] = []
    current: list[Token] = []
    lower_heads = {h.lower() for h in lex.instrument_heads if " " not in h} | {"concept"}

    def is_cap(i: int) -> bool:
        tok = tokens[i]
        if spans_of(date_spans).contains(tok.start):
            return False
        t = tok.text
        if t[:1].isupper():
            return True
        if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)|\d{4}(?:-\d{2,4})?", t):
            return True
        # a lower-case head followed by "of/on Capital": "concept of Migration Policy"
        return t in lower_heads and i + 2 < len(tokens) and tokens[i + 1].text in ("of", "on") and \
            tokens[i + 2].text[:1].isupper()

    i = 0
    between = False
    while i < len(tokens):
        tok = tokens[i]
        if is_cap(i):
            if not current and tok.text in _SENTENCE_OPENERS:
                i += 1
                continue
            current.append(tok)
        elif current and tok.text in _CONNECTORS and i + 1 < len(tokens):
            nxt = i + 1
            while nxt < len(tokens) and tokens[nxt].text in _CONNECTORS:
                nxt += 1
            if nxt < len(tokens) and is_cap(nxt) and not (
                    tok.text == "and" and tokens[nxt].start in ref_at and not between
                    and ref_at[tokens[nxt].start].type in ("Agency", "State")):
                if tok.text == "between":
                    between = True
                current.extend(tokens[i:nxt])
                i = nxt
                continue
            i = _extend_chunk(tokens, i, current, lex)
            chunks.append(current)
            current, between = [], False
        elif current and tok.text == "," and i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and \
                any(t.text == "and" for t in tokens[i + 2:i + 5]) and not any(
                    tokens[i + 1].start == r for r in ref_at):
            current.append(tok)
        else:
            if current:
                i = _extend_chunk(tokens, i, current, lex)
                chunks.append(current)
            current, between = [], False
        i += 1
    if current:
        chunks.append(current)
    return chunks


_LOWER_AGENCY_HEADS = {"body", "structure", "mechanism", "office", "committee", "commission", "agency", "group",
                       "council", "secretariat", "platform"}
_SCOPE_NOUNS = {"area", "areas", "field", "fields", "sphere", "spheres"}
_CLAUSE_WORDS = {"which", "that", "who", "is", "was", "were", "are", "has", "have", "had", "will", "would", "to", "by"}


def _extend_chunk(tokens: list[Token], i: int, current: list[Token], lex: Lexicon) -> int:
    """Lower-case tails that still belong to a name: 'Regional Framework body', '... Plan ... in the area of X'.

    Returns the index of the last token consumed (the caller moves on from there)."""
    tok = tokens[i]
    if tok.text in _LOWER_AGENCY_HEADS:
        current.append(tok)
        return i
    words = [t.text for t in tokens[i:i + 4]]
    if words[:2] == ["in", "the"] and len(words) > 3 and words[2] in _SCOPE_NOUNS and words[3] == "of" and any(
            t.text in lex.instrument_heads for t in current):
        j = i + 4
        while j < len(tokens) and tokens[j].text not in _CLAUSE_WORDS and re.match(r"\w", tokens[j].text) and \
                j - i < 16:
            j += 1
        while j > i + 4 and tokens[j - 1].text in _CONNECTORS:
            j -= 1
        current.extend(tokens[i:j])
        return j - 1
    return i


def resolve_state(registry: Registry, value: str | None) -> str | None:
    """A state key for a metadata value: a name or alias ('Kenya'), or an ISO 3166 alpha-3/alpha-2 code ('KEN')."""
    if not value or not value.strip():
        return None
    value = value.strip()
    key = registry.lookup("State", value)
    if key:
        return key
    code = value.upper()
    for entry in registry.entries.values():
        codes = (entry.data.get("iso3166_alpha3"), entry.data.get("iso3166_alpha2"))
        if entry.entity.type == "State" and code in codes:
            return entry.key
    return None


def _main_state(refs: list[Ref]) -> str | None:
    counts: dict[str, int] = {}
    for r in refs:
        if r.type == "State":
            counts[r.key] = counts.get(r.key, 0) + 1
    if not counts:
        return None
    first = {r.key: i for i, r in reversed(list(enumerate(refs)))}
    return max(counts, key=lambda k: (counts[k], -first[k]))


_OTHER_SESSION_BODY = re.compile(r"\b(?:Council|Commission|Committee|Conference|Parliament|Congress|Summit|Court|Board"
                                 r"|Executive|Tribunal|Assembly\s+of\s+Heads|Human\s+Rights)\b")


def ordinal_suffix(number: int) -> str:
    """59 -> '59th', 22 -> '22nd', 11 -> '11th': the label form of an ordinal, however the text spelled it."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _title(topic: str) -> str:
    small = {"of", "on", "the", "and", "for", "in", "to", "a", "an"}
    words = topic.split()
    return " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))

