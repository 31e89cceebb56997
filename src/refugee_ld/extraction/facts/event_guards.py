"""Guards that keep an event's facts to what the text says of that event's own occurrence.

A speech names an event next to dates and places that belong to something else: a target ('halve poverty by
2015'), a baseline ('compared to 1990'), the review or anniversary of the event ('the Conference, the review of
which will take place in 2000'), a neighbouring clause ('consultations held in Berlin in 2001'); it names
institutions with event heads ('the Asian Buddhist Conference for Peace, established in 1969'), events cut to
their head ('Regional Forum') and events it only proposes ('it is urgent that there be convened a special
summit').  Each guard reads its cue words from `facts.event_guards` in lang/<lang>.json; other rules that read
events (organisers, participants) can call the same functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang import vocabulary
from ...text.dates import DateMention
from ..doc import Doc
from ..mentions import Ref


def _alt(words: list[str]) -> str:
    """Alternation of cue phrases (regex fragments), longest first; a space matches any run of white space."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Guards:
    """The compiled cues of one language."""

    date_lead: re.Pattern[str]  # right before a date: 'by', 'compared to', 'since'
    date_trail: re.Pattern[str]  # right after a date: '1990 levels'
    claiming: re.Pattern[str]  # a noun (or verb) that owns the date or place after it: 'review', 'consultations'
    complement: re.Pattern[str]  # the event is the complement of such a noun: 'the review of <event>'
    participle: re.Pattern[str]  # '<event>, held in ...': the date and place are the event's after all
    generic: frozenset[str]
    institution: re.Pattern[str]
    proposal: re.Pattern[str]
    scheduled: re.Pattern[str]
    not_object: re.Pattern[str]
    event_noun: re.Pattern[str]  # a lower-case event noun: 'a summit scheduled for 1995'
    clause_break: re.Pattern[str]  # a word that opens another clause between the event and a date after it
    occasion: re.Pattern[str]  # 'on the occasion of its 60th anniversary': what the event marks claims nothing
  # between a proposal cue and the event: the event is not what is proposed


_GUARDS: dict[str, Guards] = {}


def guards(language: str = "en") -> Guards:
    """The guards of `language` (cached)."""
    g = _GUARDS.get(language)
    if g is None:
        w = vocabulary(language)["facts"]["event_guards"]
        held = _alt(vocabulary(language)["facts"]["events"]["held_after_verbs"])
        g = _GUARDS[language] = Guards(
            date_lead=re.compile(rf"(?<![\w-])(?:{_alt(w['date_leads'])})(?:\s+the\s+(?:end\s+of\s+)?(?:year\s+)?)?\s*$",
                                 re.I),
            date_trail=re.compile(rf"\s*(?:{_alt(w['date_trails'])})\b", re.I),
            claiming=re.compile(rf"(?<![\w-])(?:{_alt(w['claiming_nouns'])})(?![\w-])", re.I),
            complement=re.compile(rf"(?<![\w-])(?:{_alt(w['complement_heads'])})\s+(?:the\s+)?$", re.I),
            participle=re.compile(rf"\s*(?:\([^()]{{0,40}}\)\s*)?,?\s*(?:(?:which|that)\s+(?:(?:was|were|has\s+been)\s+)?)?"
                                  rf"(?:{held})\b", re.I),
            generic=frozenset(x.lower() for x in w["generic_words"]),
            institution=re.compile(rf"\s*(?:\([^()]{{0,40}}\)\s*)?,?\s*(?:{_alt(w['institution_after'])})\b", re.I),
            proposal=re.compile(rf"(?<![\w-])(?:{_alt(w['proposal_cues'])})(?![\w-])", re.I),
            scheduled=re.compile(rf"\s*,?\s*(?:which\s+is\s+)?(?:{_alt(w['scheduled_cues'])})\b", re.I),
            event_noun=re.compile(rf"(?<![\w-])(?:{_alt(w['event_nouns'])})\b"),
            clause_break=re.compile(rf"(?<![\w-])(?:{_alt(w['clause_breaks'])})(?![\w-])", re.I),
            occasion=re.compile(rf"\b(?:{_alt(w['occasion_phrases'])})\b[^,;()]*", re.I),
            not_object=re.compile(rf"[,;:.]|\b(?:{_alt(w['proposal_breaks'])})\b", re.I),
        )
    return g


def _gap(doc: Doc, lo: int, hi: int) -> str:
    """The text between two mentions with every name in it reduced to 'Name': a noun inside a name ('Review
    Conference') claims nothing."""
    text, pos, parts = doc.text, lo, []
    for r in doc.refs_between(lo, hi):
        if r.start < pos:
            continue
        parts += [text[pos:r.start], "Name"]
        pos = r.end
    return "".join(parts) + text[pos:hi]


def _clause_start(doc: Doc, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last ';', ':' or sentence start before it."""
    s = doc.sentence_of(pos)
    before = doc.text[s.start:pos]
    return s.start + max(before.rfind(";"), before.rfind(":"), -1) + 1


def foreign_span(doc: Doc, lo: int, hi: int, ref: Ref) -> bool:
    """A date or place at (lo, hi) in `ref`'s sentence that belongs to something else: another noun that claims
    dates stands between them ('the Conference, the review of which will take place in 2000'), or the event is
    the complement of such a noun ('the follow-up to the Summit ... in New York')."""
    g = guards(doc.document.language)
    if hi <= ref.start:
        gap = _gap(doc, hi, ref.start)
    else:
        gap = _gap(doc, ref.end, lo)
        if g.complement.search(doc.text, _clause_start(doc, ref.start), ref.start) and not (
                g.participle.match(gap)):
            return True  # 'the review of the Summit in 2000', unless '<Summit>, held in ...'
    return g.claiming.search(g.occasion.sub(" ", gap)) is not None


def foreign_date(doc: Doc, d: DateMention, ref: Ref) -> bool:
    """A date that is no occurrence date of `ref`: a target or baseline ('by 2015', 'compared to 1990', '1990
    levels'), a recurrence's start ('since 2014'), the date of another noun between them, or, before the event,
    the date of an event noun just before it ('a summit scheduled for 1995 ... a dialogue')."""
    g = guards(doc.document.language)
    text = doc.text
    clause = _clause_start(doc, d.start)
    if g.date_lead.search(text, max(clause, d.start - 30), d.start) or g.date_trail.match(text, d.end):
        return True
    if foreign_span(doc, d.start, d.end, ref):
        return True
    if d.start >= ref.end and g.clause_break.search(_gap(doc, ref.end, d.start)):
        return True  # 'the Conference must ensure that the world is on track in 2020': another clause's date
    if d.end <= ref.start and re.match(r"\s*\)", text[d.end:d.end + 3]):
        return True  # 'resolution 1397 (2002), the principles of the Madrid Conference': a citation's year
    if d.end <= ref.start:  # 'commitments made in 2005 ... at the Doha Conference'
        before = _gap(doc, max(clause, d.start - 60), d.start)
        return g.claiming.search(before) is not None or g.event_noun.search(before) is not None
    return False


def without_identity(label: str, language: str = "en") -> bool:
    """'Ministerial Conference', 'Summit Meeting', 'Regional Forum': a label of generic words only names no one
    event (its owner, topic or place was lost), so no date or place can be pinned on it."""
    words = re.findall(r"[\w-]+", label.lower())
    return bool(words) and all(w in guards(language).generic for w in words)


def institution(doc: Doc, ref: Ref) -> bool:
    """'the Asian Buddhist Conference for Peace (ABCP), which was established in 1969': an organisation with an
    event head; it has a founding, not an occurrence."""
    return guards(doc.document.language).institution.match(doc.text, ref.end) is not None


def proposed(doc: Doc, ref: Ref) -> bool:
    """'it is urgent that there be convened a special summit', 'we propose to convene the Forum in 2024': the
    clause proposes the event; it has not taken place.  An event 'to be held in X in 2026' is scheduled and stays."""
    g = guards(doc.document.language)
    if g.scheduled.match(doc.text, ref.end):
        return False
    for cue in g.proposal.finditer(doc.text, _clause_start(doc, ref.start), ref.start):
        between = doc.text[cue.end():ref.start]
        if len(between.split()) <= 6 and not g.not_object.search(between):
            return True  # the event is what is proposed, not a place where something else was
    return False
