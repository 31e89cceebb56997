"""Population figures (rule `population`): how many refugees, migrants or stateless people a place holds.

"Kazakhstan hosts some 600 refugees", "the number of stateless persons in X stood at 7,000 in 2019": a count
with a population noun, the place that holds them (not where they fled), and the nearest date no other rule
claimed.  Flows ("1,900 were granted citizenship") and rates are no stock and are left out.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from ...lang import vocabulary
from ...records import DateValue, PopulationFigure
from ...text.dates import DateMention
from ...text.intervals import Spans
from ...text.sentences import Sentence
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import DATE_CLAIMERS, claimed_dates, is_duration, nearest, phrase_in

_DIGIT = re.compile(r"\d")


def _patterns(doc: Doc) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'<approx> N <modifier> <noun>' and 'the number of <noun> ... is <approx> N' (nouns from the lexicon)."""
    groups = sorted(doc.lexicon.group_nouns, key=len, reverse=True)
    nouns = "|".join(re.escape(g) for g in groups + sorted(doc.lexicon.people_nouns, key=len, reverse=True))
    approx = "|".join(re.escape(a) for a in doc.lexicon.approximators)
    words = doc.patterns.words
    pattern = re.compile(rf"(?:(?P<approx>{approx})\s+)?{doc.patterns.number}\s+(?:(?:{words['count_modifiers']}"
                         rf"|[A-Z][a-z]+)\s+)?(?P<noun>{nouns})\b", re.I)
    reverse = re.compile(rf"\b(?:the\s+)?(?:total\s+)?number\s+of\s+(?:(?:{words['status_modifiers']})\s+)?"
                         rf"(?P<noun>{nouns})\b[^.;]{{0,60}}?\s(?:{words['amount_verbs']})\s+"
                         rf"(?:(?P<approx>{approx})\s+)?{doc.patterns.number}", re.I)
    return pattern, reverse


@rule("population", stage="facts", produces=PopulationFigure, after=DATE_CLAIMERS + ("visits",))
def population_figures(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PopulationFigure, ...]:
    """Each count of people in a sentence, where a place holds them; dates claimed by other rules are not read."""
    claimed = claimed_dates(inputs)
    pattern, reverse = _patterns(doc)
    date_spans = Spans((d.start, d.end) for d in doc.dates if d.kind != "now")
    out: list[PopulationFigure] = []
    for s in doc.sentences:
        sentence = doc.text[s.start:s.end]
        if _DIGIT.search(sentence) is None:
            continue  # both patterns end in a figure (`patterns.number`, a \d): no digit, no match
        for form, m in [*(("count_noun", m) for m in pattern.finditer(sentence)),
                        *(("number_of", m) for m in reverse.finditer(sentence))]:
            if date_spans.contains(s.start + m.start("num")):
                continue
            figure = _figure(doc, s, form, m, claimed)
            if figure is not None:
                out.append(figure)
    return tuple(out)


def _figure(doc: Doc, s: Sentence, form: str, m: re.Match[str], claimed: set[int]) -> PopulationFigure | None:
    text = doc.text
    n_start, n_end = s.start + m.start("num"), s.start + m.end("num")
    noun = m.group("noun").lower()
    group = doc.lexicon.group_nouns.get(noun) or _people_group(doc, s, m)
    if group is None:
        return None
    count = _count(doc, m.group("num"), m.group("mult"))
    if count is None or count < 2 or _ratio(doc, s.start + m.start()):
        return None
    tail = text[s.start + m.end("noun"):s.start + m.end("noun") + 40]
    if group != "other" and any(re.match(rf"\s+{re.escape(t)}\b", tail, re.I)
                                for t in doc.lexicon.population_mixed_tails):
        group = "other"  # "100,000 refugees and displaced persons": one count for two groups
    if _is_flow(doc, s, s.start + m.start(), s.start + m.end()) or _recipients(doc, s, s.start + m.start(),
                                                                              s.start + m.end()):
        return None
    place, p_span = _figure_place(doc, s, s.start + m.start(), s.start + m.end())
    if place is None:
        return None
    dates = [d for d in doc.free_dates(s.start, s.end, with_now=True) if not is_duration(doc, d)
             and d.start not in claimed and not _outside_relative(doc, d, s.start + m.start())
             and not doc.patterns.interval_before.search(text[max(0, d.start - 8):d.start])
             and not (d.start >= n_end and _DIGIT.search(text[n_end:d.start]) and _finite_between(doc, n_end, d.start))]
    date = nearest(dates, n_start)  # not past another figure: "N refugees, and M more are expected this year"
    value = _year_end(doc, date) if date else None
    lo = min(s.start + m.start(), p_span[0], date.start if date else n_start)
    hi = max(s.start + m.end(), p_span[1], date.end if date else n_end)
    approximate = bool(m.group("approx")) or \
        doc.patterns.approximate_before.search(text[max(0, n_start - 12):n_start]) is not None
    return PopulationFigure(place, group, count, approximate, value,  # type: ignore[arg-type]
                            doc.evidence(lo, hi), "population." + form)


@cache
def _people_cues(language: str) -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The modifiers that name a group ('displaced people'), the cues of forced displacement (a group of its own,
    'other': 'people forced to flee their homes' are refugees and the internally displaced together), and the
    pronouns that open a relative clause."""
    section = vocabulary(language)["facts"]["population"]
    displaced = re.compile(rf"\b(?:{'|'.join(section['displacement_cues'])})", re.I)
    relative = re.compile(rf"\b(?:{'|'.join(section['relative_heads'])})\b", re.I)
    return dict(section["people_modifier_groups"]), displaced, relative


def _people_group(doc: Doc, s: Sentence, m: re.Match[str]) -> str | None:
    """The group a bare 'N people' count belongs to, read from the words that describe those people: a modifier
    ('N displaced people'), then a relative clause ('N people worldwide who are stateless'), then the cue in the
    figure's clause nearest to the noun.  A cue elsewhere in the sentence ('offering protection to ...') describes
    something else than the people counted."""
    modifiers, displaced, relative = _people_cues(doc.document.language)
    text = doc.text
    before = re.search(r"([\w-]+)\s+$", text[s.start + m.start("num"):s.start + m.start("noun")])
    if before and before.group(1).lower() in modifiers:
        return modifiers[before.group(1).lower()]
    noun_end = s.start + m.end("noun")
    rel = re.match(rf"(?:\s+[\w-]+){{0,3}}?\s*,?\s+(?:{relative.pattern})\s+([^,;:.]{{0,60}})",
                   text[noun_end:s.end], re.I)
    cues = [("other", displaced), *doc.patterns.people_context.items()]
    if rel:
        described = [(c.start(), g) for g, rx in cues for c in [rx.search(rel.group(1))] if c]
        if described:
            return min(described)[1]
    offset, hi = _clause_span(doc, s, s.start + m.start(), noun_end)
    window = text[offset:hi]
    figure = s.start + m.start()
    found = []
    for i, (g, rx) in enumerate(cues):
        for c in rx.finditer(window):
            lo, hi = offset + c.start(), offset + c.end()
            between = text[noun_end:lo] if lo >= noun_end else text[hi:figure] if hi <= figure else None
            # a cue far off, or after the people past a comma, describes something else ('N people around the
            # world, producing migration flows'); before them it may be what affects them ('statelessness, a
            # problem which affects N people')
            after = lo >= noun_end
            if between is not None and len(between) <= (40 if after else 60) and not (
                    after and re.search(r"[,;:]", between)):
                found.append((len(between), i, g))
    return min(found)[2] if found else None


def _ratio(doc: Doc, start: int) -> bool:
    """'one in every 108 people': a share, not a count."""
    leads = doc.patterns.words["ratio_leads"]
    return re.search(rf"\b(?:{leads})\s*$", doc.text[max(0, start - 25):start], re.I) is not None


def _outside_relative(doc: Doc, d: DateMention, figure: int) -> bool:
    """'7 June 2011 - The agency today hailed X's decision ..., a problem which affects up to 12 million people':
    a date before a relative clause that holds the figure dates the main clause, not the figure, unless the
    clause describes the host named just before it ('In 2019, Uganda, which hosts N refugees')."""
    if d.end > figure:
        return False
    relative = _people_cues(doc.document.language)[2]
    heads = list(relative.finditer(doc.text, d.end, figure))
    if not heads:
        return False
    head = heads[-1].start()
    hosts = [r for r in doc.refs_between(max(d.end, head - 60), head, ("State", "Place"))
             if re.fullmatch(r"\s*,?\s*", doc.text[r.end:head])]
    return not hosts


def _year_end(doc: Doc, d: DateMention) -> DateValue:
    """'at the end of 2007': a stock counted at a year's end is dated to its last month (2007-12)."""
    iso = d.value.iso if d.value is not None else ""  # a relative date in an undated document has no value
    if re.fullmatch(r"\d{4}", iso) and re.search(rf"(?:{doc.patterns.words['year_end_leads']})\s*$",
                                                 doc.text[max(0, d.start - 16):d.start], re.I):
        return DateValue(iso + "-12")
    return d.value


def _finite_between(doc: Doc, lo: int, hi: int) -> bool:
    """'N refugees, and M more are expected this year': the words between a figure and a later date hold a
    finite verb of another clause; 'N refugees and M others displaced internally at the end of 2007' do not,
    and the date is both figures'."""
    return re.search(rf"\b(?:{doc.patterns.words['finite_markers']})\b", doc.text[lo:hi], re.I) is not None


def _count(doc: Doc, number: str, multiplier: str | None) -> int | None:
    if not multiplier and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")  # "100.000 refugees": a thousands separator, not a decimal point
    number = re.sub(r"[\u00a0\u202f ]", "", number)  # "800 000 refugees": a space groups thousands
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    if multiplier:
        value *= doc.patterns.multipliers[multiplier.lower()]
    return int(round(value))


def _clause_window(doc: Doc, s: Sentence, start: int, end: int, width: int = 60) -> str:
    """The text around a figure, cut at the clause marks that separate it from other statements."""
    lo, hi = _clause_span(doc, s, start, end, width)
    return doc.text[lo:hi]


def _clause_span(doc: Doc, s: Sentence, start: int, end: int, width: int = 60) -> tuple[int, int]:
    """The offsets of `_clause_window`."""
    text = doc.text
    lo, hi = max(s.start, start - width), min(s.end, end + width)
    left = max((m.end() for m in re.finditer(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", text[lo:start])), default=0)
    right = re.search(r"[;:]|\bwhile\b|\bwhereas\b|\bbut\b", text[end:hi])
    return lo + left, end + (right.start() if right else hi - end)


def _is_flow(doc: Doc, s: Sentence, start: int, end: int) -> bool:
    """'1,900 people were granted citizenship', '46,000 returned', '25,000 arrive each year': not a stock."""
    window = _clause_window(doc, s, start, end)
    return phrase_in(doc.lexicon.population_flow_cues, window) or phrase_in(
        doc.lexicon.population_rate_cues, window) or re.search(  # 'could not repatriate N refugees to X'
        rf"\b(?:{doc.patterns.words['flow_stems']})\b", window, re.I) is not None


def _recipients(doc: Doc, s: Sentence, start: int, end: int) -> bool:
    """'granted protection to hundreds of ..., as well as to more than 18,000 migrants', 'assistance to 2 million
    people': the people a verb gives something to, no stock, unless the verb is one of hosting ('home to N',
    'gave shelter to N'), or the people are said to be in a place ('protection to N refugees in the country')."""
    text = doc.text
    if not re.search(r"\bto\s*$", text[max(s.start, start - 4):start]) or \
            re.search(r"^[^,;:.]{0,30}?\b(?:in|within)\s", text[end:min(s.end, end + 40)]):
        return False
    before = text[max(s.start, start - 30):start]
    return not (phrase_in(doc.lexicon.population_host_verbs, before) or re.search(
        rf"\b(?:{doc.patterns.words['shelter_nouns']})\s+to\s*$", before, re.I))  # 'provided shelter to N'


def _hosting_gap(doc: Doc, gap: str, strong: bool = False) -> bool:
    """'X hosts / has given shelter to / is home to N refugees': the words between X and N say X holds them.
    `strong`: a verb of hosting proper, not 'has' or 'is' (which also open 'X has produced N refugees')."""
    verbs = doc.lexicon.population_host_verbs
    weak = set(doc.patterns.words["weak_host_verbs"].replace("\\ ", " ").split("|"))
    proper = tuple(v for v in verbs if v not in weak)
    if not (len(gap.split()) <= 12 and phrase_in(proper if strong else verbs, gap) and
            not phrase_in(doc.lexicon.population_origin_cues, gap) and not re.search(r"[;:]", gap)):
        return False
    if strong or phrase_in(proper, gap):
        return True
    # only 'has' or 'is': the verb must be X's and hold the people ('X now has N', 'X is first, with N'), not
    # another noun's ('Syria, whose civil war has ...') nor the auxiliary of another verb ('X has produced N')
    adverbs = set(doc.patterns.words["aux_adverbs"].split("|"))
    words = [w for w in re.findall(r"[\w'-]+", gap.lower()) if w not in adverbs and not w.endswith("ly")]
    if phrase_in(tuple(doc.patterns.words["possessive_relatives"].split("|")), gap):
        return False
    intake = set(doc.patterns.words["intake_participles"].split("|"))  # 'X has welcomed N refugees' holds them
    return not any(w in weak and re.fullmatch(r"[a-z]+(?:ed|en|wn|ught)", nxt) and nxt not in intake
                   for w, nxt in zip(words, words[1:]))


Placed = tuple[str | None, tuple[int, int]]  # the place's key (None: no place) and the span that names it
_NO_PLACE: Placed = (None, (0, 0))


def _figure_place(doc: Doc, s: Sentence, start: int, end: int) -> Placed:
    """Where the counted people are: named inside or after the figure, a region or the world, else the host
    named before ('X hosts N refugees'); never the place they come from."""
    text = doc.text
    inside = [r for r in doc.refs_between(start, end, ("State", "Place"))  # "the number of refugees in X is N"
              if re.search(r"\b(?:in|within|across)\s+(?:the\s+)?$", text[max(start, r.start - 10):r.start])
              and not phrase_in(doc.lexicon.population_origin_cues, text[start:r.start])]
    if inside:
        return inside[0].key, inside[0].span
    found = _place_after(doc, s, start, end) or _wider_place(doc, s, start, end) or _host_before(doc, s, start, True)
    if found is not None:
        return found
    if re.match(r"\s*,?\s*(?:who\s+(?:have\s+|had\s+)?)?(?:"
                + "|".join(re.escape(c) for c in doc.lexicon.population_origin_cues)
                + r")\b", text[end:end + 30], re.I):
        return _NO_PLACE  # "... 12,000 refugees fleeing": the country named before is the one they flee
    return _host_before(doc, s, start, False) or _NO_PLACE


def _place_after(doc: Doc, s: Sentence, start: int, end: int) -> Placed | None:
    """'N refugees in X', 'N refugees ... are estimated to be living in X', 'N refugees in our country';
    `_NO_PLACE` when the place after is where they fled or one of a list.  'N refugees to X' is where they go
    ('will release N refugees to Europe'), no place where they are."""
    text = doc.text
    after = [r for r in doc.refs_between(end, min(s.end, end + 60), ("State", "Place"))
             if re.search(r"\b(?:in|of|within|across)\s+(?:the\s+)?$", text[max(end, r.start - 10):r.start])
             and not re.search(r"\s[\u2013\u2014-]+\s|[()]", text[end:r.start])  # "N refugees - the most in X"
             and not re.search(r",\s+(?:the|a)\s+(?:\w+\s+)?(?:\w+est|most)\b", text[end:r.start], re.I)
             and (r.start <= end + 40 or not _DIGIT.search(text[end:r.start]) and  # "... are estimated to be
                  not re.search(r"[,;:]|\b(?:while|whereas|but)\b", text[end:r.start]))]  # living in X"
    own = doc.patterns.own_country_after.match(text, end, min(s.end, end + 40))
    if own and own.group("the") and not doc.document.author_state:
        own = None  # "in the country" is the speaker's own only in a statement; in news it is the one last named
    if own and doc.main_state and not after:  # "a million Somali refugees in our country"
        return doc.main_state, own.span()
    if after and phrase_in(doc.lexicon.population_origin_cues, text[end:after[0].start]):
        return _NO_PLACE  # "12,000 refugees displaced by the conflict in Iraq": where they fled, not are
    if after:
        return _NO_PLACE if _in_place_list(doc, after[0]) else (after[0].key, after[0].span)
    origin = [r for r in doc.refs_between(end, min(s.end, end + 30), ("State",))
              if re.search(r"\bfrom\s+(?:the\s+)?$", text[max(end, r.start - 10):r.start])]
    if origin and re.search(r"migrant|emigrant|diaspora", text[start:end], re.I):
        return origin[0].key, origin[0].span  # "2 million labour migrants from X": the country they come from
    return None


def _wider_place(doc: Doc, s: Sentence, start: int, end: int) -> Placed | None:
    """'N refugees in the region' (the region named before), a worldwide total (no figure for the country
    named nearby)."""
    text = doc.text
    region = doc.patterns.region.search(text, end, min(s.end, end + 40))
    if region:
        regions = [r for r in doc.refs if r.type == "Place" and r.kind in ("region", "subregion") and r.end <= start]
        if regions:
            return regions[-1].key, region.span()
    offset, hi = _clause_span(doc, s, start, end, 120)
    relative = _people_cues(doc.document.language)[2]
    for world in doc.patterns.world.finditer(text[offset:hi]):
        lo = offset + world.start()
        if lo < start and relative.search(text, offset + world.end(), start):
            continue  # 'of concern to the entire world is the conflict in X, which has led to N displaced'
        key = doc.registry.lookup("Place", "World")
        return (key, (lo, offset + world.end())) if key else _NO_PLACE
    return None


def _host_before(doc: Doc, s: Sentence, start: int, strong: bool) -> Placed | None:
    """'X hosts N refugees', 'the country has given shelter to N refugees': the host named (or meant by
    'the country') before the figure, with a verb of hosting between (`strong`: not 'has' or 'is')."""
    text = doc.text
    before = [r for r in doc.refs_between(s.start, start, ("State", "Place", "Agency")) if doc.state_of(r) or
              r.type == "Place"]
    if before and _hosting_gap(doc, text[before[-1].end:start], strong) and not _in_place_list(doc, before[-1]):
        return (doc.state_of(before[-1]) or before[-1].key), before[-1].span
    pronoun = None
    for m in doc.patterns.state_pronoun.finditer(text, s.start, start):
        pronoun = m
    if pronoun is None or before and before[-1].end > pronoun.end() or not _hosting_gap(
            doc, text[pronoun.end():start], strong):
        return None
    if strong and not _own_state(doc, pronoun.start()) or not doc.main_state:
        return None
    return doc.main_state, pronoun.span()


def _in_place_list(doc: Doc, ref: Ref) -> bool:
    """'1.8 million refugees in Uganda, Sudan, Ethiopia and Kenya': a figure for several places is none of
    each one's (the place is a member of a list of places)."""
    text, places = doc.text, ("State", "Place")
    nxt = [r for r in doc.refs_between(ref.end, ref.end + 30, places) if r.start > ref.end]
    if nxt and doc.patterns.place_list_gap.fullmatch(text[ref.end:nxt[0].start]):
        return True
    prev = [r for r in doc.refs_between(max(0, ref.start - 30), ref.start, places) if r.end < ref.start]
    return bool(prev) and doc.patterns.place_list_gap.fullmatch(text[prev[-1].end:ref.start]) is not None


def _own_state(doc: Doc, pos: int) -> bool:
    """'the country' at `pos` is the document's state: the speaker's in a statement; elsewhere only when that
    state is also the one named last before (news name the country they then call 'the country')."""
    if doc.main_state is None:
        return False
    if doc.document.author_state:
        return True
    named = [r for r in doc.refs_between(max(0, pos - 2000), pos, ("State",)) if r.key]
    return bool(named) and named[-1].key == doc.main_state
