"""Readings that make a treaty trigger no statement of a done act by the state found, or make a name no
treaty of the state's act.  From a hand audit of treaty facts on unseen UN General Debate speeches: each guard
is one pattern of the language that produced wrong facts there.

  mandative          "to demand that Israel accede to the Treaty": a bare verb after a named state is a
                     subjunctive or an appeal, not a report ("we sign" with a pronoun stays a statement)
  valued_noun        "Israel's accession to the Treaty is of extreme significance", "we demand Israel's
                     accession": a wished act weighed or called for, not an act done
  relative_object    "the Treaty, to which the Sudan acceded in 1973, as well as X and Y": the verb's object is the
                     relative pronoun; what follows the verb is no object of it
  names_another      "signed the Treaty on a Nuclear-Weapon-Free Zone in Central Asia", read as "the Treaty" =
                     the last treaty named: a bare head noun that a name complement follows names another instrument;
                     a lower-case one ("has signed the agreement") names one only when that is named close before
  bare_body          "Memorandum ... between the Government and UNITA": a government named by its noun alone is no
                     known party of a title
  loose_agent        "signed by all parties to the conflict, as well as by ... members of South Sudan society": the
                     agent of a passive is the phrase right after "by", not a state named later in the clause
  attributive        "committed to the signed Revitalized Peace Agreement": no signer
  part_of_instrument "acceded to the second commitment period of the Kyoto Protocol": a part, not the treaty
  described_only     "signed ... a Peace Agreement": a description, not a name
  new_clause         "ratified X and, last June, Parliament approved accession to Y": Y is not ratified
  gapped_date        "ratified X in 1994 and in 2001 the Kyoto Protocol": 2001 is the Protocol's date
  framing            "ratified the Paris Agreement, within the UNFCCC": a frame, not an object
  cut_name           "the First Optional Protocol | to the former Covenant", "the Treaty at the General Assembly":
                     a name the mentions cut or padded; the act's object is unknown
  foreign_date       "the Treaty of Bali of 1976" (the treaty's year), "compared to the base year 1990", "has
                     ratified X and will support, during the negotiations next year, ..." (another clause's date)
  excepted           "all States of the region, with the sole exception of Israel, have acceded": not Israel
  shared_subject_unsure  "Syria accepted the initiative of the President of the Russian Federation and acceded"
  object_list        "signed A as a demonstration of our commitment to B": B is no object of "signed"
  other_object       "Venezuela ratifies its commitment to ... the Charter": the object is "its commitment"

Grammar skeletons here, words in the "treaty_cues" section of `lang/<language>.json`.
"""
from __future__ import annotations

import re

from ...text.dates import DateMention
from ..doc import Doc
from ..mentions import Ref
from .common import gap_is_list
from .recall_common import cue

# "is of extreme significance", "would be an important step", "remains essential": a predicate that weighs
# the act instead of reporting it (a present or modal copula; a past "was" reports)
_VALUED = r"""^\s*(?:,[^,.;]{{0,80}},\s*)?
    (?:{value_copulas})\s+(?:[\w-]+\s+){{0,3}}?(?:{value_words})\b"""

# "(we) demand / call for / insist on / look forward to (Israel's) accession"
_CALLED_FOR = r"\b(?:{call_words})\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){{0,4}}$"

# ", to which the Sudan acceded", "which Malta ratified": the relative pronoun is the verb's object
_RELATIVE_OBJECT = r"\b(?:to\s+)?(?:{relative_objects})\s+(?:the\s+)?$"

# "the Treaty | on a Nuclear-Weapon-Free Zone", "the Convention | for the Protection of ...": a name goes on
# (an indefinite article also starts a name: "the Convention on a regional fisheries body"; "on the same day" does not)
_NAME_GOES_ON = r"\s+(?:{name_complements})\s+(?:(?:the\s+)?[A-Z]|(?:a|an)\s+[^\W\d])"


def mandative(doc: Doc, verb: str, span: tuple[int, int], before: str, s_start: int) -> bool:
    """A bare verb form ('accede', 'sign') whose subject is one named state: 'demand that Israel accede',
    'let Israel join'.  A report needs a tense ('acceded', 'accedes'); a bare form reports after 'we'/'I' and
    after coordinated states ('Croatia and Nigeria accede to ...'), unless 'that'/'let' opens the subject.
    An infinitive ('the first State to accede': `before` ends in 'to') is the infinitive rules' to judge."""
    if cue(doc, r"^(?:{bare_act_verbs})$").match(verb.strip()) is None or \
            re.search(r"\bto\s+(?:\w+\s+(?:and|or)\s+)?$", before) or \
            doc.patterns.state_pronoun.fullmatch(doc.text[span[0]:span[1]].strip()):
        return False
    start = span[0]
    for r in reversed([r for r in doc.refs_between(s_start, span[0], ("State", "Agency")) if doc.state_of(r)]):
        gap = doc.text[r.end:start]
        if r.end > start or not gap.strip() or not gap_is_list(gap):
            break
        start = r.start
    if start == span[0]:
        return True  # one state
    return cue(doc, r"\b(?:that|let)\s+(?:the\s+)?$").search(doc.text[max(s_start, start - 12):start]) is not None


def valued_noun(doc: Doc, before: str, after: str) -> bool:
    """A nominal act that a predicate weighs ('... is of extreme significance') or a call asks for ('we demand
    Israel's accession'): `before` is the text before the owner, `after` the text after the instrument."""
    return cue(doc, _VALUED, re.I | re.VERBOSE).search(after) is not None or \
        cue(doc, _CALLED_FOR).search(before) is not None


def relative_object(doc: Doc, before_subject: str) -> bool:
    """'..., to which the Sudan acceded in 1973, as well as X': the act's object is the relative pronoun."""
    return cue(doc, _RELATIVE_OBJECT).search(before_subject) is not None


def names_another(doc: Doc, r: Ref) -> bool:
    """A bare head noun ('the Treaty') that a name complement continues ('on a Nuclear-Weapon-Free Zone') names
    an instrument the mentions did not recognise; resolved to an instrument without that head noun ('the Treaty'
    -> the Charter), it is a wrong back-reference either way."""
    surface = re.sub(r"^(?:the|this|that)\s+", "", doc.text[r.start:r.end].strip(), flags=re.I)
    if cue(doc, r"^(?:{instrument_heads})$", 0).match(surface) is None:
        return cue(doc, r"^(?:{instrument_heads})$").match(surface) is not None and _far_antecedent(doc, r)
    entity = doc.entity(r.key)
    label = entity.label if entity is not None else ""
    if not re.search(rf"\b{re.escape(surface)}\b", label, re.I):
        return True
    return cue(doc, _NAME_GOES_ON, 0).match(doc.text, r.end) is not None


def _far_antecedent(doc: Doc, r: Ref) -> bool:
    """'the agreement' in lower case: a description ('the agreement under the Convention on ...') more often than
    a back-reference; it names the instrument only when that was named in this sentence or the one before."""
    here = doc.sentence_of(r.start)
    before = [t for t in doc.sentences if t.end <= here.start]
    start = before[-1].start if before else here.start
    return not any(o.key == r.key and o.end <= r.start and not _bare_head(doc, o)
                   for o in doc.refs_between(start, r.start))


def _bare_head(doc: Doc, r: Ref) -> bool:
    surface = re.sub(r"^(?:the|this|that)\s+", "", doc.text[r.start:r.end].strip(), flags=re.I)
    return cue(doc, r"^(?:{instrument_heads})$").match(surface) is not None


def bare_body(doc: Doc, r: Ref) -> bool:
    """'the Government', 'the authorities': a body named by its noun alone; which state's is a guess."""
    return cue(doc, r"^(?:the\s+)?(?:{bare_bodies})$").match(doc.text[r.start:r.end].strip()) is not None


def loose_agent(doc: Doc, between: str) -> bool:
    """The words between 'by (the)' and a state: more than a government's title ('the Government of') or a
    comma means the state is not the head of the agent phrase."""
    if "," in between:
        return True
    return cue(doc, r"^\s*(?:(?:{agent_titles})\s+(?:of\s+)?(?:the\s+)?)?$").match(between) is None


def attributive(doc: Doc, verb: str, before: str) -> bool:
    """'the signed Revitalized Peace Agreement': a participle after a determiner qualifies the name and says
    nothing of who signed."""
    return verb.lower().endswith("ed") and cue(doc, r"\b(?:{determiners})\s+(?:\w+ly\s+)?$").search(before) is not None


def part_of_instrument(doc: Doc, before: str) -> bool:
    """'acceded to the second commitment period of the Kyoto Protocol': the act is on a part of the treaty."""
    return cue(doc, r"\b(?:{part_nouns})(?:\s+\d+\w*)?\s+(?:of|to|under)\s+(?:the\s+)?$").search(before) is not None


def described_only(doc: Doc, r: Ref) -> bool:
    """'signed ... a Peace Agreement': an indefinite article before a short generic name describes an
    instrument; the name alone would make one node of every peace agreement."""
    entity = doc.entity(r.key)
    if entity is None or entity.from_registry or len(entity.label.split()) > 2:
        return False
    return re.search(r"\b(?:a|an)\s+$", doc.text[max(0, r.start - 4):r.start], re.I) is not None


def new_clause(doc: Doc, after_first: str) -> int | None:
    """'ratified X and, last June, Parliament approved accession to Y': an 'and' opening an adverbial between
    commas starts a new clause with its own subject; 'signed X, became a party to Y': a comma before another
    act's verb too.  The instruments after it are not this act's."""
    m = cue(doc, r"""\band\s*,[^,;]{{1,40}},
                     | ,\s*(?:and\s+)?(?:has\s+|have\s+|also\s+|then\s+)?(?:{later_acts})\b""").search(after_first)
    return m.start() if m else None


# "ratified X in 1994 and in 2001 the Kyoto Protocol": a gapped conjunct brings its own date
_GAPPED = r"\band\s+(?:{date_prepositions})\s+$"


def gapped_date(doc: Doc, prev_end: int, r: Ref) -> DateMention | None:
    """The date of a conjunct that repeats no verb: '... and in 2001 | the Kyoto Protocol'."""
    for d in doc.free_dates(prev_end, r.start):
        if cue(doc, _GAPPED).search(doc.text[prev_end:d.start]) and \
                re.fullmatch(r"\s*(?:the\s+)?", doc.text[d.end:r.start], re.I):
            return d
    return None


def conjunct_dates(doc: Doc, instruments: list[Ref], date: DateMention | None) -> dict[int, DateMention | None]:
    """Each instrument's date (by its start): its own when its conjunct brings one ('ratified X in 1994 and in
    2001 the Kyoto Protocol', 'ratified X in 2001 and Y in 2017'), else the act's."""
    out: dict[int, DateMention | None] = {}
    ends = [r.start for r in instruments[1:]] + [instruments[-1].end + 40] if instruments else []
    for prev, ref, end in zip([None, *instruments[:-1]], instruments, ends):
        own = gapped_date(doc, prev.end, ref) if prev is not None else None
        out[ref.start] = own or trailing_date(doc, ref, end) or date
    return out


def trailing_date(doc: Doc, r: Ref, end: int) -> DateMention | None:
    """'the Paris Agreement in 2017': a date right after the instrument, before the next one."""
    for d in doc.free_dates(r.end, end):
        if cue(doc, r"^\s*,?\s*(?:{date_prepositions})\s+$").match(doc.text[r.end:d.start]):
            return d
    return None


def framing(doc: Doc, r: Ref) -> bool:
    """'ratified the Paris Agreement, within the United Nations Framework Convention': the instrument after a
    framing preposition is the frame of the object, not a second object."""
    return cue(doc, r"\b(?:{frame_prepositions})\s+(?:the\s+)?$").search(doc.text[max(0, r.start - 40):r.start]) \
        is not None


def cut_name(doc: Doc, r: Ref) -> bool:
    """'the First Optional Protocol | to the former Covenant': a protocol's name that goes on past the mention
    (its treaty unresolved); 'the Treaty at the General Assembly': a head noun padded with a place; a name
    cut at a hyphenated line break."""
    if re.search(r"\w-\s+$", doc.text[max(0, r.start - 4):r.start]) or re.match(r"-\s", doc.text[r.end:r.end + 2]):
        return True  # "Comprehensive Nuclear- | Test-Ban Treaty", "Treaty on the Non | - Proliferation": a line break
    entity = doc.entity(r.key)
    if entity is None or entity.from_registry:
        return False
    if cue(doc, r"^(?:{instrument_heads})\s+(?:at|in|during|before)\b|\s(?:and|or|of|the|I|we)$", 0
           ).search(entity.label):
        return True  # "Treaty at the General Assembly", "Convention and I"
    return cue(doc, r"\b(?:{subsidiary_heads})$", 0).search(entity.label) is not None and \
        re.match(r"\s+(?:to|of)\s+(?:the\s+)?[a-z]", doc.text[r.end:r.end + 30]) is not None


def foreign_date(doc: Doc, d: DateMention, t_start: int, t_end: int, instruments: list[Ref]) -> bool:
    """A date that belongs to something else than the act: the instrument's own year ('the Treaty of Bali of
    1976'), a baseline ('compared to the base year 1990'), or a coordinated modal clause's ('has ratified X and
    will support, next year, ...')."""
    text = doc.text
    if any(re.fullmatch(r"\s+of\s+", text[r.end:d.start]) for r in instruments if r.end <= d.start):
        return True
    between = text[t_end:d.start] if d.start >= t_end else text[d.end:t_start]
    if cue(doc, r"\b(?:{baseline_words})\s+(?:the\s+)?(?:base(?:line)?\s+year\s+(?:of\s+)?)?$").search(
            text[max(0, d.start - 40):d.start]):
        return True  # "a 35 per cent cut by 2030 compared to the base year 1990"
    return cue(doc, r"\b(?:and|but)\s+(?:{modal_words}|{coordinated_auxiliaries})\b").search(between) is not None


def excepted(doc: Doc, before_subject: str) -> bool:
    """'all the States of the region, with the sole exception of Israel, have acceded': the state named after
    an exception word is the one that did not act."""
    return cue(doc, r"\b(?:{exception_words})\s+(?:the\s+)?$").search(before_subject) is not None


def shared_subject_unsure(doc: Doc, clause_start: int, t_start: int) -> bool:
    """'Syria accepted the initiative of the President of the Russian Federation ... and acceded to X': a verb
    coordinated after another predicate shares that predicate's subject; with several states before it, the
    last one is often inside the first predicate's object, so the subject is unsure."""
    if cue(doc, r"\band\s+(?:(?:has|have|had|also|then|later|subsequently)\s+)*$").search(
            doc.text[max(clause_start, t_start - 40):t_start]) is None:
        return False
    return len({doc.state_of(r) for r in doc.refs_between(clause_start, t_start, ("State", "Agency"))
                if doc.state_of(r)}) > 1


def object_list(doc: Doc, instruments: list[Ref]) -> list[Ref]:
    """The instruments that coordinate with the first as the verb's objects ('A, and B', 'A in 1994 and in
    2001 B', 'A (abbreviation) and B'); one reached through another noun ('A as a demonstration of our
    commitment to B') ends the list."""
    if not instruments:
        return instruments
    out = [instruments[0]]
    for prev, ref in zip(instruments, instruments[1:]):
        gap = doc.text[prev.end:ref.start]
        for d in doc.free_dates(prev.end, ref.start):
            gap = gap.replace(doc.text[d.start:d.end], " ")
        gap = cue(doc, r"\([^()]{{1,30}}\)|\b(?:{date_prepositions}|together\s+with|along\s+with)\b").sub(" ", gap)
        gap = re.sub(r"(?:\b[A-Z][\w-]*\s+)+$", " ", gap)  # "and the United Nations | Convention against Torture"
        if not gap_is_list(gap):
            break
        out.append(ref)
    return out


def other_object(doc: Doc, gap: str) -> bool:
    """'Venezuela ratifies its commitment to ... the Charter': a possessive noun right after the verb is its
    object; the instrument further on is not."""
    return cue(doc, r"^\s*(?:{possessives})\s+(?!(?:{act_objects})\b)[a-z]").match(gap) is not None


def no_object(doc: Doc, r: Ref, t_end: int) -> bool:
    """An instrument after a trigger that is no object of its act: another instrument than the name says, a
    part of it, a description, a frame, or a cut name."""
    return names_another(doc, r) or part_of_instrument(doc, doc.text[max(t_end, r.start - 60):r.start]) or \
        described_only(doc, r) or framing(doc, r) or cut_name(doc, r)
