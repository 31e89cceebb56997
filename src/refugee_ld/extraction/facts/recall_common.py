"""What the recall rules share: the core rules each group dedupes against, and the view of their results.

The recall rules read further phrasings of facts the core rules already know (found on real statements).  They
run after the core rules and return only facts that those rules, and the recall rules declared before them, do
not already hold: each declares in `after=` the rules whose facts it may repeat, reads them with `prior`, and
sees the document with the names the adoption rule gave (`recall_doc`), as the core rules after it do.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from ...records import EventDetails, EventRole, Fact, InstrumentDate, PopulationFigure, PostHolding, TreatyAction
from ...text.dates import DateMention
from ..doc import Doc
from ..mentions import Ref
from .roles import named_doc, names_of

# The core rules whose facts a recall rule may repeat, by the kind of fact (in output order, so that a rule
# walking them meets them in the order the extraction lists them).
TREATY_RULES = ("treaty.actions", "treaty.bilateral", "treaty.relative", "treaty.force_for_state",
                "treaty.deposited")
INSTRUMENT_RULES = ("instrument.citation", "instrument.nominal", "instrument.nominal_by", "instrument.verb",
                    "instrument.resolution_citation")
EVENT_RULES = ("events.details", "visits")
ROLE_RULES = ("visits", "roles")
POST_RULES = ("posts.titles", "posts.assembly_presidents")
NAMES = "roles.adopted"  # the declarations named after their conference ('the Almaty Declaration')

_FACT_TYPES = (TreatyAction, InstrumentDate, EventDetails, EventRole, PopulationFigure, PostHolding)

# a clause that does not assert the act: negation, modality, exhortation, intention
UNREAL = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|should|could|would|(?-i:may)|might|will|shall|must|ought|hopes?|wish\w*"
    r"|intends?|plans?|urges?|urged|calls?\s+(?:on|upon)|called\s+(?:on|upon)|invites?|encourag\w*|if|unless"
    r"|whether)\b", re.I)

# what may stand between two names of a list beyond `gap_is_list`: 'A; to the B; and to the C'
LIST_GAP = re.compile(r"(?:,\s+including\s+[A-Z][\w\s-]{0,40}?)?"  # a name's own tail: ', including Diplomatic Agents'
                      r"[\s,;]*(?:and\s+|as\s+well\s+as\s+)?(?:also\s+)?(?:to\s+|of\s+)?(?:the\s+)?", re.I)


def prior(inputs: Mapping[str, Sequence[Any]], after: Sequence[str]) -> list[Fact]:
    """The facts of the rules a recall rule declared, in the order it declared them."""
    return [f for name in after if name != NAMES for f in inputs.get(name, ()) if isinstance(f, _FACT_TYPES)]


def recall_doc(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> Doc:
    """The document as the recall rules see it: with the names the adoption rule gave."""
    return named_doc(doc, names_of(inputs))


def fact_key(f: Fact) -> tuple[Any, ...]:
    """What makes two facts the same for deduplication (fields, not evidence or rule)."""
    if isinstance(f, TreatyAction):
        return ("party_to", f.state, f.instrument, f.action)
    if isinstance(f, InstrumentDate):
        return ("instrument_date", f.instrument, f.what)
    if isinstance(f, EventRole):
        return (f.role, f.event, f.value)
    if isinstance(f, PostHolding):
        return ("holds_post", f.person, f.organisation)
    return (type(f).__name__, id(f))


# -- cue patterns from the language data, and the instrument a cue names ------------------------------------------
@cache
def _compiled(language: str, template: str, flags: int) -> re.Pattern[str]:
    from ...lang.en import fact_patterns  # the word lists of the document's language (English fallback)
    return re.compile(template.format(**fact_patterns(language).words), flags | re.VERBOSE)


# a clause that hopes for, awaits or negotiates an act rather than stating it (words: "recall_negation")
NEGATED = r"\b(?:{recall_negation})\b"


def cue(doc: Doc, template: str, flags: int = re.I) -> re.Pattern[str]:
    """A rule's grammar skeleton (`re.VERBOSE`, `{slot}` names a word list of the "facts" vocabulary, as in
    `lang/en.py`) compiled once per language: the rule keeps the grammar, `lang/<language>.json` the words."""
    return _compiled(doc.document.language or "en", template, flags)


def instrument_at(doc: Doc, pos: int, reach: int = 200, kinds: frozenset[str] | None = None) -> Ref | None:
    """The instrument named right at `pos` (the outermost name that starts there): the object of a cue that
    ends just before it ('the signing of | the Lusaka Agreement').  `kinds`: only instruments of these kinds."""
    found = [r for r in doc.refs_between(pos, pos + reach, ("Instrument",)) if r.start == pos and r.key
             and (kinds is None or (r.kind or "") in kinds)]
    return max(found, key=lambda r: r.end) if found else None


# "the X, signed in Lusaka on 10 July 1999", "the Y, done at Geneva on 28 July 1951", "the Z concluded on ..."
_PARTICIPLE = r"""
    \s*,?\s*(?:(?:which|that)\s+(?:was|were)\s+)?(?P<verb>{participle_acts})\s+
    (?:(?:in|at)\s+(?P<place>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)\s*,?\s+)?(?:on|in)\s+$"""


def participle_instrument(doc: Doc, d: DateMention) -> tuple[Ref, re.Match[str]] | None:
    """The instrument whose own act a date is, by a participle right after its name ('the Convention ..., done
    at New York on 30 August 1961'), with the participle's match; None when the date is not so placed."""
    m = cue(doc, _PARTICIPLE, 0).search(doc.text, max(0, d.start - 80), d.start)
    if m is None:
        return None
    found = [r for r in doc.refs_between(max(0, m.start() - 300), m.start(), ("Instrument",))
             if r.end == m.start() and r.key]
    return (min(found, key=lambda r: r.start), m) if found else None


def is_dateline(doc: Doc, d: DateMention) -> bool:
    """'ASTANA, 12 July 2019 - The law ...': the date of the report, at the head of the text, is no act's."""
    if d.start > 300:
        return False
    line_start = doc.text.rfind("\n", 0, d.start) + 1
    head = doc.text[line_start:d.start]  # "ASTANA, ", "GENEVA (": a place at most, no sentence ("... ago - on D -")
    return cue(doc, r"\s*[-\u2013\u2014:|]\s", 0).match(doc.text, d.end) is not None and len(head) <= 40 and \
        cue(doc, r"^[^.;]*?(?:\b[a-z]+\s+)?$", 0).match(head) is not None and \
        cue(doc, r"\b[a-z]{{2,}}\b", 0).search(head) is None
