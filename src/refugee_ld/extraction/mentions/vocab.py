"""The compiled vocabulary of mention detection: word sets and patterns built once per lexicon, registry and
language, and shared by every document (building them per document cost more than some rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.lexicon import Lexicon
from ...registry import Registry

_SENTENCE_OPENERS = {"The", "This", "That", "These", "In", "On", "At", "For", "Of", "And", "But", "As", "With", "By",
                     "From", "Since", "During", "After", "Before", "Following", "According", "Under", "While", "Its",
                     "Our", "Their", "His", "Her", "A", "An", "Currently", "Today", "Nowadays", "Now", "Also", "Thanks",
                     "Using", "Speaking", "Taking", "Considering", "Unfortunately", "Moreover", "Furthermore", "However",
                     "Representatives", "Participants", "Participating", "Most", "Some", "All", "Every", "Each"}
_CONNECTORS = {"of", "on", "for", "and", "the", "in", "to", "between", "relating", "against", "concerning", "'", "s",
               "&", "at"}
NATIONAL_HEADS = {"Ministry", "Committee", "Commission", "Parliament", "Senate", "Mazhilis", "Majilis", "Government",
                  "Police", "Service", "Department", "Agency", "Working Group", "Group", "Court", "Prosecutor's Office",
                  "Inspectorate", "Directorate", "Administration", "Cabinet", "Ombudsman's Office"}
_INTERNATIONAL_MARKERS = {"united", "nations", "un", "international", "regional", "global", "european", "asian",
                          "world", "islamic", "eurasian", "intergovernmental", "inter-governmental"}
_CITY_KINDS = {"city"}
_LOWER_AGENCY_HEADS = {"body", "structure", "mechanism", "office", "committee", "commission", "agency", "group",
                       "council", "secretariat", "platform"}
_SCOPE_NOUNS = {"area", "areas", "field", "fields", "sphere", "spheres"}
_CLAUSE_WORDS = {"which", "that", "who", "is", "was", "were", "are", "has", "have", "had", "will", "would", "to", "by"}
_OTHER_SESSION_BODY = re.compile(r"\b(?:Council|Commission|Committee|Conference|Parliament|Congress|Summit|Court|Board"
                                 r"|Executive|Tribunal|Assembly\s+of\s+Heads|Human\s+Rights)\b")


@dataclass(frozen=True, eq=False)
class MentionVocabulary:
    """Everything language-specific the mention rules read; see `vocabulary_for`."""

    language: str
    sentence_openers: frozenset[str]
    connectors: frozenset[str]
    national_heads: frozenset[str]
    international_markers: frozenset[str]
    city_kinds: frozenset[str]
    lower_agency_heads: frozenset[str]
    scope_nouns: frozenset[str]
    clause_words: frozenset[str]
    parliament_heads: frozenset[str]
    title_small_words: frozenset[str]
    laws: tuple[re.Pattern[str], ...]
    law_topic_lead: re.Pattern[str]
    law_topic_the: re.Pattern[str]
    law_topic_void: frozenset[str]
    law_head_quote: re.Pattern[str]
    resolution: re.Pattern[str]
    ordinal_session: re.Pattern[str]
    count_in_period: re.Pattern[str]
    session_kind_words: frozenset[str]
    possessive_body: re.Pattern[str]
    current_session: re.Pattern[str]
    current_word: re.Pattern[str]
    other_session_body: re.Pattern[str]
    addresses_assembly: re.Pattern[str]
    government: re.Pattern[str]
    capital_initial: re.Pattern[str]
    name_before: re.Pattern[str]
    meeting_of: re.Pattern[str]
    meeting_body: re.Pattern[str]
    described_event: re.Pattern[str]
    holding: re.Pattern[str]
    discuss: re.Pattern[str]
    year: re.Pattern[str]
    counting_adjective: re.Pattern[str]
    quoted_event: re.Pattern[str]
    person_name: re.Pattern[str]
    honorific_before: re.Pattern[str]
    post_before: re.Pattern[str]
    post_after: re.Pattern[str]
    verb_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    surname: re.Pattern[str]
    anaphor: re.Pattern[str]
    post_head: re.Pattern[str]
    title_words: frozenset[str]
    honorific_words: frozenset[str]
    owned_lead: re.Pattern[str]
    location_lead: re.Pattern[str]
    year_range: re.Pattern[str]
    short_unit: re.Pattern[str] | None
    unit_tail: re.Pattern[str]
    numbered_token: re.Pattern[str]
    annual_assembly: str
    any_event_anaphors: frozenset[str]
    definite_determiners: frozenset[str]
    event_anaphor_nouns: frozenset[str]
    government_unit: str
    government_word: str
    head_complements: frozenset[str]
    indefinite_determiners: frozenset[str]
    indefinite_instruments: dict[str, str]
    instrument_anaphors: dict[str, frozenset[str] | None]
    location_words: frozenset[str]
    lower_instrument_heads: frozenset[str]
    of_link: str
    of_topic: str
    office_anaphors: frozenset[str]
    office_kinds: frozenset[str]
    organisation_anaphors: frozenset[str]
    organiser_joint: re.Pattern[str]
    post_title_leads: tuple[tuple[str, re.Pattern[str]], ...]
    topic_preposition: str
    unlabelled_adjectives: frozenset[str]
    word_run: re.Pattern[str]
    word_start: re.Pattern[str]


_CACHE: dict[tuple[int, int, str], tuple[Registry, Lexicon, MentionVocabulary]] = {}


def vocabulary_for(lexicon: Lexicon, registry: Registry, language: str = "en") -> MentionVocabulary:
    """The vocabulary for this lexicon, registry (its state adjectives) and language, built once and kept."""
    key = (id(lexicon), id(registry), language)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is registry and hit[1] is lexicon:
        return hit[2]
    if len(_CACHE) >= 8:
        _CACHE.clear()
    built = _build(lexicon, registry, language)
    _CACHE[key] = (registry, lexicon, built)
    return built


def _alternation(words: object, longest_first: bool = False) -> str:
    items = list(words)  # type: ignore[call-overload]
    if longest_first:
        items = sorted(items, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items)


def _build(lex: Lexicon, registry: Registry, language: str) -> MentionVocabulary:
    posts = "|".join(re.escape(p) for p in lex.post_heads)
    ordinal = lex.ordinal_pattern()
    det = r"(?:this|the\s+current|the\s+present|its\s+current|its\s+present|this\s+year['\u2019]s)"
    adjectives = "|".join(re.escape(a) for a in sorted(registry.adjectives, key=len, reverse=True))
    abbreviations = "|".join(re.escape(a) for a in lex.ministry_abbreviations)
    nouns = "|".join(re.escape(n) for n in sorted(lex.event_nouns, key=len, reverse=True))
    name_token = r"(?:[A-Z][a-z\u00e0-\u024f']+(?:-[A-Za-z\u00e0-\u024f][a-z\u00e0-\u024f']*)*(?![\w-])|[A-Z]\.)"
    honorific = "|".join(re.escape(h) for h in lex.honorifics)
    verbs = "|".join(re.escape(v) for v in lex.speech_verbs)
    event_anaphors = "|".join(re.escape(n) for n in lex.event_anaphors)
    return MentionVocabulary(
        language=language,
        sentence_openers=frozenset(_SENTENCE_OPENERS),
        connectors=frozenset(_CONNECTORS),
        national_heads=frozenset(NATIONAL_HEADS),
        international_markers=frozenset(_INTERNATIONAL_MARKERS),
        city_kinds=frozenset(_CITY_KINDS),
        lower_agency_heads=frozenset(_LOWER_AGENCY_HEADS),
        scope_nouns=frozenset(_SCOPE_NOUNS),
        clause_words=frozenset(_CLAUSE_WORDS),
        parliament_heads=frozenset(("Parliament", "Senate", "Mazhilis", "Majilis")),
        title_small_words=frozenset({"of", "on", "the", "and", "for", "in", "to", "a", "an"}),
        laws=(
            re.compile(r"\b(?P<head>[Ll]aw|Code)\b(?: of (?:the )?(?:Republic of )?(?P<st>[A-Z][\w-]+(?: Republic)?))?"
                       r"(?: (?:was |were )?(?:passed|adopted|enacted) )?(?: ?(?:titled|entitled|called|named))?"
                       r" ?\"(?P<topic>(?:On|on|About|about) [^\"]{3,90})\""),
            re.compile(r"\b(?P<head>[Ll]aw)\b(?: of (?:the )?(?:Republic of )?(?P<st>[A-Z][\w-]+(?: Republic)?))? (?P<prep>on|of) "
                       r"(?P<topic>(?:the )?[A-Za-z][\w-]*(?: (?:[A-Za-z][\w-]*))*?)"
                       r"(?=\s(?:that|which|was|were|is|are|came|comes|entered|enters|has|had|and|in|on|with|by|to)\b|"
                       r"\s?[,.;:()\"]|$)"),
        ),
        law_topic_lead=re.compile(r"^(?:on|about|the)\s+", re.I),
        law_topic_the=re.compile(r"^the\s+", re.I),
        law_topic_void=frozenset({"law", "the", "basis", "rule"}),
        law_head_quote=re.compile(r'(?:[Ll]aw|Code) ?"'),
        resolution=re.compile(r"\b(?:(?P<body>Security\s+Council|General\s+Assembly)\s+(?:(?:has\s+)?adopted\s+(?:its\s+)?"
                              r"(?:\w+\s+)?)?)?resolution\s+(?P<num>\d{1,4}(?:/\d{1,4})?)(?![\w/])"
                              r"(?:\s*\((?P<year>(?:19|20)\d\d)\))?"),
        ordinal_session=re.compile(
            r"(?:\b(?P<det>its |the |their ))?(?P<ord>" + ordinal + r") "
            r"(?P<adj>(?:(?:regular|special|annual|plenary|ordinary|extraordinary|ministerial|high-level) )*)"
            r"(?P<noun>[Ss]ession|[Mm]eeting|[Ss]ummit|[Cc]onference|[Ff]orum|[Pp]lenary)\b(?P<of> of (?:the )?)?", re.I),
        count_in_period=re.compile(r"\s*(?:this|that|last|of\s+the|in\s+the)\s+(?:year|month|week|day)\b"),
        session_kind_words=frozenset(("special", "extraordinary", "emergency", "ordinary")),
        possessive_body=re.compile(r"['\u2019]s\s+((?:[A-Z][\w-]+\s?){1,4})"),
        current_session=re.compile(
            rf"\b{det}\s+(?:(?:regular|annual)\s+)?session\s+of\s+the\s+(?P<body>(?:General\s+)?Assembly)\b"
            rf"|\b(?P<body2>(?:General\s+)?Assembly)(?:\s+[\w-]+){{0,4}}?\s+(?:at|during)\s+"
            rf"(?:{det}|its)\s+session\b"
            rf"|\bthe\s+(?:current|present)\s+(?P<body3>(?:General\s+)?Assembly)\s+session\b"
            rf"|\b(?:this|the|our)\s+(?P<ord>{ordinal})\s+(?:regular\s+)?session\b(?!\s+of\b)"
            rf"|\b(?P<bare>{det}|our)\s+(?:regular\s+)?session\b(?!\s+of\b)"
            rf"|\b(?:the|its|our)\s+(?P<prev>previous|last|preceding)\s+(?:regular\s+)?session\b"
            rf"(?!\s+of\b)", re.I),
        current_word=re.compile(r"(?:current|present|this)", re.I),
        other_session_body=_OTHER_SESSION_BODY,
        addresses_assembly=re.compile(r"\bGeneral\s+Assembly\b|\bpresidency\s+of\s+(?:the|this|our)\s+Assembly\b"),
        government=re.compile(
            rf"\b(?:(?P<adj>{adjectives}) (?P<gov1>Government|government|(?:{abbreviations})\b)"
            rf"|(?P<gov2>Government|(?:{abbreviations})\b)(?: of (?:the )?(?=[A-Z]))?)"),
        capital_initial=re.compile(r"[A-Z]"),
        name_before=re.compile(r"\b(?!The\b)[A-Z][a-z]+\s+$"),
        meeting_of=re.compile(r"\b(?:meeting|session|summit) of (?:the )?(?P<name>[A-Z][\w-]*"
                              r"(?: (?:[A-Z][\w-]*|of|on|and|the|for)(?= [A-Z]|$| \w+ [A-Z]))*(?: [A-Z][\w-]*)?)"),
        meeting_body=re.compile(r"\b(?:Panel|Group|Committee|Council|Commission|Board)\b"),
        described_event=re.compile(
            rf"\b(?P<det>[Aa]|[Aa]n|[Tt]he|[Jj]oint)\s+(?P<adj>(?:(?:[A-Z]{{2,}}|and|[\w-]+al|high-level|joint|annual|ministerial"
            rf"|expert|regional|international|national|round|\w+-day|\d+(?:st|nd|rd|th)|first|second|third|fourth"
            rf"|fifth|sixth|seventh|eighth|ninth|tenth|inter-agency|bilateral|trilateral|tripartite) )*)"
            rf"(?P<noun>{nouns})\b"
            r"(?P<topic> (?:on|about|of) (?:[\w'-]+)(?: (?!(?:" + "|".join(sorted(lex.topic_stop_words)) +
            r")\b)(?:[\w'-]+)){0,14}?)?"
            r"(?=\s*(?:[,.;:()]|which|that|was|were|is|held|organi[sz]ed|took|in \d|on \d|bringing|to discuss|$))"),
        holding=re.compile(r"\b(?:held|conducted|organi[sz]ed|convened|hosted|took place|was held|co-organi[sz]ed)\b"),
        discuss=re.compile(r"\bto discuss ([\w' -]+?)(?=[,.;]|$)"),
        year=re.compile(r"\d{4}"),
        counting_adjective=re.compile(r"\w+-day|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth"
                                      r"|seventh|eighth|ninth|tenth"),
        quoted_event=re.compile(rf"\b(?P<noun>(?:(?:international|regional|national|high-level|ministerial|annual|expert"
                                rf"|scientific|practical|round-table|interregional|sub-regional|republican|[\w]+-day)\s+)"
                                rf"{{0,2}}(?:{nouns}))\s*(?:entitled\s+|titled\s+|on\s+)?"
                                r"\"(?P<title>[^\"]{4,120})\"", re.I),
        person_name=re.compile(rf"\b{name_token}(?: (?:{name_token}|de|da|van|von|bin|al-\w+))" + r"{1,6}\b"),
        honorific_before=re.compile(rf"(?:{honorific})\s*$"),
        post_before=re.compile(rf"(?:{posts})(?: [\w' ]+?)?,?\s*$"),
        post_after=re.compile(rf",? (?:the )?(?:[\w-]+ ){{0,3}}(?:{posts})\b"),
        verb_before=re.compile(rf"\b(?:{verbs})\s*$"),
        verb_after=re.compile(rf",? (?:{verbs}|has|had|who|visited|met|became|participated)\b"),
        surname=re.compile(r"\b[A-Z][a-z\u00e0-\u024f'-]{3,}\b"),
        anaphor=re.compile(
            rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ss]uch an?|[Ii]ts|[Aa]n?)\s+(?:(?:high-level|same|said|regional|new)\s+)?"
            rf"(?P<noun>{event_anaphors}|Conference|Roundtable|Meeting|Summit|Session|Forum|Convention|Protocol|Covenant|"
            r"Law|law|Declaration|declaration|Agreement|agreement|Organization|organization|Organisation|organisation|"
            r"Office|Concept|concept|Plan|Programme|Strategy|Treaty|treaty)\b(?!\s+(?:of|on|for)\s+(?:the\s+)?[A-Z])"),
        post_head=re.compile(rf"\b(?:{posts})\b"),
        title_words=frozenset(w for phrase in (*lex.post_heads, *lex.post_modifiers) for w in phrase.split()),
        honorific_words=frozenset(w for h in lex.honorifics for w in h.split()),
        owned_lead=re.compile(r"\b(?:our|my|national)\s+(?:[\w-]+\s+){0,2}$", re.I),
        location_lead=re.compile(r"\bin\s+(?:the\s+)?$"),
        year_range=re.compile(r"\b(\d{4})-(\d{2})\b"),
        short_unit=re.compile(r" of the (?=(?:" + "|".join(sorted(NATIONAL_HEADS)) + r")\b)"),
        unit_tail=re.compile(r"\s+(?:of|in)(?: the)?(?: Republic of)?$"),
        numbered_token=re.compile(r"\d{1,3}(?:st|nd|rd|th)|\d{4}(?:-\d{2,4})?"),
        word_start=re.compile(r"\w"),
        annual_assembly="United Nations General Assembly",
        any_event_anaphors=frozenset(("event", "forum")),
        definite_determiners=frozenset(("the",)),
        event_anaphor_nouns=frozenset(n.lower() for n in lex.event_anaphors),
        government_unit="Government",
        government_word="Government",
        head_complements=frozenset(("of", "on")),
        indefinite_determiners=frozenset(("a", "an")),
        indefinite_instruments={"declaration": "declaration"},
        instrument_anaphors={**{n: frozenset({n}) for n in ("convention", "protocol", "covenant", "treaty", "agreement",
                                                           "declaration", "law", "concept", "plan", "programme",
                                                           "strategy")},
                             "concept": frozenset({"policy"}), "strategy": frozenset({"policy"}),
                             "programme": frozenset({"plan"}), "treaty": None,
                             "convention": frozenset({"convention", "ilo_convention"})},
        location_words=frozenset(("in", "at")),
        lower_instrument_heads=frozenset(("concept",)),
        of_link=" of ",
        of_topic="of ",
        office_anaphors=frozenset(("office",)),
        office_kinds=frozenset(("office", "un_agency")),
        organisation_anaphors=frozenset(("organization", "organisation")),
        organiser_joint=re.compile(r"[\s,]*(?:and\s+)?"),
        post_title_leads=tuple((p, re.compile(rf"\b{re.escape(p.rsplit(' ', 1)[0])}\s+$")) for p in lex.post_heads
                               if " " in p),
        topic_preposition="on",
        unlabelled_adjectives=frozenset(("and", "joint")),
        word_run=re.compile(r"[\w-]+"),
    )
