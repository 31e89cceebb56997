"""Fact extraction: sentence-level rules over the mentions and dates of one document.

Each rule reads one pattern of the genre's language (a state acceding to a treaty, a law coming into
force, a meeting held somewhere, a person named with a title ...) over entity references, never over
particular names.  Rules are pure functions of a `DocContext`; they return typed fact records whose
evidence is a span of the document as stored.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..text.dates import DateMention
from ..text.intervals import SpanList, between
from ..lang.lexicon import Lexicon
from ..extraction.mentions import DocMentions, Ref
from ..records import (DateValue, Document, Entity, EventDetails, EventRole, Fact, InstrumentDate, PopulationFigure,
                      PostHolding, TreatyAction)
from ..registry import Registry, slugify
from ..text.sentences import MAX_SENTENCE_CHARS, Sentence
from ..text.textview import TextView

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]

# -- trigger vocabularies (grammar of the genre, not names) ----------------------------------------------------
_PARTY_VERB = re.compile(
    r"\b(?P<verb>(?:deposited|deposits|lodged|submitted)\s+(?:its|their|the)\s+instruments?\s+of\s+"
    r"(?:accession|ratification)(?:\s+to|\s+of)?"
    r"|acceded|accedes|accede|joined|joins|join|ratified|ratifies|ratify|signed|signs|sign"
    r"|(?:is|are|was|were|became|become|has become|have become)\s+(?:a\s+)?(?:State\s+)?part(?:y|ies)\s+to"
    r"|(?:a|the)\s+(?:State\s+)?Party\s+to)\b", re.I)
_PARTY_NOUN = re.compile(r"\b(?P<verb>accession|ratification|signature)\b(?:\s+(?:by|of)\b)?", re.I)
_NOT_DONE = re.compile(
    r"\b(?:not|never|yet to|has yet|have yet|intends?|plans?|planning|considers?|considering|should|could|would|may"
    r"|might|will|shall|must|urged?|urging|calls? on|calls? upon|called on|encourag\w*|promot\w*|support\w*"
    r"|advocat\w*|recommend\w*|invit\w*|possible|prospective|future|towards|prepar\w*)\b", re.I)
_CLAUSE_END = re.compile(r"[;:]|,\s*(?:which|who|where|on the basis|and\s+\w+ed\b)|\b(?:which|that|while|whereas)\b"
                         r"|\band\s+(?:has\s+|have\s+)?(?:adopted|passed|enacted|approved|concluded|opened|established)\b",
                         re.I)
_INSTRUMENT_DATE_VERB = re.compile(
    r"\b(?P<adopted>adopted|passed|enacted|approved|promulgated)\b"
    r"|(?<=\bwas )(?P<signed>signed)\b|(?<=\bwere )(?P<signed2>signed)\b"
    r"|\b(?P<force>(?:entered|enters|enter|came|comes|come|went|goes|brought)\s+into\s+(?:force|effect)"
    r"|took\s+effect|in\s+force\s+since|effective\s+(?:from|since|as\s+of))\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being|be)\s+(?:\w+ly\s+)?$", re.I)
_HELD_VERB = re.compile(r"\b(?:held|took place|takes place|take place|hosted|convened|opened|was organi[sz]ed"
                        r"|were organi[sz]ed|was conducted|gathered|will be held|is held|completing|completed"
                        r"|was launched|organi[sz]ed)\b", re.I)
_ORGANISED_BY = re.compile(r"\b(?:(?P<co>co-?sponsored|co-?organi[sz]ed|co-?hosted)|organi[sz]ed|convened|hosted"
                           r"|conducted|arranged|sponsored|initiated)\s+(?:jointly\s+)?by\b", re.I)
_SUPPORT = re.compile(r"\b(?:with|under)\s+(?:the\s+)?(?:active\s+|financial\s+|technical\s+|kind\s+)?"
                      r"(?:support|assistance)\s+(?:of|from)\b", re.I)
_COSPONSORS = re.compile(r"\b(?:co-?sponsors|co-?organi[sz]ers|partners|organi[sz]ers)\s+of\s+(?:the|this)\s+"
                         r"\w+\s*:?", re.I)
_ACTIVE_ORGANISE = re.compile(r"\b(?:organi[sz]ed|organi[sz]es|convened|convenes|conducted|conducts|hosted|hosts"
                              r"|held|holds|co-?hosted|co-?organi[sz]ed|launched)\s+(?:a|an|the|its|their|such\s+an?)\b",
                              re.I)
_PARTICIPATE = re.compile(r"\b(?:took|take|takes|taking)\s+part(?:\s+in)?\b|\bparticipated\s+in|\bparticipates\s+in"
                          r"|\bparticipate\s+in|\bparticipating\s+in|\battended|\battends|\battend\b", re.I)
_BRINGING = re.compile(r"\b(?:bringing|brought|bring|brings|gathered|gathering|gathers|gained)\s+(?:together\s+)?"
                       r"(?:more than \d+ |over \d+ |some \d+ |\d+ )?(?:[\w-]+\s+){0,2}?(?:representatives|delegations"
                       r"|delegates|participants|officials|experts|ministers)\s+(?:of|from)\b"
                       r"|\bwith\s+the\s+participation\s+of\b", re.I)
_IN_COOPERATION = re.compile(r"\bin\s+(?:close\s+)?(?:cooperation|partnership|collaboration|coordination)\s+with\b",
                             re.I)
_REPRESENTATIVES = re.compile(r"\b(?:representatives|delegations|delegates|officials|ministers|participants)\b"
                              r"[^.;]*?\b(?:of|from)\b", re.I)
_SPEECH = re.compile(r"\b(?:statement|speech|address|remarks|presentation)\s+(?:by|of)\b", re.I)
_ADOPTED_AT = re.compile(r"\b(?:adopted|approved|endorsed|signed)\b", re.I)
_ADOPTERS = re.compile(r"\b(?:participants|participating\s+(?:countries|states|delegations|governments)"
                       r"|delegates|delegations|forum|conference|meeting|summit|session|ministers)\b", re.I)
_VISIT = re.compile(r"\b(?:visited|paid\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}visit\s+to|arrived\s+in"
                    r"|travelled\s+to|traveled\s+to|(?:is|was|are|were)\s+on\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}"
                    r"visit\s+to)\b", re.I)
_MEET = re.compile(r"\b(?:met|meets|held\s+talks)\s+(?:with\s+)?", re.I)
_WORLD = re.compile(r"\b(?:world(?:wide)?|globally|the\s+planet|across\s+the\s+globe)\b", re.I)
_REGION = re.compile(r"\b(?:in|across|throughout|of)\s+the\s+(?:whole\s+)?region\b", re.I)
_PEOPLE_CONTEXT = {
    "migrants": re.compile(r"\b(?:outside\s+(?:of\s+)?(?:their|his|her)\s+(?:home\s+|native\s+)?countr|abroad\b"
                           r"|emigrat|immigrat|migrat)", re.I),
    "refugees": re.compile(r"\b(?:refuge\b|asylum|protection|fled|flee|in\s+flight|displaced\s+across)", re.I),
    "stateless": re.compile(r"\bstateless", re.I),
}
_NUMBER = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?!\s+(?:million|thousand|billion))|\d+(?:\.\d+)?)(?:\s+(?P<mult>million|thousand|billion))?"
                     r"(?![\w,]*\d)")
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_STATE_PRONOUN = re.compile(r"\b(?:we|our\s+country|the\s+country|my\s+country|this\s+country|our\s+state)\b", re.I)


NEAR_CHARS = 2 * MAX_SENTENCE_CHARS  # no name or clause a rule links reaches further back than this


@dataclass
class DocContext:
    """What the rules may look at; built once per document."""

    document: Document
    view: TextView
    sentences: list[Sentence]
    dates: list[DateMention]
    mentions: DocMentions
    registry: Registry
    lexicon: Lexicon
    consumed_dates: set[int] = field(default_factory=set)  # date starts claimed by a non-event rule
    event_places: dict[str, str] = field(default_factory=dict)  # event key -> city key, once known
    presidents: list[tuple[str, int, int]] = field(default_factory=list)  # Assembly presidents: person, span

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def refs(self) -> list[Ref]:
        return self.mentions.refs

    def entity(self, key: str) -> Entity | None:
        return self.mentions.book.entities.get(key)

    def _index(self) -> tuple[list[int], SpanList, list[int]]:
        """Starts of the refs and dates (both in text order) and the spans of named refs, cached per refs list."""
        key = (id(self.refs), len(self.refs), id(self.dates), len(self.dates))
        cached = self.__dict__.get("_cached_index")
        if cached is None or cached[0] != key:
            cached = (key, ([r.start for r in self.refs], SpanList(r.span for r in self.refs if r.key),
                            [d.start for d in self.dates]))
            self.__dict__["_cached_index"] = cached
        return cached[1]

    def refs_between(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Ref]:
        i, j = between(self._index()[0], start, end + 1)  # a ref inside [start, end] starts there
        return [r for r in self.refs[i:j] if start <= r.start and r.end <= end and r.key and
                (types is None or r.type in types)]

    def free_dates(self, start: int, end: int, with_now: bool = False) -> list[DateMention]:
        """Dates in [start, end) that are not part of a name ("1951 Convention", "Concept ... for 2023-27")."""
        _, spans, date_starts = self._index()
        i, j = between(date_starts, start, end + 1)
        return [d for d in self.dates[i:j] if start <= d.start and d.end <= end and (with_now or d.kind != "now")
                and not spans.covers(d.start, d.end)]

    def evidence(self, start: int, end: int):
        """Evidence for a view span; the rules pass the ends of the parts they used, in either order."""
        return self.view.evidence(self.document.doc_id, min(start, end), max(start, end))

    def state_of(self, ref: Ref) -> str | None:
        """The state a reference stands for: the state itself, or its government / foreign ministry."""
        if ref.type == "State":
            return ref.key
        entity = self.entity(ref.key)
        if ref.type == "Agency" and entity is not None and entity.kind == "national_body":
            match = re.match(r"(?:Government|Cabinet of Ministers) of (?:the )?(.+)$", entity.label)
            if match:
                return self.registry.lookup("State", match.group(1))
        return None

    def refs_near(self, pos: int) -> list[Ref]:
        """The refs starting within NEAR_CHARS before `pos` (or at it): every name that can end at or span `pos`."""
        i, j = between(self._index()[0], pos - NEAR_CHARS, pos + 1)
        return self.refs[i:j]

    def sentence_of(self, pos: int) -> Sentence:
        starts = self.__dict__.get("_sentence_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.__dict__["_sentence_starts"] = [s.start for s in self.sentences]
        i = bisect_right(starts, pos) - 1  # sentences are in text order and do not overlap
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]


def _nearest(items: list[DateMention], pos: int) -> DateMention | None:
    return min(items, key=lambda d: (min(abs(d.start - pos), abs(d.end - pos)), d.start), default=None)


def _gap_is_list(gap: str) -> bool:
    """True when text between two names only coordinates them ("A, B and C", "A as well as B")."""
    rest = re.sub(r"\b(?:and|or|as well as|its|their|the|to|both|also|plus|including|in particular|,|\(|\))\b", " ",
                  gap, flags=re.I)
    return not re.sub(r"[\s,()\-–]+", "", rest)


def _ref_list(ctx: DocContext, start: int, end: int, types: tuple[str, ...]) -> list[Ref]:
    """The coordinated run of references starting at `start` ("Russia, China, Turkey and Iran")."""
    found: list[Ref] = []
    cursor = start
    for ref in ctx.refs_between(start, end):
        if found and ref.start < found[-1].end:
            continue
        gap = ctx.text[cursor:ref.start]
        if found and not (_gap_is_list(gap) or re.fullmatch(r"[\s,]*(?:[a-z][\w-]*\s+){1,3}?(?:,|and|or)\s+", gap)):
            break
        if not found and len(gap.split()) > 8:
            break
        if ref.type in types:
            found.append(ref)
            cursor = ref.end
        elif found or ref.type not in ("Place",):
            if found:
                break
    return found


def _keys(refs: list[Ref]) -> list[str]:
    seen: list[str] = []
    for r in refs:
        if r.key not in seen:
            seen.append(r.key)
    return seen


# -- party to -------------------------------------------------------------------------------------------------
_ACTIONS = {"accede": "accession", "accession": "accession", "join": "accession", "ratif": "ratification",
            "sign": "signature"}


def _action_of(verb: str) -> str:
    low = verb.lower()
    for stem, action in _ACTIONS.items():  # "deposited its instrument of accession" is an accession
        if re.search(rf"\b{stem}", low):
            return action
    return "party"


def treaty_actions(ctx: DocContext) -> list[TreatyAction]:
    out: list[TreatyAction] = []
    text = ctx.text
    for s in ctx.sentences:
        sentence = text[s.start:s.end]
        triggers = [(s.start + m.start("verb"), s.start + m.end("verb"), m.group("verb"), "verb")
                    for m in _PARTY_VERB.finditer(sentence)]
        verb_spans = [(a, b) for a, b, _, _ in triggers]
        triggers += [(s.start + m.start("verb"), s.start + m.end("verb"), m.group("verb"), "noun")
                     for m in _PARTY_NOUN.finditer(sentence)
                     if not any(a <= s.start + m.start("verb") < b for a, b in verb_spans)]
        if not triggers:
            continue
        other = [s.start + m.start() for m in _INSTRUMENT_DATE_VERB.finditer(sentence)]
        for t_start, t_end, verb, form in sorted(triggers):
            clause_end = s.end
            m_end = _CLAUSE_END.search(text, t_end, s.end)
            if m_end:
                clause_end = m_end.start()
            if re.search(r"\bto\s+$", text[max(s.start, t_start - 4):t_start]) and not re.search(
                    rf"\b(?:first|second|third|last|latest|next-to-last|{ctx.lexicon.ordinal_pattern()})\s+"
                    r"(?:\w+\s+){0,4}?(?:countr(?:y|ies)|states?|nations?)\b"
                    r"(?:\s+\w+){0,4}\s+to\s+$", text[max(s.start, t_start - 80):t_start], re.I):
                continue  # "encourages X to accede": not (yet) done; "the first country to accede" is done
            passive = form == "verb" and _PASSIVE.search(text[max(s.start, t_start - 20):t_start])
            is_treaty = lambda r: (r.kind or "") in ctx.lexicon.treaty_kinds or bool(  # noqa: E731
                ctx.entity(r.key) and ctx.entity(r.key).from_registry)  # type: ignore[union-attr]
            if passive:  # "The Convention was ratified by X": the instrument is the subject
                instruments = _outermost([r for r in ctx.refs_between(s.start, t_start, ("Instrument",))])
                instruments = [r for r in instruments if is_treaty(r)][-1:]
            else:  # "the Optional Protocol to the Convention on the Rights of the Child": one instrument, not two
                instruments = [r for r in _outermost(ctx.refs_between(t_end, clause_end, ("Instrument",)))
                               if is_treaty(r)]
                if instruments:  # "signed X and deposited its instrument of ratification for Y": Y is not signed
                    stop = re.search(r"\band\s+(?:has\s+|have\s+|also\s+|then\s+)?(?:deposited|ratified|signed|acceded"
                                     r"|joined|adopted|lodged|became)\b", text[instruments[0].end:clause_end])
                    if stop:
                        instruments = [r for r in instruments if r.start < instruments[0].end + stop.start()]
                if instruments and len(text[t_end:instruments[0].start].split()) > 25:
                    continue
            if not instruments:
                continue
            state, state_span = _party_subject(ctx, s, t_start, t_end, verb, form, clause_end)
            if state is None:
                continue
            before = text[max(s.start, min(state_span[0], t_start) - 40 if form == "noun" else state_span[1]):t_start]
            if _NOT_DONE.search(before) or re.search(r"\b(?:not|never)\b", text[t_start:t_start + 20], re.I):
                continue
            if form == "verb" and _GENERIC_SUBJECT.search(text[state_span[1]:t_start]):
                continue  # "Angola ... we appeal to all States that signed X": the subject is "States", not Angola
            action = _action_of(verb)
            if action == "signature" and re.match(r"\s*(?:into law|off|up|a |an )", text[t_end:t_end + 6]):
                continue
            dates = [d for d in ctx.free_dates(s.start, s.end)
                     if _nearest_trigger(d, [t_start] + other, triggers) == t_start
                     and not _names_or_targets(ctx, d)]
            date = _nearest(dates, t_start)
            if date is not None:
                ctx.consumed_dates.add(date.start)
            states = _co_subjects(ctx, s, state, state_span) if form == "verb" and not passive else [(state, state_span)]
            span_end = max([instruments[-1].end, state_span[1], t_end] + ([date.end] if date else []))
            span_start = min([states[0][1][0], t_start, instruments[0].start] + ([date.start] if date else []))
            evidence = ctx.evidence(span_start, span_end)
            for state_key, _ in states:
                for ref in _distinct(instruments):
                    out.append(TreatyAction(state_key, ref.key, action,  # type: ignore[arg-type]
                                            date.value if date else None, evidence, f"treaty.{form}"))
    out += _bilateral_parties(ctx)
    out += _relative_treaty_actions(ctx, out)
    out += _entry_into_force_for_states(ctx)
    out += _deposited_instruments(ctx, out)
    return out


_ADOPTED_AT_EVENT = re.compile(r"\b(?:adopted|agreed|issued)\s+(?:at|by|during)\s+(?:the\s+)?")
_RELATIVE_ACT = re.compile(
    r"\s*,?\s*(?:(?P<to>to)\s+)?which\s+(?P<subj>[\w' ]{2,40}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:also\s+|already\s+|just\s+|recently\s+|now\s+|since\s+)?"
    r"(?P<verb>ratified|signed|acceded|joined|(?:has\s+been|have\s+been|is|was|became|become)\s+(?:a\s+)?(?:State\s+)?"
    r"part(?:y|ies))\b")
_OWN_SUBJECT = re.compile(r"(?i)(?:we|my\s+country|our\s+country|my\s+Government|our\s+Government|the\s+Principality"
                          r"|the\s+Kingdom|the\s+Republic)")


def _relative_treaty_actions(ctx: DocContext, found: list[TreatyAction]) -> list[TreatyAction]:
    """'the Ottawa Convention, which Malta ratified earlier this year', 'the Convention, to which my country has been a
    party since 1 June 1995': the instrument comes first and the state acts in a relative clause."""
    out: list[TreatyAction] = []
    text = ctx.text
    have = {(f.state, f.instrument) for f in found}
    instruments = _outermost([r for r in ctx.refs if r.type == "Instrument" and r.key])
    for ref in instruments:
        entity = ctx.entity(ref.key)
        if not ((ref.kind or "") in ctx.lexicon.treaty_kinds or (entity is not None and entity.from_registry)):
            continue
        m = _RELATIVE_ACT.match(text, ref.end, min(len(text), ref.end + 120))
        if m is None:
            continue
        verb = m.group("verb")
        party = "part" in verb
        if bool(m.group("to")) != (party or verb == "acceded"):
            continue  # "to which X acceded / is a party"; "which X ratified"
        subj_start, subj_end = m.start("subj"), m.end("subj")
        state_ref = next((r for r in ctx.refs_between(subj_start, subj_end, ("State", "Agency"))
                          if r.start == subj_start and r.end == subj_end), None)
        state = ctx.state_of(state_ref) if state_ref is not None else None
        if state is None and ctx.document.author_state and _OWN_SUBJECT.fullmatch(m.group("subj")):
            state = ctx.mentions.main_state
        if state is None or (state, ref.key) in have:
            continue
        s = ctx.sentence_of(ref.start)
        clause = re.search(r"[,;.]|\band\b|$", text[m.end():s.end])
        clause_end = m.end() + (clause.start() if clause else 0)
        dates = [d for d in ctx.free_dates(m.end(), clause_end) if not _names_or_targets(ctx, d)]
        date = dates[0] if dates else None
        if date is not None:
            ctx.consumed_dates.add(date.start)
        action = "party" if party else _action_of(verb)
        have.add((state, ref.key))
        out.append(TreatyAction(state, ref.key, action, date.value if date else None,  # type: ignore[arg-type]
                                ctx.evidence(ref.start, date.end if date else m.end()), "treaty.relative"))
    return out


_DEPOSITED = re.compile(r"\b(?P<owner>(?i:our|my\s+country['\u2019]s|its)|[A-Z][\w ]{2,40}?['\u2019]s)\s+instruments?\s+of\s+"
                        r"(?P<what>accession|ratification)\s+(?:to|of)\s+(?:the\s+)?")


def _deposited_instruments(ctx: DocContext, found: list[TreatyAction]) -> list[TreatyAction]:
    """'Our instrument of accession to the X was deposited on 30 April 1999': the owner's act, in the passive."""
    out: list[TreatyAction] = []
    text = ctx.text
    done = {(f.state, f.instrument) for f in found}
    for s in ctx.sentences:
        for m in _DEPOSITED.finditer(text, s.start, s.end):
            instrument = next((r for r in _outermost(ctx.refs_between(m.end(), s.end, ("Instrument",)))
                               if r.start == m.end()), None)
            verb = re.match(r"\s*,?\s*(?:(?:which|that)\s+)?(?:was|were|has\s+been|have\s+been)\s+(?:duly\s+)?"
                            r"(?:deposited|lodged|submitted|handed\s+over)\b", text[instrument.end:s.end]) \
                if instrument else None
            if instrument is None or verb is None or _NOT_DONE.search(text[max(s.start, m.start() - 30):m.start()]):
                continue
            owner = m.group("owner")
            if owner.lower().startswith(("our", "my")):
                state = ctx.mentions.main_state
            elif owner.lower() == "its":
                prior = [r for r in ctx.refs_between(s.start, m.start(), ("State", "Agency")) if ctx.state_of(r)]
                state = ctx.state_of(prior[-1]) if prior else None
            else:
                named = ctx.refs_between(m.start(), m.start() + len(owner), ("State", "Agency"))
                state = ctx.state_of(named[0]) if named else None
            if state is None or (state, instrument.key) in done:
                continue
            v_end = instrument.end + verb.end()
            date = next((d for d in ctx.free_dates(v_end, s.end) if re.fullmatch(r"\s*(?:on|in)?\s*",
                                                                                  text[v_end:d.start])), None)
            hi = max(v_end, date.end if date else 0)
            out.append(TreatyAction(state, instrument.key, m.group("what").lower(),  # type: ignore[arg-type]
                                    date.value if date else None, ctx.evidence(m.start(), hi), "treaty.deposited"))
    return out


_GENERIC_SUBJECT = re.compile(
    r"\b(?:States|countries|nations|Governments|Members|parties|those|others)\s+(?:that|which|who)\s+"
    r"(?:(?:have|has|had|already|also|not|yet)\s+)*$", re.I)


def _names_or_targets(ctx: DocContext, d: DateMention) -> bool:
    """A year that names an instrument ('the 1997 International Convention ...') or a target ('by 2015')."""
    text = ctx.text
    if d.value.precision == "year" and any(r.type == "Instrument" and r.start > d.end and
                                           re.fullmatch(r"\s*", text[d.end:r.start]) for r in ctx.refs):
        return True
    return bool(re.search(r"\b(?:by|until|till|before|to)\s+(?:the\s+(?:end|middle)\s+of\s+)?$",
                          text[max(0, d.start - 24):d.start], re.I))


def _outermost(refs: list[Ref]) -> list[Ref]:
    """Drop references nested inside another one of the list (a convention named inside its protocol's name)."""
    return [r for r in refs if not any(o is not r and o.start <= r.start and r.end <= o.end and
                                       (o.end - o.start) > (r.end - r.start) for o in refs)]


def _nearest_trigger(d: DateMention, own: list[int], triggers: list[tuple[int, int, str, str]]) -> int:
    positions = sorted(set(own + [t[0] for t in triggers]))
    return min(positions, key=lambda p: (abs(d.start - p), p))


def _distinct(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.key not in seen:
            seen.add(r.key)
            out.append(r)
    return out


def _party_subject(ctx: DocContext, s: Sentence, t_start: int, t_end: int, verb: str, form: str,
                   clause_end: int) -> tuple[str | None, tuple[int, int]]:
    text = ctx.text
    if form == "noun":
        # "Kazakhstan's accession to", "accession of/by the Government of X to", "X's ratification of"
        after = ctx.refs_between(t_end, min(t_end + 60, clause_end), ("State", "Agency"))
        if after and re.match(r"\s*(?:by|of)\s+(?:the\s+)?$", text[t_end:after[0].start]):
            state = ctx.state_of(after[0])
            if state:
                return state, after[0].span
        before = [r for r in ctx.refs_between(s.start, t_start, ("State", "Agency")) if t_start - r.end <= 4]
        if before and ctx.state_of(before[-1]):
            return ctx.state_of(before[-1]), before[-1].span
        return None, (0, 0)
    passive = _PASSIVE.search(text[max(s.start, t_start - 20):t_start])
    if passive:
        by = re.match(r"[^.;]*?\bby\s+(?:the\s+)?", text[t_end:clause_end])
        if by:
            cands = ctx.refs_between(t_end + by.end(), clause_end, ("State", "Agency"))
            if cands and ctx.state_of(cands[0]):
                return ctx.state_of(cands[0]), cands[0].span
        return None, (0, 0)
    clause_start = s.start
    relative = None
    for m in re.finditer(r"[;:]|,\s*(?:which|who)\b", text[s.start:t_start]):
        clause_start = s.start + m.end()
        relative = m
    subjects = [r for r in ctx.refs_between(clause_start, t_start, ("State", "Agency")) if ctx.state_of(r)]
    if not subjects and relative is not None and relative.group().lstrip(",; ").startswith(("which", "who")):
        # "Kyrgyzstan, which acceded to ... in 1996, ...": the relative pronoun stands for the state before it
        head = [r for r in ctx.refs_between(s.start, s.start + relative.start(), ("State", "Agency"))
                if ctx.state_of(r) and re.fullmatch(r"\s*", text[r.end:s.start + relative.start()])]
        if head:
            return ctx.state_of(head[-1]), head[-1].span
    if subjects:
        # the subject is the last state before the verb that is not inside a prepositional phrase of another noun
        subj = subjects[-1]
        for cand in reversed(subjects):
            prefix = text[max(clause_start, cand.start - 12):cand.start].lower()
            if not re.search(r"\b(?:with|to|from|of|for|between|among|by)\s+(?:the\s+)?$", prefix) or \
                    prefix.rstrip().endswith("government of the") or prefix.rstrip().endswith("of the"):
                subj = cand
                break
        return ctx.state_of(subj), subj.span
    pronoun = None
    for m in _STATE_PRONOUN.finditer(text, clause_start, t_start):
        pronoun = m
    if pronoun and ctx.mentions.main_state:
        return ctx.mentions.main_state, pronoun.span()
    return None, (0, 0)


def _co_subjects(ctx: DocContext, s: Sentence, state: str, span: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    """'Kazakhstan, Kyrgyzstan and Tajikistan are parties to ...': every state of a coordinated subject."""
    found = [(state, span)]
    cursor = span[0]
    for ref in reversed(ctx.refs_between(s.start, span[0], ("State", "Agency"))):
        if ref.end > cursor or not ctx.state_of(ref):
            continue
        if not _gap_is_list(ctx.text[ref.end:cursor]) or not ctx.text[ref.end:cursor].strip():
            break
        found.insert(0, (ctx.state_of(ref), ref.span))  # type: ignore[arg-type]
        cursor = ref.start
    seen: set[str] = set()
    return [(k, sp) for k, sp in found if not (k in seen or seen.add(k))]  # type: ignore[func-returns-value]


def _bilateral_parties(ctx: DocContext) -> list[TreatyAction]:
    """'Agreement ... between the Government of X and Y': X is a party by the agreement's very title."""
    out: list[TreatyAction] = []
    seen: set[str] = set()
    for ref in ctx.refs:
        entity = ctx.entity(ref.key)
        if ref.type != "Instrument" or entity is None or ref.key in seen or " between " not in entity.label:
            continue
        inner = [r for r in ctx.refs if ref.start <= r.start and r.end <= ref.end and r is not ref]
        states = _keys([r for r in inner if ctx.state_of(r)])
        parties = {ctx.state_of(r) for r in inner if ctx.state_of(r)}
        if not states or len(parties) + len([r for r in inner if r.type == "Agency" and not ctx.state_of(r)]) < 2:
            continue  # "Agreement ... between the Government": the name is cut, the other party unknown
        seen.add(ref.key)
        evidence = ctx.evidence(ref.start, ref.end)
        for state in sorted(p for p in parties if p):
            out.append(TreatyAction(state, ref.key, "party", None, evidence, "treaty.bilateral_title"))
    return out


# -- instrument dates -----------------------------------------------------------------------------------------
def instrument_dates(ctx: DocContext) -> list[InstrumentDate]:
    out: list[InstrumentDate] = []
    text = ctx.text
    # legal citation: 'the Law "On Population Migration" of 22 July 2011', 'Decree No. 123 dated 5 May 2020'
    for ref in ctx.refs:
        if ref.type != "Instrument" or not ref.key or ref.kind not in ("law", "policy", "plan", "resolution"):
            continue
        cite = re.match(r",?\s*(?:No\.?\s*[\w/-]+\s+)?(?:of|dated|from)\s+", text[ref.end:ref.end + 30])
        date = next((d for d in ctx.dates if cite and d.start == ref.end + cite.end()
                     and d.value.precision == "day"), None)
        if date is not None:
            ctx.consumed_dates.add(date.start)
            out.append(InstrumentDate(ref.key, "adopted", date.value, ctx.evidence(ref.start, date.end),
                                      "instrument_date.citation"))
    # nominal forms: "the adoption of the Global Compact on Refugees in 2018", "entry into force of X on ..."
    for m in re.finditer(r"\b(?P<noun>adoption|entry\s+into\s+force|signing|signature)\s+of\s+(?:the\s+)?", text, re.I):
        ref = next((r for r in ctx.refs if r.type == "Instrument" and r.key and r.start == m.end()), None)
        if ref is None or _NOT_DONE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        date = next((d for d in ctx.dates if 0 < d.start - ref.end <= 6 and d.kind != "now"
                     and re.fullmatch(r",?\s+(?:in|on)\s+", text[ref.end:d.start])), None)
        if date is None:
            continue
        what = {"adoption": "adopted", "signing": "signed", "signature": "signed"}.get(m.group("noun").lower(),
                                                                                     "entered_into_force")
        ctx.consumed_dates.add(date.start)
        out.append(InstrumentDate(ref.key, what, date.value, ctx.evidence(m.start(), date.end),  # type: ignore[arg-type]
                                  "instrument_date.nominal"))
    out += _nominal_by_dates(ctx)
    for s in ctx.sentences:
        sentence = text[s.start:s.end]
        triggers = list(_INSTRUMENT_DATE_VERB.finditer(sentence))
        if not triggers:
            continue
        party = [s.start + m.start("verb") for m in _PARTY_VERB.finditer(sentence)]
        positions = [s.start + m.start() for m in triggers]
        for m in triggers:
            t_start, t_end = s.start + m.start(), s.start + m.end()
            what = "adopted" if m.group("adopted") else (
                "signed" if m.group("signed") or m.group("signed2") else "entered_into_force")
            instrument = _instrument_for(ctx, s, t_start, t_end, what)
            if instrument is None:
                continue
            if what == "entered_into_force" and _force_for_state(ctx, t_end) is not None:
                continue  # "entered into force for Kazakhstan": the state's own date, read by treaty_actions
            dates = [d for d in ctx.free_dates(s.start, s.end)
                     if min(positions + party, key=lambda p: (abs(d.start - p), p)) == t_start
                     and not _is_duration(text, d)]
            dates = [d for d in dates if not (d.end <= instrument.start and re.search(
                r"\band\b|;", text[d.end:instrument.start]))]  # "1990 is ending and the Programme, adopted": no date
            date = next((d for d in dates if d.start >= t_end and
                         re.fullmatch(r"\s*(?:on|in|of)?\s*", text[t_end:d.start])), None) or \
                _nearest(dates, t_start)  # "adopted on 25 August" beats a date before the name
            if date is None:
                continue
            ctx.consumed_dates.add(date.start)
            lo = min(instrument.start, t_start, date.start)
            hi = max(instrument.end, t_end, date.end)
            out.append(InstrumentDate(instrument.key, what, date.value, ctx.evidence(lo, hi),  # type: ignore[arg-type]
                                      "instrument_date.verb"))
    return out + _resolution_years(ctx, out)


def _nominal_by_dates(ctx: DocContext) -> list[InstrumentDate]:
    """'The adoption by the African Union last year of the Convention for ...': the act's agent and date stand
    between the noun and the instrument."""
    out: list[InstrumentDate] = []
    text = ctx.text
    for m in re.finditer(r"\b(?P<noun>adoption|signing|signature)\s+by\s+(?:the\s+)?", text, re.I):
        agent = next((r for r in ctx.refs if r.type in ("Agency", "State") and r.key and r.start == m.end()), None)
        if agent is None or _NOT_DONE.search(text[max(0, m.start() - 30):m.start()]):
            continue
        date = next((d for d in ctx.dates if 0 < d.start - agent.end <= 6 and d.kind != "now"
                     and re.fullmatch(r",?\s+(?:(?:in|on)\s+)?", text[agent.end:d.start])), None)
        pos = date.end if date is not None else agent.end
        of = re.match(r"\s+of\s+(?:the\s+)?", text[pos:pos + 10])
        if of is None:
            continue
        ref = next((r for r in ctx.refs if r.type == "Instrument" and r.key and r.start == pos + of.end()), None)
        if ref is None:
            continue
        if date is None:
            date = next((d for d in ctx.dates if 0 < d.start - ref.end <= 6 and d.kind != "now"
                         and re.fullmatch(r",?\s+(?:in|on)\s+", text[ref.end:d.start])), None)
        if date is None:
            continue
        what = "adopted" if m.group("noun").lower() == "adoption" else "signed"
        ctx.consumed_dates.add(date.start)
        out.append(InstrumentDate(ref.key, what, date.value,  # type: ignore[arg-type]
                                  ctx.evidence(m.start(), max(ref.end, date.end)), "instrument_date.nominal_by"))
    return out


def _resolution_years(ctx: DocContext, found: list[InstrumentDate]) -> list[InstrumentDate]:
    """'Security Council resolution 1208 (1998)': the year in the citation is the year of adoption."""
    out: list[InstrumentDate] = []
    dated = {f.instrument for f in found if f.what == "adopted"}
    for ref in ctx.refs:
        entity = ctx.entity(ref.key) if ref.type == "Instrument" and ref.kind == "resolution" else None
        year = re.search(r"\((\d{4})\)$", entity.label) if entity else None
        if year is None or ref.key in dated or ref.via != "pattern":
            continue
        s = ctx.sentence_of(ref.start)
        if not re.search(r"\b(?:adopted|adoption|adopting|passed|unanimously)\b", ctx.text[s.start:s.end]):
            continue  # a citation in passing: the year is sure, but only a sentence about adopting it states it
        dated.add(ref.key)
        out.append(InstrumentDate(ref.key, "adopted", DateValue(year.group(1)), ctx.evidence(ref.start, ref.end),
                                  "instrument_date.resolution_citation"))
    return out


_FOR_STATE = re.compile(r"\s+(?:with\s+respect\s+to|for|in\s+respect\s+of)\s+(?:the\s+)?")


def _force_for_state(ctx: DocContext, pos: int) -> Ref | None:
    """'... entered into force for Kazakhstan': a state's own entry into force, not the treaty's."""
    return next((r for r in ctx.refs_between(pos, pos + 40) if ctx.state_of(r) and
                 _FOR_STATE.fullmatch(ctx.text[pos:r.start])), None)


def _entry_into_force_for_states(ctx: DocContext) -> list[TreatyAction]:
    out: list[TreatyAction] = []
    for s in ctx.sentences:
        for m in _INSTRUMENT_DATE_VERB.finditer(ctx.text, s.start, s.end):
            if not m.group("force"):
                continue
            state = _force_for_state(ctx, m.end())
            instrument = _instrument_for(ctx, s, m.start(), m.end(), "entered_into_force") if state else None
            if state is None or instrument is None:
                continue
            date = _nearest([d for d in ctx.free_dates(s.start, s.end) if not _is_duration(ctx.text, d)], m.end())
            if date is not None:
                ctx.consumed_dates.add(date.start)
            hi = max(state.end, date.end if date else 0)
            out.append(TreatyAction(ctx.state_of(state), instrument.key, "party",  # type: ignore[arg-type]
                                    date.value if date else None, ctx.evidence(min(instrument.start, m.start()), hi),
                                    "treaty.force_for_state"))
    return out


def _is_duration(text: str, d: DateMention) -> bool:
    return bool(re.search(r"\b(?:since|for|over|during|in)\s+the\s+(?:last|past)\s*$", text[max(0, d.start - 20):d.start]))


def _instrument_for(ctx: DocContext, s: Sentence, t_start: int, t_end: int, what: str) -> Ref | None:
    text = ctx.text
    passive = bool(_PASSIVE.search(text[max(s.start, t_start - 16):t_start])) or what == "entered_into_force" or \
        any(r.type == "Instrument" and 0 <= t_start - r.end <= 3 for r in ctx.refs)  # 'the Law "On X" adopted on'

    clause_start = s.start
    for m in re.finditer(r"[;]|\band\b(?=\s+(?:has\s+)?\w+ed\b)", text[s.start:t_start]):
        clause_start = s.start + m.end()
    before = [r for r in ctx.refs_between(clause_start, t_start, ("Instrument",))]
    after = [r for r in ctx.refs_between(t_end, s.end, ("Instrument",))]
    if passive:
        # "the Law ... that was passed in 2010", "a law on refugees (entered into force in 2010)"
        if before and t_start - before[-1].end <= 80:
            return before[-1]
        if after and after[0].start - t_end <= 40:  # "a new law was passed titled 'On migration'"
            return after[0]
        return None
    if after and len(text[t_end:after[0].start].split()) <= 4:
        return after[0]
    return None


# -- events ---------------------------------------------------------------------------------------------------
@dataclass
class _EventCandidate:
    event: str
    start: DateValue | None
    end: DateValue | None
    place: str | None
    score: tuple[int, ...]
    span: tuple[int, int]
    from_dateline: bool = False


def event_details(ctx: DocContext) -> list[EventDetails]:
    candidates: dict[str, list[_EventCandidate]] = {}
    text = ctx.text
    dateline = _dateline(ctx)
    for s in ctx.sentences:
        event_refs = [r for r in ctx.refs_between(s.start, s.end, ("Event",))]
        if not event_refs:
            continue
        dates = [d for d in ctx.free_dates(s.start, s.end) if d.start not in ctx.consumed_dates
                 and not _is_duration(text, d)]
        held = _HELD_VERB.search(text, s.start, s.end)
        held_by = {}  # "A was held in X on <date> during B": the date is A's, however close B is
        for ref in event_refs:
            for d in dates:
                if d.start >= ref.end and _HELD_AFTER.match(text[ref.end:d.start]):
                    held_by.setdefault(d.start, ref.key)
        for ref in event_refs:
            if _series_without_occurrence(ctx, ref):
                continue
            others = [r for r in event_refs if r.key != ref.key]
            mine = [d for d in dates if held_by.get(d.start, ref.key) == ref.key and
                    (d.start in held_by or all(_dist(d, ref) <= _dist(d, o) for o in others))
                    and not _date_blocked(ctx, d, ref)]
            date = _nearest(mine, ref.end)
            if date is not None and _dist(date, ref) > 120:
                date = None
            place, place_span = _event_place(ctx, s, ref, others)
            start_v = date.value if date else None
            end_v = date.end_value if date else None
            from_dateline = False
            if date is None and place is None and dateline and ref.start < dateline[3] and (
                    ref.key not in ctx.mentions.book.owners or ref.key in ctx.mentions.book.current):
                start_v, end_v, place = dateline[0], dateline[1], dateline[2]
                place_span = (dateline[3], dateline[3])
                from_dateline = True
            if start_v is None and place is None:
                continue
            lo = min([ref.start] + ([date.start] if date else []) + ([place_span[0]] if place else []))
            hi = max([ref.end] + ([date.end] if date else []) + ([place_span[1]] if place else []))
            if dateline and date is None and start_v is not None:
                lo, hi = min(lo, dateline[3]), max(hi, dateline[4])
            score = (1 if held else 0, 1 if start_v else 0, 1 if place else 0,
                     {"day": 3, "month": 2, "year": 1}.get(start_v.precision if start_v else "", 0))
            candidates.setdefault(ref.key, []).append(
                _EventCandidate(ref.key, start_v, end_v, place, score, (lo, hi), from_dateline))
    explicit = {k for k, cands in candidates.items() if any(not c.from_dateline for c in cands)}
    out: list[EventDetails] = []
    for key, cands in candidates.items():
        if key not in explicit and any(_similar_event(ctx, key, other) for other in explicit):
            continue  # a headline's name for an event the body dates itself
        best = max(cands, key=lambda c: c.score)
        place = best.place or next((c.place for c in cands if c.place and
                                    (c.start is None or best.start is None or c.start.compatible(best.start))), None)
        out.append(EventDetails(key, best.start, best.end, place, ctx.evidence(*best.span),
                                "event.dateline" if best.from_dateline else "event.details"))
    return _current_sessions(ctx, out)


def _current_sessions(ctx: DocContext, details: list[EventDetails]) -> list[EventDetails]:
    """The document's own session ('this session of the General Assembly') took place in the document's year."""
    doc_date = ctx.document.date
    if doc_date is None:
        return details
    year = DateValue(doc_date.iso[:4])
    out = [d for d in details if d.event not in ctx.mentions.book.current or (d.start and d.start.compatible(year))]
    have = {d.event for d in out}
    for key in sorted(ctx.mentions.book.current - have):
        ref = next((r for r in ctx.refs if r.key == key and r.via == "pattern"), None)
        if ref is not None:
            out.append(EventDetails(key, year, None, None, ctx.evidence(ref.start, ref.end), "event.current_session"))
    return out


def _series_without_occurrence(ctx: DocContext, ref: Ref) -> bool:
    """'the Conference of the Parties', 'the Review Conference': every occurrence bears the name; without an ordinal
    or a year that says which one, a date or place would be pinned on all of them."""
    entity = ctx.entity(ref.key)
    if entity is None:
        return False
    label = entity.label
    if not any(label == series or label.startswith(series + " of ") or label.startswith(series + " to ")
               for series in ctx.lexicon.recurring_series):
        return False
    # "the twenty-second session of the Conference of the Parties", "the 2010 Review Conference": the text names
    # one occurrence, but the node is the series' name, so the occurrence's date and place would land on all of them
    return not re.search(rf"\b(?:19|20)\d\d\b|{ctx.lexicon.ordinal_pattern()}", label, re.I)


def _date_blocked(ctx: DocContext, d: DateMention, ref: Ref) -> bool:
    """'1998 marks the anniversary of X', 'the outcome of X in 1999', 'declaring the year 2000': not X's date."""
    if d.end <= ref.start and _phrase_in(ctx.lexicon.event_date_blockers, ctx.text[d.end:ref.start]):
        return True
    lo, hi = (d.end, ref.start) if d.end <= ref.start else (ref.end, d.start)
    if ";" in ctx.text[lo:hi] or any(r.type in ("Event", "Instrument") and r.key != ref.key and lo <= r.start
                                     and r.end <= hi for r in ctx.refs):
        return True  # "X Summit; ... the Goals in 2000": the date belongs to what sits between
    return d.value.precision == "year" and d.end <= ref.start and any(
        r.type == "Instrument" and r.start >= d.end and re.fullmatch(r"\s*", ctx.text[d.end:r.start]) for r in ctx.refs)


_HELD_AFTER = re.compile(r"\s*(?:,[^,.;]{0,80},\s*)?(?:was|were|will\s+be|is|has\s+been)?\s*(?:held|took\s+place"
                         r"|convened|organi[sz]ed|opened)\b[^.;]{0,60}?\b(?:on|in|from)\s+$")


def _similar_event(ctx: DocContext, a: str, b: str) -> bool:
    from ..coref import similarity  # local: coref imports evaluate, which is heavier than the rules need
    ea, eb = ctx.entity(a), ctx.entity(b)
    return bool(ea and eb and similarity(ea.label, eb.label) >= 0.6)


def _dist(d: DateMention, ref: Ref) -> int:
    if d.start >= ref.end:
        return d.start - ref.end
    if d.end <= ref.start:
        return ref.start - d.end
    return 0


def _dateline(ctx: DocContext) -> tuple[DateValue, DateValue | None, str | None, int, int] | None:
    """The header's 'City   1 November 2011' line: date and place of the event the header names."""
    doc_date = ctx.document.date
    if doc_date is None:
        return None
    for d in ctx.dates:
        if d.start > 1500:
            break
        if d.value == doc_date or (d.value.covers(doc_date) or doc_date.covers(d.value)):
            line_start = ctx.text.rfind("\n", 0, d.start) + 1
            line_end = ctx.text.find("\n", d.end)
            if len(ctx.text[line_start:line_end if line_end >= 0 else len(ctx.text)].split()) > 12:
                continue  # a date inside running text is no dateline
            cities = [r for r in ctx.refs_between(line_start, d.start, ("Place",)) if r.kind == "city"]
            place = cities[-1].key if cities else None
            start = cities[-1].start if cities else d.start
            return d.value, d.end_value, place, start, d.end
    return None


def _event_place(ctx: DocContext, s: Sentence, ref: Ref, others: list[Ref]) -> tuple[str | None, tuple[int, int]]:
    text = ctx.text
    best: tuple[int, Ref] | None = None
    for place in ctx.refs_between(s.start, s.end, ("Place",)):
        if place.kind != "city":
            continue
        if ref.start <= place.start and place.end <= ref.end and not (
                place.end == ref.end and re.search(r"\bin\s+$", text[place.start - 4:place.start])):
            continue  # a city inside the name is its venue only as the name's final "in <City>"
        before = text[max(s.start, place.start - 4):place.start]
        after = text[place.end:place.end + 10]
        cue = re.search(r"\b(?:in|at)\s+$", before) or re.search(r"\(\s*$", before) or \
            re.match(r"\s+(?:hosted|was the venue|welcomed)", after)
        if not cue:
            continue
        gap = text[place.end:ref.start] if place.end <= ref.start else text[ref.end:place.start]
        if (place.start >= ref.end and re.search(r"\band\b|\b(?:that|those|ones?)\s+held\b", gap)) or (
                place.end <= ref.start and (
                re.search(r"[,;]", gap) or len(gap.split()) > 6)):
            continue  # "the Summit ... and more recently in Doha", "all summits, including that held in Doha"
        if place.end <= ref.start and re.search(r"[,;]|^\s*and\b", text[place.end:ref.start]):
            continue  # "Vienna, the International Conference on X in Cairo", "Beijing, and the World Summit": another's
        distance = place.start - ref.end if place.start >= ref.end else ref.start - place.end
        if any((o.end <= place.start and o.start > ref.end) for o in others):
            continue  # another event sits between: the place is that one's
        if distance > 150:
            continue
        if best is None or distance < best[0]:
            best = (distance, place)
    if best is None:
        return None, (0, 0)
    return best[1].key, best[1].span


# -- organisers, participants, adopted instruments --------------------------------------------------------------
def _event_before(ctx: DocContext, pos: int, sentence: Sentence) -> Ref | None:
    refs = [r for r in ctx.refs if r.type == "Event" and r.key and r.end <= pos]
    if not refs:
        return None
    last = refs[-1]
    if last.start >= sentence.start:
        return last
    # an event named in an earlier sentence is the topic only when it is the last one mentioned
    previous = [s for s in ctx.sentences if s.end <= sentence.start][-2:]
    return last if previous and last.start >= previous[0].start else None


def _event_after(ctx: DocContext, pos: int, limit: int) -> Ref | None:
    return next((r for r in ctx.refs if r.type == "Event" and r.key and pos <= r.start < limit), None)


def event_roles(ctx: DocContext) -> list[EventRole]:
    out: list[EventRole] = []
    text = ctx.text
    seen: set[tuple[str, str, str]] = set()

    def add(event: str, role: str, value: str, lo: int, hi: int, qualifier: str | None = None, *, rule: str) -> None:
        if not event or not value or event == value or (event, role, value) in seen:
            return
        seen.add((event, role, value))
        out.append(EventRole(event, role, value, ctx.evidence(lo, hi), qualifier, rule))  # type: ignore[arg-type]

    # the body whose numbered session it is: "the General Assembly at its fifty-fourth session"
    for ref in ctx.refs:
        owner = ctx.mentions.book.owners.get(ref.key) if ref.type == "Event" and ref.via == "pattern" else None
        if owner:
            add(ref.key, "organised_by", owner, ref.start, ref.end, rule="organiser.session_of")
    # organisers named inside the event's own name: "OSCE Summit", "100th session of the IOM Council"
    for ref in ctx.refs:
        if ref.type != "Event" or not ref.key or ref.via != "pattern" and ref.via != "name":
            continue
        inner = [r for r in ctx.refs_between(ref.start, ref.end, ("Agency", "State")) if r is not ref]
        prefix_start = ref.start
        joint = re.search(r"\bjoint\s+$", text[max(0, ref.start - 40):ref.start])
        if joint or re.search(r"(?:[A-Z]{2,}|and)\s+$", text[max(0, ref.start - 30):ref.start]):
            run = [r for r in ctx.refs_between(max(0, ref.start - 60), ref.start, ("Agency", "State"))]
            run = [r for r in run if not any(o is not r and o.start <= r.start and r.end <= o.end
                                             for o in ctx.refs_between(max(0, ref.start - 60), ref.start))]
            run = [r for r in run if _gap_is_list(text[r.end:ref.start]) or
                   re.fullmatch(r"[\s,]*(?:and\s+[A-Z]+\s*)?", text[r.end:ref.start])]
            inner = run + inner
            prefix_start = min([prefix_start] + [r.start for r in run])
        for r in inner:
            before = text[max(ref.start, r.start - 4):r.start]
            if re.search(r"\bin\s+(?:the\s+)?$", before) or re.search(r"\bin\s+$", text[max(0, r.start - 8):r.start]):
                continue  # "Roundtable on X in Kazakhstan": topic or venue, not organiser
            if r.type == "State" and ctx.entity(ref.key) and " of " not in text[ref.start:r.start] and \
                    r.start >= ref.start:
                continue  # "Sudan Partnership Conference", "Paris Conference": topic or venue, not the host
            if ref.start <= r.start and any(i.type == "Instrument" and i.start <= r.start and r.end <= i.end
                                            for i in ctx.refs_between(ref.start, ref.end, ("Instrument",))):
                continue  # "Conference of the Parties to the United Nations Framework Convention ...": a treaty's name
            if ref.start < r.start and re.search(r"\b(?:on|for|against|about|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                                                 text[ref.start:r.start]):
                continue  # "Summit on United Nations Reform": the topic
            entity = ctx.entity(r.key)
            if entity is not None and entity.label in ctx.lexicon.brand_not_organiser and r.start >= ref.start:
                continue  # "United Nations Conference on Trade and Development": the series' name, not who convened it
            add(ref.key, "organised_by", r.key, prefix_start, ref.end, rule="organiser.in_name")

    for s in ctx.sentences:
        sentence = text[s.start:s.end]
        # "organised by A and B", "hosted by A"
        for m in _ORGANISED_BY.finditer(sentence):
            t_end = s.start + m.end()
            event = _event_before(ctx, s.start + m.start(), s)
            if event is None:
                continue
            for r in _ref_list(ctx, t_end, s.end, ("Agency", "State")):
                add(event.key, "organised_by", r.key, event.start if event.start >= s.start else s.start + m.start(),
                    r.end, "cosponsor" if m.group("co") else None, rule="organiser.by")
        for m in _SUPPORT.finditer(sentence):
            event = _event_before(ctx, s.start + m.start(), s)
            if event is None:
                continue
            for r in _ref_list(ctx, s.start + m.end(), s.end, ("Agency", "State")):
                add(event.key, "organised_by", r.key, s.start + m.start(), r.end, "support", rule="organiser.support")
        for m in _COSPONSORS.finditer(sentence):
            event = _event_before(ctx, s.start + m.end(), s) or _event_before(ctx, s.start + m.end(),
                                                                               ctx.sentence_of(s.start))
            # "the cosponsors of the Conference: A, B" -- the anaphor itself is a ref to the event
            inner = ctx.refs_between(s.start + m.start(), s.start + m.end(), ("Event",))
            if inner:
                event = inner[-1]
            if event is None:
                continue
            for r in _ref_list(ctx, s.start + m.end(), s.end, ("Agency", "State")):
                add(event.key, "organised_by", r.key, s.start + m.start(), r.end, "cosponsor",
                    rule="organiser.cosponsors")
        # "A and B conducted a roundtable", "The United Nations convened such a meeting"
        for m in _ACTIVE_ORGANISE.finditer(sentence):
            event = _event_after(ctx, s.start + m.start(), s.start + m.end() + 60)
            if event is None:
                continue
            subjects = _subjects_before(ctx, s, s.start + m.start(), ("Agency", "State"))
            for r in subjects:
                add(event.key, "organised_by", r.key, r.start, event.end, rule="organiser.active")
        # participants
        for m in _PARTICIPATE.finditer(sentence):
            t_start, t_end = s.start + m.start(), s.start + m.end()
            event = _event_after(ctx, t_end, t_end + 40)
            if event is None and (re.match(r"\s*(?:the|this|that)\s+(?:event|work)", text[t_end:t_end + 20]) or
                                  re.fullmatch(r"[\s.;!]*(?:in\s+it[\s.;!]*)?", text[t_end:s.end])):
                event = _event_before(ctx, t_start, s)  # "... took part." / "attended the event"
            if event is None:
                continue
            if re.search(r"\bto\s+$", text[max(s.start, t_start - 4):t_start]):
                continue  # "the invitation to take part in": no one is said to have taken part
            subjects = _subjects_before(ctx, s, t_start, ("State", "Agency", "Person"))
            if not subjects and re.match(r"(?i)participating", m.group()):
                person = _last_person_before(ctx, s.start)
                if person is not None:
                    add(event.key, "participant", person.key, t_start, event.end, rule="participant.took_part")
                continue
            for r in subjects:
                add(event.key, "participant", r.key, r.start, event.end, rule="participant.took_part")
        for m in _IN_COOPERATION.finditer(sentence):  # "UNHCR, in cooperation with the Government, organized"
            organising = _ACTIVE_ORGANISE.search(sentence) or _ORGANISED_BY.search(sentence)
            if organising is None:
                continue
            event = _event_after(ctx, s.start + organising.start(), s.start + organising.end() + 60) or \
                _event_before(ctx, s.start + m.start(), s)
            if event is None:
                continue
            partners = _ref_list(ctx, s.start + m.end(), s.end, ("Agency", "State"))
            for r in partners:
                add(event.key, "organised_by", r.key, s.start + m.start(), r.end, rule="organiser.cooperation")
            lead = [r for r in ctx.refs_between(s.start, s.start + m.start(), ("Agency", "State"))
                    if re.fullmatch(r"\s*,?\s*", text[r.end:s.start + m.start()])]
            if lead and _ACTIVE_ORGANISE.search(sentence):
                add(event.key, "organised_by", lead[-1].key, lead[-1].start, event.end, rule="organiser.cooperation")
        for m in _BRINGING.finditer(sentence):
            event = _event_before(ctx, s.start + m.start(), s) or _event_after(ctx, s.start + m.end(), s.end)
            if event is None:
                continue
            for r in _ref_list(ctx, s.start + m.end(), s.end, ("State", "Agency")):
                add(event.key, "participant", r.key, s.start + m.start(), r.end, rule="participant.bringing")
        # "the Delegation of X at the Debate", "speech of President P at the Summit"
        for m in re.finditer(r"\bat\s+(?:the\s+)?", sentence):
            event = _event_after(ctx, s.start + m.end(), s.start + m.end() + 2)
            if event is None:
                continue
            near = [r for r in ctx.refs_between(s.start, s.start + m.start(), ("State", "Person"))
                    if re.fullmatch(r"[\s,)]*", text[r.end:s.start + m.start()])]
            for r in near:
                add(event.key, "participant", r.key, r.start, event.end, rule="participant.at")
            speech = None
            for sm in _SPEECH.finditer(text, max(0, s.start - 200), s.start + m.start()):
                speech = sm
            if speech is not None:
                speakers = ctx.refs_between(speech.end(), s.start + m.start(), ("Person",))
                if speakers:
                    add(event.key, "participant", speakers[0].key, speech.start(), event.end, rule="participant.speech")
        # "The conference adopted a Declaration", "Participating countries adopted the 'Almaty Declaration'"
        for m in _ADOPTED_AT.finditer(sentence):
            t_start, t_end = s.start + m.start(), s.start + m.end()
            if _PASSIVE.search(text[max(s.start, t_start - 16):t_start]):
                continue
            instrument = next((r for r in ctx.refs if r.type == "Instrument" and t_end <= r.start <= t_end + 12), None)
            if instrument is None:
                continue
            subject_text = text[s.start:t_start]
            event_subject = [r for r in ctx.refs_between(s.start, t_start, ("Event",))]
            if event_subject:
                event = event_subject[-1]
            elif _ADOPTERS.search(subject_text) and len(subject_text.split()) <= 6:
                event = _event_before(ctx, t_start, s)
            else:
                continue
            if event is None:
                continue
            key = instrument.key or _name_indefinite_declaration(ctx, instrument, event)
            add(event.key, "event_adopted", key, s.start if not event_subject else event_subject[-1].start,
                instrument.end, rule="adopted.verb")
    # "the Copenhagen Declaration and the Programme of Action adopted at the World Summit for Social Development"
    for m in _ADOPTED_AT_EVENT.finditer(text):
        event = next((r for r in ctx.refs if r.type == "Event" and r.key and r.start == m.end()), None)
        if event is None:
            continue
        s = ctx.sentence_of(m.start())
        before = [r for r in _outermost(ctx.refs_between(s.start, m.start(), ("Instrument",)))]
        if not before or not re.fullmatch(r"[\s,]*(?:(?:which|that)\s+)?(?:(?:was|were|had\s+been|has\s+been)\s+)?",
                                          text[before[-1].end:m.start()]):
            continue
        listed = [before[-1]]
        for r in reversed(before[:-1]):  # "the X and the Y adopted at": both
            if _gap_is_list(text[r.end:listed[-1].start]) or re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?",
                                                                           text[r.end:listed[-1].start]):
                listed.append(r)
            else:
                break
        for r in listed:
            add(event.key, "event_adopted", r.key, r.start, event.end, rule="adopted.passive_at")
    _speaker_at_own_session(ctx, add)
    # "Mr. X, President of the fifty-third session of the General Assembly": the president took part in that session
    for person, lo, hi in ctx.presidents:
        for ref in ctx.refs_between(lo, hi, ("Event",)):
            if ref.key not in ctx.mentions.book.current and ctx.mentions.book.owners.get(ref.key):
                add(ref.key, "participant", person, lo, hi, rule="participant.assembly_president")
    return out


def _speaker_at_own_session(ctx: DocContext, add: Callable[..., None]) -> None:
    """A state's statement delivered at 'this session' of a body: the speaker's state takes part in that session.

    Only with a known author state (metadata), and only for the session the text itself calls its own."""
    main = ctx.mentions.main_state
    if not ctx.document.author_state or main is None or ctx.entity(main) is None:
        return
    for key in sorted(ctx.mentions.book.current):
        ref = next((r for r in ctx.refs if r.key == key), None)
        if ref is not None:
            add(key, "participant", main, ref.start, ref.end, rule="participant.own_session")
    # "At the meeting of the Group of Twenty we focused on ...", "During the Summit, my delegation proposed ...":
    # the speaker's side acted at the event, so its state took part
    for s in ctx.sentences:
        lead = re.match(r"\s*(?:At|During)\s+(?:the\s+|this\s+year['\u2019]s\s+|last\s+year['\u2019]s\s+)?",
                        ctx.text[s.start:s.end])
        if lead is None:
            continue
        event = next((r for r in ctx.refs if r.type == "Event" and r.key and r.start == s.start + lead.end()), None)
        if event is None:
            continue
        who = re.match(r"(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?(?:\s+(?:last|this|in)\s+\w+)?[\s,]*"
                       r"(?:we|I|my\s+delegation|our\s+delegation|my\s+country|my\s+Government|our\s+Government)\b",
                       ctx.text[event.end:s.end])
        if who is not None:
            add(event.key, "participant", main, s.start + lead.start(), event.end + who.end(), rule="participant.we_at")


def _subjects_before(ctx: DocContext, s: Sentence, pos: int, types: tuple[str, ...]) -> list[Ref]:
    """The coordinated subject of a verb: the run of names ending just before it ("A and B conducted")."""
    clause_start = s.start
    for m in re.finditer(r"[;:]", ctx.text[s.start:pos]):
        clause_start = s.start + m.end()
    refs = [r for r in ctx.refs_between(clause_start, pos, types + ("Event", "Instrument", "Place"))]
    refs = [r for r in refs if not any(o is not r and o.start <= r.start and r.end <= o.end and
                                       (o.end - o.start) > (r.end - r.start) for o in refs)]  # outermost names only
    if not refs:
        return []
    # walk back from the verb over the subject phrase
    run: list[Ref] = []
    cursor = pos
    for ref in reversed(refs):
        gap = ctx.text[ref.end:cursor]
        if ref.type not in types:
            break
        if run and not (_gap_is_list(gap) or re.fullmatch(r"[\s,]*(?:the\s+)?[\w' -]{0,40}?(?:,|\band\b)\s*",
                                                                gap)):
            break
        if not run and len(gap.split()) > 6:
            # "Representatives of A, B took part": allow a longer tail after the last name only for such lists
            if not re.search(r"^[\w\s,'-]*$", gap) or len(gap.split()) > 12:
                break
        if ctx.refs_between(ref.start, ref.end, ("Event",)) and ref.type != "Event":
            break
        run.append(ref)
        cursor = ref.start
    run.reverse()
    # drop names inside an appositive or 'of' phrase of another subject ("Ministry of X and UNHCR, the UN agency")
    return _distinct(run)


def _last_person_before(ctx: DocContext, pos: int) -> Ref | None:
    persons = [r for r in ctx.refs if r.type == "Person" and r.key and r.end <= pos]
    return persons[-1] if persons else None


def _name_indefinite_declaration(ctx: DocContext, ref: Ref, event: Ref) -> str:
    """'The conference adopted a Declaration': name it after the venue, as the genre does ('Almaty Declaration')."""
    place = ctx.event_places.get(event.key)
    entity = ctx.entity(event.key)
    if place:
        label = f"{ctx.entity(place).label if ctx.entity(place) else place} Declaration"
    else:
        label = f"Declaration of the {entity.label if entity else 'event'}"
    key = ctx.registry.lookup("Instrument", label) or f"instrument/{slugify(label)}"
    entry = ctx.registry.get(key)
    new = entry.entity if entry else Entity(key=key, type="Instrument", label=label, kind="declaration")
    ctx.mentions.book.add(new, ctx.text[ref.start:ref.end])
    ref.key = key
    for later in ctx.refs:  # "the Declaration" further on now has an antecedent
        if later.type == "Instrument" and later.kind == "declaration" and not later.key and later.start > ref.start:
            later.key = key
    return key


# -- visits and meetings ----------------------------------------------------------------------------------------
def visits_and_meetings(ctx: DocContext) -> tuple[list[Entity], list[Fact]]:
    """Visits and bilateral meetings are events the text never names; name them after who, where and when."""
    entities: list[Entity] = []
    facts: list[Fact] = []
    text = ctx.text
    for s in ctx.sentences:
        sentence = text[s.start:s.end]
        for m in _VISIT.finditer(sentence):
            t_start, t_end = s.start + m.start(), s.start + m.end()
            person = next((r for r in reversed(ctx.refs_between(s.start, t_start, ("Person",)))), None)
            if person is None or len(_without_apposition(text[person.end:t_start]).split()) > 3:
                continue
            target = next((r for r in ctx.refs_between(t_end, t_end + 40, ("State", "Place"))), None)
            if target is None:
                continue
            dates = [d for d in ctx.free_dates(target.end, s.end) if d.start not in ctx.consumed_dates]
            if not dates:
                continue
            for d in dates:
                ctx.consumed_dates.add(d.start)
                when = _month_label(d.value)
                plabel = _label(ctx, person.key)
                tlabel = _label(ctx, target.key)
                label = f"Visit of {plabel} to {tlabel}, {when}"
                key = f"event/visit-{slugify(plabel)}-{slugify(tlabel)}-{d.value.iso}"
                entities.append(Entity(key=key, type="Event", label=label, kind="visit"))
                evidence = ctx.evidence(person.start, d.end)
                place = target.key if target.type == "Place" and target.kind == "city" else None
                facts.append(EventDetails(key, d.value, d.end_value, place, evidence, "event.visit"))
                facts.append(EventRole(key, "participant", person.key, evidence, rule="event.visit"))
        for m in _MEET.finditer(sentence):
            t_start, t_end = s.start + m.start(), s.start + m.end()
            if re.match(r"(?i)met\b", m.group()) and re.search(r"\b(?:was|were|be|been)\s+$", text[t_start - 6:t_start]):
                continue
            other = next((r for r in ctx.refs_between(t_end, min(s.end, t_end + 80), ("Person",))), None)
            if other is None:
                continue
            subj = next((r for r in reversed(ctx.refs_between(s.start, t_start, ("Person",)))), None)
            gap = _without_apposition(text[subj.end:t_start]) if subj else ""
            if subj is None or len(gap.split()) > 6:
                subj = _last_person_before(ctx, s.start) if re.search(
                    r"\b(?:the|he|she)\b", text[max(s.start, t_start - 50):t_start], re.I) else None
            if subj is None or subj.key == other.key:
                continue
            dates = [d for d in ctx.free_dates(s.start, s.end)]
            d = _nearest(dates, t_start) or _lead_date(ctx, s)
            if d is None:
                continue
            a, b = _label(ctx, subj.key), _label(ctx, other.key)
            label = f"Meeting of {a} with {b}, {_month_label(d.value)}"
            key = f"event/meeting-{slugify(a)}-{slugify(b)}-{d.value.iso}"
            entities.append(Entity(key=key, type="Event", label=label, kind="meeting"))
            evidence = ctx.evidence(min(d.start, t_start), other.end)
            facts.append(EventDetails(key, d.value, d.end_value, None, evidence, "event.meeting"))
            facts.append(EventRole(key, "participant", subj.key, evidence, rule="event.meeting"))
            facts.append(EventRole(key, "participant", other.key, evidence, rule="event.meeting"))
    return entities, facts


def _lead_date(ctx: DocContext, s: Sentence) -> DateMention | None:
    """News leads report the day's events: in the first sentences an undated meeting is on the dateline's day."""
    doc_date = ctx.document.date
    lead = ctx.sentences[:3]
    if doc_date is None or s not in lead:
        return None
    line = next((d for d in ctx.dates if d.value == doc_date and d.start < 1500), None)
    return line if line is not None and line.end <= s.end else None


def _without_apposition(gap: str) -> str:
    """', the UN High Commissioner for Refugees,' or ', who was on a visit,' between a name and its verb."""
    return re.sub(r"^\s*,\s*(?:who\b|which\b|the\b|an?\b)[^,]{0,100},\s*", " ", gap)


def _month_label(value: DateValue) -> str:
    if value.precision == "year":
        return value.iso
    return f"{_MONTH_NAMES[int(value.iso[5:7]) - 1]} {value.iso[:4]}"


def _label(ctx: DocContext, key: str) -> str:
    entity = ctx.entity(key)
    return entity.label if entity else key


# -- population figures -----------------------------------------------------------------------------------------
def population_figures(ctx: DocContext) -> list[PopulationFigure]:
    out: list[PopulationFigure] = []
    text = ctx.text
    groups = sorted(ctx.lexicon.group_nouns, key=len, reverse=True)
    nouns = "|".join(re.escape(g) for g in groups + sorted(ctx.lexicon.people_nouns, key=len, reverse=True))
    approx = "|".join(re.escape(a) for a in ctx.lexicon.approximators)
    pattern = re.compile(rf"(?:(?P<approx>{approx})\s+)?{_NUMBER.pattern}\s+(?:(?:registered|recognized|recognised"
                         rf"|documented|stateless|displaced|new|more|other|foreign|[A-Z][a-z]+)\s+)?(?P<noun>{nouns})\b",
                         re.I)
    reverse = re.compile(rf"\b(?:the\s+)?(?:total\s+)?number\s+of\s+(?:registered\s+|recognized\s+|recognised\s+)?"
                         rf"(?P<noun>{nouns})\b[^.;]{{0,60}}?\s(?:is|was|stands\s+at|stood\s+at|reached|amounts\s+to"
                         rf"|amounted\s+to|totals|totalled|totaled|has\s+reached|exceeds|exceeded)\s+"
                         rf"(?:(?P<approx>{approx})\s+)?{_NUMBER.pattern}", re.I)
    date_spans = [(d.start, d.end) for d in ctx.dates if d.kind != "now"]
    for s in ctx.sentences:
        sentence = text[s.start:s.end]
        for rule, m in [*(("count_noun", m) for m in pattern.finditer(sentence)),
                        *(("number_of", m) for m in reverse.finditer(sentence))]:
            n_start, n_end = s.start + m.start("num"), s.start + m.end("num")
            if any(a <= n_start < b for a, b in date_spans):
                continue
            noun = m.group("noun").lower()
            group = ctx.lexicon.group_nouns.get(noun)
            if group is None:
                group = next((g for g, rx in _PEOPLE_CONTEXT.items() if rx.search(sentence)), None)
                if group is None:
                    continue
            count = _count(m.group("num"), m.group("mult"))
            if count is None or count < 2:
                continue
            tail = text[s.start + m.end("noun"):s.start + m.end("noun") + 40]
            if group != "other" and any(re.match(rf"\s+{re.escape(t)}\b", tail, re.I)
                                        for t in ctx.lexicon.population_mixed_tails):
                group = "other"  # "100,000 refugees and displaced persons": one count for two groups
            if _is_flow(ctx, s, s.start + m.start(), s.start + m.end()):
                continue
            place, p_span = _figure_place(ctx, s, s.start + m.start(), s.start + m.end())
            if place is None:
                continue
            dates = [d for d in ctx.free_dates(s.start, s.end, with_now=True) if not _is_duration(text, d)
                     and d.start not in ctx.consumed_dates
                     and not re.search(r"\b(?:since|from|between|after)\s+$", text[max(0, d.start - 8):d.start],
                                       re.I)]
            date = _nearest(dates, n_start)
            value = date.value if date else None
            lo = min(s.start + m.start(), p_span[0], date.start if date else n_start)
            hi = max(s.start + m.end(), p_span[1], date.end if date else n_end)
            approximate = bool(m.group("approx")) or re.search(r"\b(?:some|about|around|nearly|over)\s*$",
                                                                  text[max(0, n_start - 12):n_start], re.I) is not None
            out.append(PopulationFigure(place, group, count, approximate, value,  # type: ignore[arg-type]
                                        ctx.evidence(lo, hi), "population." + rule))
    return out


def _count(number: str, multiplier: str | None) -> int | None:
    if not multiplier and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")  # "100.000 refugees": a thousands separator, not a decimal point
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return int(round(value))


def _phrase_in(phrases: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text, re.I) for p in phrases)


def _clause_window(ctx: DocContext, s: Sentence, start: int, end: int, width: int = 60) -> str:
    """The text around a figure, cut at the clause marks that separate it from other statements."""
    text = ctx.text
    lo, hi = max(s.start, start - width), min(s.end, end + width)
    left = max((m.end() for m in re.finditer(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", text[lo:start])), default=0)
    right = re.search(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", text[end:hi])
    return text[lo + left:end + (right.start() if right else hi - end)]


def _is_flow(ctx: DocContext, s: Sentence, start: int, end: int) -> bool:
    """'1,900 people were granted citizenship', '46,000 returned', '25,000 arrive each year': not a stock."""
    window = _clause_window(ctx, s, start, end)
    return _phrase_in(ctx.lexicon.population_flow_cues, window) or _phrase_in(ctx.lexicon.population_rate_cues,
                                                                               window)


def _hosting_gap(ctx: DocContext, gap: str) -> bool:
    """'X hosts / has given shelter to / is home to N refugees': the words between X and N say X holds them."""
    return len(gap.split()) <= 12 and _phrase_in(ctx.lexicon.population_host_verbs, gap) and \
        not _phrase_in(ctx.lexicon.population_origin_cues, gap) and not re.search(r"[;:]", gap)


def _figure_place(ctx: DocContext, s: Sentence, start: int, end: int) -> tuple[str | None, tuple[int, int]]:
    text = ctx.text
    lex = ctx.lexicon
    inside = [r for r in ctx.refs_between(start, end, ("State", "Place"))  # "the number of refugees in X is N"
              if re.search(r"\b(?:in|within|across)\s+(?:the\s+)?$", text[max(start, r.start - 10):r.start])
              and not _phrase_in(lex.population_origin_cues, text[start:r.start])]
    if inside:
        return inside[0].key, inside[0].span
    after = [r for r in ctx.refs_between(end, min(s.end, end + 40), ("State", "Place"))
             if re.search(r"\b(?:in|of|to|within|across)\s+(?:the\s+)?$", text[max(end, r.start - 10):r.start])]
    own = re.match(r"\s+(?:who\s+are\s+|living\s+|now\s+)?in\s+(?:our|my)\s+(?:own\s+)?country\b", text[end:end + 40], re.I)
    if own and ctx.mentions.main_state and not after:  # "a million Somali refugees in our country"
        return ctx.mentions.main_state, (end + own.start(), end + own.end())
    if after and _phrase_in(lex.population_origin_cues, text[end:after[0].start]):
        return None, (0, 0)  # "12,000 refugees displaced by the conflict in Iraq": where they fled, not are
    if after:
        return after[0].key, after[0].span
    origin = [r for r in ctx.refs_between(end, min(s.end, end + 30), ("State",))
              if re.search(r"\bfrom\s+(?:the\s+)?$", text[max(end, r.start - 10):r.start])]
    if origin and re.search(r"migrant|emigrant|diaspora", text[start:end], re.I):
        return origin[0].key, origin[0].span  # "2 million labour migrants from X": the country they come from
    region = _REGION.search(text, end, min(s.end, end + 40))
    if region:
        regions = [r for r in ctx.refs if r.type == "Place" and r.kind in ("region", "subregion") and r.end <= start]
        if regions:
            return regions[-1].key, region.span()
    window = _clause_window(ctx, s, start, end, 120)
    world = _WORLD.search(window)
    if world:  # a worldwide total is no figure for the country named nearby
        key = ctx.registry.lookup("Place", "World")
        offset = text.find(window, s.start)
        return (key, (offset + world.start(), offset + world.end())) if key else (None, (0, 0))
    if re.match(r"\s*,?\s*(?:who\s+(?:have\s+|had\s+)?)?(?:" + "|".join(re.escape(c) for c in lex.population_origin_cues)
                + r")\b", text[end:end + 30], re.I):
        return None, (0, 0)  # "... 12,000 refugees fleeing": the country named before is the one they flee
    before = [r for r in ctx.refs_between(s.start, start, ("State", "Place", "Agency")) if ctx.state_of(r) or
              r.type == "Place"]
    if before and _hosting_gap(ctx, text[before[-1].end:start]):
        ref = before[-1]
        return (ctx.state_of(ref) or ref.key), ref.span
    pronoun = None
    for m in _STATE_PRONOUN.finditer(text, s.start, start):
        pronoun = m
    if pronoun and ctx.mentions.main_state and _hosting_gap(ctx, text[pronoun.end():start]):
        return ctx.mentions.main_state, pronoun.span()
    return None, (0, 0)


# -- posts ------------------------------------------------------------------------------------------------------
def post_holdings(ctx: DocContext) -> list[PostHolding]:
    out: list[PostHolding] = []
    text = ctx.text
    lex = ctx.lexicon
    mods = "|".join(re.escape(m) for m in lex.post_modifiers)
    heads = "|".join(re.escape(h) for h in lex.post_heads)
    post_re = re.compile(rf"(?:(?:[A-Z]{{2,}}|{mods})\s+){{0,8}}(?:{heads})\b")  # bounded: no rescans of caps runs
    honor = "|".join(re.escape(h) for h in lex.honorifics)
    seen: set[tuple[str, str | None]] = set()
    persons = [r for r in ctx.refs if r.type == "Person" and r.key]
    person_spans = SpanList(r.span for r in persons)
    person_starts = [r.start for r in persons]
    for m in post_re.finditer(text):
        p_start, p_end = m.start(), m.end()
        if person_spans.contains(p_start):
            continue
        if re.search(rf"\b(?:{heads})\s+(?:of|to)\s+(?:the\s+)?$", text[max(0, p_start - 60):p_start]):
            continue  # 'Special Representative of the Secretary-General': the title is the longer one
        near = ctx.refs_near(p_start)  # names are shorter than a sentence: a bounded window, not every ref
        carrier = next((r for r in near if r.type == "Agency" and r.start < p_start < r.end), None)
        if carrier is not None:  # "United Nations High Commissioner for Refugees": the agency's name is the title
            p_start = carrier.start
        p_end, org, org_span = _post_tail(ctx, p_end)
        if carrier is not None and org is None:
            org = carrier.key
        prefix_org = [r for r in ctx.refs_between(p_start, m.end(), ("Agency", "State"))]
        if org is None and prefix_org:
            org = ctx.state_of(prefix_org[0]) or prefix_org[0].key
        if org is None:  # "UNHCR's Representative for Central Asia"
            owner = next((r for r in near if r.type in ("Agency", "State") and r.key and
                          re.fullmatch(r"['\u2019]s\s+", text[r.end:p_start])), None)
            if owner is not None:
                org = ctx.state_of(owner) or owner.key
        if org is None:  # "the United States Secretary of State, Mr. James Baker": the state's name as a modifier
            named = next((r for r in ctx.refs if r.type == "State" and r.key and r.end < p_start and
                          text[r.end:p_start] == " " and
                          re.search(r"(?:^|\bthe\s|[,;(]\s?)$", text[max(0, r.start - 5):r.start])), None)
            if named is not None:
                org = named.key
        adjective = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, p_start - 20):p_start])
        if org is None and adjective and adjective.group(1) in ctx.registry.adjectives:
            org = ctx.registry.adjectives[adjective.group(1)]  # "Kazakh Foreign Minister X"
        post_text = _post_label(ctx, p_start, p_end, org_span)
        after = text[p_end:p_end + 40]
        person: Ref | None = None
        start_date: DateValue | None = None
        gap = re.match(rf"\s*,?\s*(?:(?:{honor})\s*){{0,3}}", text[p_end:p_end + 60])
        reach = p_end + (gap.end() if gap else 0) + 1
        i, j = between(person_starts, p_end, reach + 1)
        following = next((r for r in persons[i:j] if p_end <= r.start <= reach), None)
        if following is not None:
            person = following
        else:
            i, j = between(person_starts, p_start - NEAR_CHARS, p_start)
            preceding = next((r for r in reversed(persons[i:j]) if r.end <= p_start and
                              re.fullmatch(r",\s*(?:(?:the|a|an|then|now)\s+)?(?:[A-Z][a-z]+\s+)?|(?:\s+of\s+[A-Z][\w' ]{2,30}?)?\s+(?:became|becomes|is|was|has been"
                                           r"|was appointed|was elected|has been appointed|took office as)\s+(?:as\s+)?"
                                           r"(?:the\s+)?(?:new\s+)?", text[r.end:p_start])), None)
            if preceding is not None:
                person = preceding
                if re.search(r"became|appointed|elected|took office", text[preceding.end:p_start]):
                    start_date = _sentence_date(ctx, p_start)
            else:
                is_m = re.match(rf"\s+(?:is|was|has been)\s+(?:(?:{honor})\s*)?", after)
                if is_m:
                    i, j = between(person_starts, p_end + is_m.end(), p_end + is_m.end() + 1)
                    person = next((r for r in persons[i:j] if r.start == p_end + is_m.end()), None)
                    if person is not None and re.search(r"\b[Ss]ince\b", text[ctx.sentence_of(p_start).start:p_start]):
                        start_date = _sentence_date(ctx, p_start)
        if person is None:
            continue
        rule = "post.title"
        if org is None and person is following:
            org = _state_after_name(ctx, person, post_text)
            if org is not None:
                rule = "post.title_name_of_state"
        if org is None and re.match(r"\s+of\s+(?:the|this|our|its)\s+(?:[\w-]+\s+){0,2}"
                                    r"(?:session|meeting|conference|summit|debate)\b", text[p_end:p_end + 60], re.I):
            continue  # 'President of the previous session': the chair of a meeting, no national post
        if org is None:
            org = _default_org(ctx, post_text, m.group(), person, p_start)
        if org is None:
            continue
        if (person.key, org) in seen:
            continue
        seen.add((person.key, org))
        lo, hi = min(p_start, person.start), max(p_end, person.end)
        if rule == "post.title_name_of_state":
            hi = max(hi, ctx.text.index(" of ", person.end) + 4)
            hi = next(r.end for r in ctx.refs if r.start >= hi and r.type == "State")
        out.append(PostHolding(person.key, post_text, org, start_date, ctx.evidence(lo, hi), rule))
    out += _assembly_presidents(ctx, seen)
    return out


def _state_after_name(ctx: DocContext, person: Ref, post: str) -> str | None:
    """'President Ismail Omar Guelleh of Djibouti', 'Prime Minister Kevin Rudd of Australia': a national title
    before a name takes the state named right after the name."""
    lex = ctx.lexicon
    words = post.split()
    if not any(" ".join(words[i:]) in lex.national_posts for i in range(len(words))) and \
            not re.search(r"\bMinist", post):
        return None
    m = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[person.end:person.end + 12])
    if not m:
        return None
    state = next((r for r in ctx.refs if r.start == person.end + m.end() and r.key and r.type == "State"), None)
    return state.key if state is not None else None


_PRESIDENCY = re.compile(
    r"^[\s,]*(?:(?:the\s+)?(?:former\s+)?(?:[\w-]+\s+){0,3}?)??"
    r"(?:(?:on|upon)\s+(?:his|her|your)\s+(?:[\w-]+\s+){0,2}?(?:election|assumption)\s+"
    r"(?:(?:as|to)\s+(?:the\s+)?)?(?:of\s+)?(?:President|presidency)\s+of\s+"
    r"(?:(?:this|the)\s+(?:[\w-]+\s+)?session\s+of\s+)?"
    r"(?:the|our|this)\s+(?:General\s+)?Assembly"
    r"|,?\s*(?:who|which)\s+(?:so\s+)?(?:[\w-]+\s+){0,2}?presided\s+over\s+(?:the\s+work\s+of\s+)?"
    r"(?:the|our|its)\s+(?:[\w-]+\s+){0,2}?session\s+of\s+(?:the|our|this)\s+(?:General\s+)?Assembly"
    r"|,\s*(?:the\s+)?President\s+of\s+the\s+(?:[\w-]+\s+){1,2}session\s+of\s+the\s+General\s+Assembly"
    r"|,\s*(?:the\s+)?President\s+of\s+(?:the|our|its)\s+(?:previous|last|preceding)\s+session\b(?!\s+of))",
    re.I)


_PRESIDENCY_NEAR = re.compile(
    r"\b(?:presid(?:ed|es|ing)\s+over|presidency|President)\b(?P<tail>[^.;]{0,70}?)\b(?:General\s+Assembly|Assembly"
    r"|session)\b")
_OTHER_BODY = re.compile(r"\b(?:Council|Committee|Conference|Summit|Court|Commission|Union|Board|Republic|Government"
                         r"|Party|Movement|Group|Forum|Organization)\b")


def _presidency_nearby(ctx: DocContext, person: Ref, end: int) -> re.Match[str] | None:
    """'Mr. X, for his presidency of the General Assembly', 'X ... during his presidency at the previous session':
    a presidency phrase after the name, in its sentence, before any other name, about the Assembly or a session."""
    s = ctx.sentence_of(person.start)
    limit = min(s.end, end + 160)
    nxt = next((r.start for r in ctx.refs if r.type in ("Person", "State", "Agency") and end < r.start < limit
                and r.key and not re.search(r"(?:General\s+)?Assembly", ctx.text[r.start:r.end])), limit)
    window = ctx.text[end:nxt]
    m = _PRESIDENCY_NEAR.search(window)
    if m is None or _OTHER_BODY.search(m.group("tail")) or not re.search(r"\b(?:his|her|your)\b", window[:m.start()] +
                                                                         m.group()):
        return None
    return re.match(re.escape(window[:m.end()]), window)


def _predecessor(ctx: DocContext, person: Ref) -> re.Match[str] | None:
    """'your predecessor, Mr. X': in a statement to the President of the Assembly, the previous President."""
    honor = "|".join(re.escape(h) for h in ctx.lexicon.honorifics)
    m = None
    for m in re.finditer(rf"\b(?:your|his|her)\s+(?:distinguished\s+|able\s+)?predecessor,?\s+"
                         rf"(?:(?:{honor})\s*){{0,3}}(?:Minister\s+)?$",
                         ctx.text[max(0, person.start - 80):person.start]):
        pass
    if m is None or not ctx.document.author_state:
        return None
    s = ctx.sentence_of(person.start)
    before = [p for p in ctx.sentences if p.end <= s.start][-1:]
    lo = before[0].start if before else s.start
    if not re.search(r"\b(?:President|presidency|presided)\b", ctx.text[lo:s.end]) or \
            not re.search(r"\bAssembly\b|\bsession\b", ctx.text[lo:s.end]):
        return None
    return re.match(r"", "")


def _assembly_presidents(ctx: DocContext, seen: set[tuple[str, str | None]]) -> list[PostHolding]:
    """The President of the General Assembly as statements name them: 'Mr. X on his election to the presidency of
    the General Assembly', 'Mr. X of Malta, who presided over the work of the forty-fifth session of the Assembly',
    'Mr. X, President of the fifty-third session of the General Assembly'."""
    body = ctx.registry.lookup("Agency", "United Nations General Assembly")
    if body is None or not re.search(r"\bGeneral\s+Assembly\b", ctx.text):
        return []  # only texts that name the Assembly speak of its presidency
    out: list[PostHolding] = []
    text = ctx.text
    for person in (r for r in ctx.refs if r.type == "Person" and r.key):
        end = person.end
        of_state = re.match(r"\s+of\s+(?:the\s+)?", text[end:end + 12])
        if of_state:  # "Mr. Amara Essy of Côte d'Ivoire, who ..."
            state = next((r for r in ctx.refs if r.start == end + of_state.end() and r.type == "State"), None)
            if state is not None:
                end = state.end
        m = _PRESIDENCY.match(text[end:end + 200])
        if m is None:
            m = _presidency_nearby(ctx, person, end)
        if m is None:
            m = _predecessor(ctx, person)
            if m is not None:
                end = person.start
        if m is None or (person.key, body) in seen:
            continue
        seen.add((person.key, body))
        ctx.presidents.append((person.key, person.start, end + m.end()))
        out.append(PostHolding(person.key, "President of the General Assembly", body, None,
                               ctx.evidence(person.start, end + m.end()), "post.assembly_president"))
    return out


def _post_tail(ctx: DocContext, pos: int) -> tuple[int, str | None, tuple[int, int] | None]:
    """Extend a post over 'of Foreign Affairs', 'of the Republic of X', 'for Central Asia', 'of the Office'."""
    text = ctx.text
    org: str | None = None
    org_span: tuple[int, int] | None = None
    end = pos
    for _ in range(3):
        m = re.match(r"\s+(?P<prep>of|for|in|to)\s+(?:the\s+)?", text[end:end + 12])
        if not m:
            break
        nxt = end + m.end()
        ref = next((r for r in ctx.refs if r.start == nxt and r.key), None)
        if ref is not None:
            if ref.type in ("Agency", "State") and m.group("prep") != "in":  # "Coordinator in X": a posting
                if org is None:
                    org = ctx.state_of(ref) or ref.key
                    org_span = (end, ref.end)
            end = ref.end
            continue
        portfolio = re.match(r"[A-Z][a-z]+(?:\s+(?:and|of|the|[A-Z][a-z]+))*(?<![a-z] and)(?<! of)(?<! the)",
                             text[nxt:nxt + 80])
        if portfolio and not re.match(r"(?:Mr|Ms|Mrs|Dr)\b", portfolio.group()):
            stop = nxt + portfolio.end()
            person = next((r.start for r in ctx.refs if r.key and nxt < r.start < stop), None)
            if person is not None:  # "for Refugees Antonio Guterres", "of Foreign Affairs of X": stop at a name
                stop = nxt + len(re.sub(r"\s+(?:of|for|in)(?:\s+the)?\s*$", "", text[nxt:person].rstrip(" ,")))
            if stop > nxt:
                end = stop
                continue
        break
    return end, org, org_span


def _post_label(ctx: DocContext, start: int, end: int, org_span: tuple[int, int] | None) -> str:
    if org_span is not None:
        label = ctx.text[start:org_span[0]] + ctx.text[org_span[1]:end]
    else:
        label = ctx.text[start:end]
    return " ".join(label.split())


def _default_org(ctx: DocContext, post: str, head: str, person: Ref, pos: int) -> str | None:
    for phrase, org in sorted(ctx.lexicon.post_default_organisation.items(), key=lambda kv: -len(kv[0])):
        if phrase in post:
            key = ctx.registry.lookup("Agency", org)
            if key:
                return key
    words = post.split()
    tail = re.search(r"\b(?:of|for|to)\s+(?:the\s+)?(.+)$", post)
    if ctx.document.author_state and re.fullmatch(r"(?:Vice[- ])?President of the (?:Republic|Principality|Kingdom)|"
                                                  r"Head of State|Prime Minister of the (?:Republic|Kingdom)", post):
        return ctx.mentions.main_state  # in a state's statement 'the President of the Republic' is its own
    if tail and re.search(r"\b(?:session|meeting|conference|summit)\b", tail.group(1), re.I):
        return None  # 'President of the previous session': who presides over a meeting holds no national post
    if tail and any(w in ctx.lexicon.agency_heads for w in tail.group(1).split()):
        return None  # 'President of the Assembly', 'Representative of the Secretary-General for X': not a state post
    if any(" ".join(words[i:]) in ctx.lexicon.national_posts or w in ctx.lexicon.national_posts
           for i, w in enumerate(words)) or re.search(r"\bMinist", post):
        return _own_state_of_post(ctx, person, pos)
    return None


def _own_state_of_post(ctx: DocContext, person: Ref, pos: int) -> str | None:
    """A national title without its country ('President X') is the document's own state only when the text says so.

    Statements name foreign presidents and ministers all the time, so the document's state is taken only when
    the registry knows the person's country, a possessive makes it ours ('our President', 'my Foreign Minister'),
    or the sentence (with the one before) names the document's state and no other state.
    """
    main = ctx.mentions.main_state
    entry = ctx.registry.get(person.key)
    if entry is not None and entry.data.get("country"):
        return ctx.registry.lookup("State", entry.data["country"])
    if main is None:
        return None
    if re.search(r"\b(?:our|my)\s+(?:[\w-]+\s+){0,2}$|\bmy\s+country['\u2019]s\s+$", ctx.text[max(0, pos - 30):pos],
                 re.I):
        return main
    if ctx.document.author_state:
        return None  # a state's statement names foreign leaders by bare title all the time; its own, with 'our'
    s = ctx.sentence_of(pos)
    before = [p for p in ctx.sentences if p.end <= s.start][-1:]
    lo = before[0].start if before else s.start
    states = {ctx.state_of(r) for r in ctx.refs_between(lo, s.end, ("State", "Agency")) if ctx.state_of(r)}
    return main if states == {main} else None


def _sentence_date(ctx: DocContext, pos: int) -> DateValue | None:
    s = ctx.sentence_of(pos)
    d = _nearest(ctx.free_dates(s.start, s.end), pos)
    if d is not None:
        ctx.consumed_dates.add(d.start)
    return d.value if d else None


# -- all rules ---------------------------------------------------------------------------------------------------
def extract_facts(ctx: DocContext) -> tuple[list[Entity], list[Fact]]:
    """Run every rule in dependency order; returns new entities (visits, meetings) and the facts.

    Questions assert nothing ("Has X acceded to ...?"), so their sentences are left out of every rule.
    """
    ctx.sentences = [s for s in ctx.sentences if not ctx.text[s.start:s.end].rstrip().endswith("?")]
    facts: list[Fact] = []
    facts += treaty_actions(ctx)
    facts += instrument_dates(ctx)
    posts = post_holdings(ctx)
    new_entities, visit_facts = visits_and_meetings(ctx)
    details = event_details(ctx)
    ctx.event_places.update({d.event: d.place for d in details if d.place})
    facts += details + visit_facts
    facts += event_roles(ctx)
    facts += population_figures(ctx)
    facts += posts
    facts += __import__("refugee_ld.extraction.recall_rules", fromlist=["recall_facts"]).recall_facts(ctx, facts)
    return new_entities, facts
