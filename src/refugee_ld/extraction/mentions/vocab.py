"""The compiled vocabulary of mention detection: the "mentions" section of `lang/<language>.json` (word lists)
and the user's lexicon (heads, posts, honorifics, ordinals) turned into word sets and patterns.

The patterns are grammar skeletons written with re.VERBOSE whose word slots are filled from the data, so a
new language changes the JSON, not these templates; they are built once per lexicon, registry (its state
adjectives) and language, and shared by every document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang import vocabulary
from ...lang.lexicon import Lexicon
from ...registry import Registry
from .wordlists import RESOLUTION_ITEM as _RESOLUTION_ITEM
from .wordlists import either_case as _either_case
from .wordlists import government_pattern as _government_pattern
from .wordlists import spaced as _spaced
from .wordlists import spaced_phrase as _spaced_phrase
from .wordlists import words as _words


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
    part_nouns: frozenset[str]
    descriptive_modifier: re.Pattern[str]
    lower_head_generic_words: frozenset[str]
    month_names: frozenset[str]
    possessive_after: re.Pattern[str]
    scope_nouns: frozenset[str]
    clause_words: frozenset[str]
    parliament_heads: frozenset[str]
    title_small_words: frozenset[str]
    laws: tuple[re.Pattern[str], ...]
    law_descriptive_preposition: str
    resolution_list: re.Pattern[str]
    resolution_item: re.Pattern[str]
    law_topic_lead: re.Pattern[str]
    law_topic_the: re.Pattern[str]
    law_topic_void: frozenset[str]
    law_head_quote: re.Pattern[str]
    resolution: re.Pattern[str]
    ordinal_session: re.Pattern[str]
    count_in_period: re.Pattern[str]
    session_kind_words: frozenset[str]
    series_nouns: frozenset[str]
    looking_back_determiners: frozenset[str]
    resolution_noun: str
    resolution_adoption: str
    resolution_numbered_body: str
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
    credit_before: re.Pattern[str]
    honorific_before: re.Pattern[str]
    post_before: re.Pattern[str]
    post_after: re.Pattern[str]
    verb_before: re.Pattern[str]
    verb_after: re.Pattern[str]
    surname: re.Pattern[str]
    titled_surname: re.Pattern[str]
    not_surname_titles: frozenset[str]
    site_name: re.Pattern[str]
    world_cue: re.Pattern[str]
    world_figure: re.Pattern[str]
    world_group: re.Pattern[str]
    world_place: str
    site_kinds: dict[str, str]
    single_word_instruments: dict[str, str]
    unit_synonyms: dict[str, str]
    named_body_heads: frozenset[str]
    national_markers: frozenset[str]
    own_lead: re.Pattern[str]
    the_lead: re.Pattern[str]
    proper_site_heads: frozenset[str]
    anaphor: re.Pattern[str]
    anaphor_descriptive: re.Pattern[str]
    statement_organisation: str
    post_head: re.Pattern[str]
    title_words: frozenset[str]
    honorific_words: frozenset[str]
    owned_lead: re.Pattern[str]
    location_lead: re.Pattern[str]
    year_range: re.Pattern[str]
    short_unit: re.Pattern[str]
    unit_tail: re.Pattern[str]
    numbered_token: re.Pattern[str]
    annual_assembly: str
    any_event_anaphors: frozenset[str]
    definite_determiners: frozenset[str]
    event_anaphor_nouns: frozenset[str]
    government_unit: str
    government_word: str
    government_coordinators: frozenset[str]
    government_determiners: frozenset[str]
    government_indefinites: frozenset[str]
    government_adjectives: frozenset[str]
    government_people_of: re.Pattern[str]
    described_ministries: dict[str, str]
    described_ministry: re.Pattern[str]
    government_link: str
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


def _build(lex: Lexicon, registry: Registry, language: str) -> MentionVocabulary:
    """Every pattern and word set of the rules.  Long on purpose: it is one table, a field per pattern with its
    template beside it, so that reading a rule's pattern means reading one entry here (split by area it would
    put the templates of one rule in several places)."""
    data = vocabulary(language).get("mentions") or vocabulary()["mentions"]  # none of its own: English
    laws, sessions, events = data["laws"], data["sessions"], data["events"]
    anaphora, persons = data["anaphora"], data["persons"]
    posts = _words(lex.post_heads)
    facts = vocabulary(language).get("facts") or vocabulary()["facts"]
    lower_titles = _words(facts["posts"]["lower_titles"])  # "UNHCR spokesperson Ron Redmond"
    lower_posts = persons["lower_posts"]
    ordinal = lex.ordinal_pattern()
    counting = _words(data["counting_ordinals"])
    assembly = rf"(?:{re.escape(sessions['assembly_qualifier'])}\s+)?{re.escape(sessions['assembly'])}"
    current_det = rf"(?:{_spaced(sessions['current_determiners'])})"
    event_nouns = _words(lex.event_nouns, longest_first=True)
    name_token = r"""(?: [A-Z][a-z\u00e0-\u024f']+ (?:-[A-Za-z\u00e0-\u024f][a-z\u00e0-\u024f']*)* (?![\w-])
                       | [A-Z]\. )"""
    x = re.VERBOSE
    resolutions = data["resolutions"]
    return MentionVocabulary(
        language=language,
        sentence_openers=frozenset(data["sentence_openers"]),
        connectors=frozenset(data["connectors"]),
        national_heads=frozenset(data["national_heads"]),
        international_markers=frozenset(data["international_markers"]),
        city_kinds=frozenset(data["city_kinds"]),
        lower_agency_heads=frozenset(data["lower_agency_heads"]),
        part_nouns=frozenset(data["part_nouns"]),
        lower_head_generic_words=frozenset(data["lower_head_generic_words"]),
        month_names=frozenset((vocabulary(language).get("dates") or vocabulary()["dates"])["months"]),
        possessive_after=re.compile(r"\s*['’]s?\b"),
        descriptive_modifier=re.compile(
            rf"(?:{_words(data['lower_head_determiners'] + data['lower_head_generic_words'])}|[A-Z][a-z]+"
            rf"(?:{_words(data['adjective_endings'])}))"),
        scope_nouns=frozenset(data["scope_nouns"]),
        clause_words=frozenset(data["clause_words"]),
        parliament_heads=frozenset(data["single_word_bodies"]),
        title_small_words=frozenset(data["title_small_words"]),
        laws=(
            re.compile(rf"""
                \b (?P<head> {_words(laws['law_heads'] + laws['code_heads'])} ) \b
                (?: \ of \ (?:the\ )? (?:{re.escape(laws['republic'])}\ of\ )?
                    (?P<st> [A-Z][\w-]+ (?:\ {re.escape(laws['republic'])})? ) )?
                (?: \ (?:(?:{_words(laws['auxiliaries'])})\ )? (?:{_words(laws['enactment_verbs'])})\ )?
                (?: \ ?(?:{_words(laws['title_verbs'])}) )?
                \ ?" (?P<topic> (?:{_words(laws['quoted_topic_openers'])})\ [^"]{{3,90}} ) " """, x),
            re.compile(rf"""
                \b (?P<head> {_words(laws['law_heads'])} ) \b
                (?: \ of\ (?:the\ )? (?:{re.escape(laws['republic'])}\ of\ )?
                    (?P<st> [A-Z][\w-]+ (?:\ {re.escape(laws['republic'])})? ) )?
                \ (?P<prep> {_words(laws['topic_prepositions'])} )[ ]
                (?P<topic> (?:the\ )? [A-Za-z][\w-]* (?:\ (?:[A-Za-z][\w-]*))*? )
                (?= \s(?:{_words(laws['topic_end_words'])})\b | \s?[,.;:()"] | $ )""", x),
        ),
        law_topic_lead=re.compile(rf"^(?:{_words(laws['topic_lead_words'])})\s+", re.I),
        law_topic_the=re.compile(r"^the\s+", re.I),
        law_topic_void=frozenset(laws["void_topics"]),
        law_descriptive_preposition=laws["descriptive_preposition"],
        law_head_quote=re.compile(rf"(?:{_words(laws['law_heads'] + laws['code_heads'])})\ ?\"", x),
        resolution=re.compile(rf"""
            \b (?: (?P<body> {_spaced(resolutions['bodies'])} ) \s+
                   (?: (?:{re.escape(resolutions['perfect_auxiliary'])}\s+)?
                       {re.escape(resolutions['adoption_verb'])}\s+
                       (?:{re.escape(resolutions['possessive'])}\s+)? (?:\w+\s+)? )? )?
            {re.escape(resolutions['noun'])} \s+ (?P<num> \d{{1,4}} (?:/\d{{1,4}})? ) (?![\w/])
            (?: \s* \( (?P<year> (?:19|20)\d\d ) \) )?""", x),
        resolution_list=re.compile(rf"""
            \b (?: (?P<body> {_spaced(resolutions['bodies'])} ) \s+ )? {re.escape(resolutions['plural_noun'])} \s+
            (?P<items> {_RESOLUTION_ITEM.replace("?P<num>", "").replace("?P<year>", "")}
                       (?: (?: \s* (?:{_words(resolutions['list_links'])}) )+ \s*
                           {_RESOLUTION_ITEM.replace("?P<num>", "").replace("?P<year>", "")} )+ )""", x),
        resolution_item=re.compile(_RESOLUTION_ITEM, x),
        resolution_noun=resolutions["noun"],
        resolution_adoption=resolutions["adoption_verb"],
        resolution_numbered_body=resolutions["numbered_body"],
        ordinal_session=re.compile(rf"""
            (?: \b (?P<det> (?:{_words(sessions['determiners'])})\ ) )?
            (?P<ord> {ordinal} )[ ]
            (?P<adj> (?: (?:{_words(sessions['adjectives'])})\ )* )
            (?P<noun> {_words(sessions['nouns'])} ) \b
            (?P<of> \ of\ (?:the\ )? )?""", x | re.I),
        looking_back_determiners=frozenset(sessions["looking_back_determiners"]),
        count_in_period=re.compile(rf"\s* (?:{_spaced(sessions['count_determiners'])}) \s+"
                                   rf"(?:{_words(sessions['count_periods'])}) \b", x),
        session_kind_words=frozenset(sessions["kind_words"]),
        series_nouns=frozenset(sessions["series_nouns"]),
        possessive_body=re.compile(r"['\u2019]s \s+ ( (?:[A-Z][\w-]+\s?){1,4} )", x),
        current_session=re.compile(rf"""
              \b {current_det} \s+ (?:(?:{_words(sessions['current_adjectives'])})\s+)? {re.escape(sessions['session'])}
                 \s+ of \s+ the \s+ (?P<body> {assembly} ) \b
            | \b (?P<body2> {assembly} ) (?:\s+[\w-]+){{0,4}}? \s+ (?:{_words(sessions['during_words'])}) \s+
                 (?: {current_det} | its ) \s+ {re.escape(sessions['session'])} \b
            | \b the \s+ (?:{_words(sessions['current_words'])}) \s+ (?P<body3> {assembly} ) \s+
                 {re.escape(sessions['session'])} \b
            | \b (?:{_words(sessions['ordinal_determiners'])}) \s+ (?P<ord> {ordinal} ) \s+
                 (?:{re.escape(sessions['regular'])}\s+)? {re.escape(sessions['session'])} \b (?!\s+of\b)
            | \b (?P<bare> {current_det} | {re.escape(sessions['own_determiner'])} ) \s+
                 (?:{re.escape(sessions['regular'])}\s+)? {re.escape(sessions['session'])} \b (?!\s+of\b)
            | \b (?:{_words(sessions['previous_determiners'])}) \s+ (?P<prev> {_words(sessions['previous_words'])} ) \s+
                 (?:{re.escape(sessions['regular'])}\s+)? {re.escape(sessions['session'])} \b (?!\s+of\b)""", x | re.I),
        current_word=re.compile(rf"(?:{_words(sessions['current_markers'])})", re.I),
        other_session_body=re.compile(rf"\b(?:{_spaced(sessions['other_session_bodies'])})\b"),
        addresses_assembly=re.compile(rf"\b(?:{_spaced(sessions['assembly_addresses'])})\b"),
        annual_assembly=sessions["annual_assembly"],
        government=_government_pattern(data, lex, registry),
        capital_initial=re.compile(r"[A-Z]"),
        name_before=re.compile(rf"\b (?!{re.escape(data['governments']['capitalised_article'])}\b) [A-Z][a-z]+ \s+ $",
                               x),
        meeting_of=re.compile(rf"""
            \b (?:{_words(events['meeting_nouns'])})\ of\ (?:the\ )?
            (?P<name> [A-Z][\w-]*
                      (?: \ (?:[A-Z][\w-]*|{_words(events['name_connectors'])}) (?=\ [A-Z]|$|\ \w+\ [A-Z]) )*
                      (?: \ [A-Z][\w-]* )? )""", x),
        meeting_body=re.compile(rf"\b(?:{_words(events['meeting_bodies'])})\b"),
        described_event=re.compile(rf"""
            \b (?P<det> {_either_case(events['determiners'])} ) \s+
            (?P<adj> (?: (?: [A-Z]{{2,}} | {_words(events['adjectives'])} | [\w-]+al | \w+-day | \d+(?:st|nd|rd|th)
                           | {counting} )\ )* )
            (?P<noun> {event_nouns} ) \b
            (?P<topic> \ (?:{_words(events['topic_prepositions'])})\ (?:[\w'-]+)
                       (?: \ (?!(?:{_words(sorted(lex.topic_stop_words))})\b) (?:[\w'-]+) ){{0,14}}? )?
            (?= \s* (?: [,.;:()] | {_words(events['topic_end_words'])} | (?:{_words(events['date_prepositions'])})\ \d
                      | $ ) )""", x),
        holding=re.compile(rf"\b(?:{_words(events['holding_verbs'])})\b"),
        discuss=re.compile(rf"\b{re.escape(events['discussion_cue'])}\ ([\w'\ -]+?)(?=[,.;]|$)", x),
        year=re.compile(r"\d{4}"),
        counting_adjective=re.compile(rf"\w+-day|\d+(?:st|nd|rd|th)|{counting}"),
        quoted_event=re.compile(rf"""
            \b (?P<noun> (?: (?:{_words(events['quoted_adjectives'])}|[\w]+-day) \s+ ){{0,2}} (?:{event_nouns}) )
            \s* (?: (?:{_words(events['title_cues'])}) \s+ )?
            " (?P<title> [^"]{{4,120}} ) " """, x | re.I),
        person_name=re.compile(rf"""\b (?: (?!I\ )[A-Z]{{1,2}}\ (?=[A-Z][a-z]) )? {name_token}
            (?: (?:\ +\n?|\n)\ * (?: {name_token} | {_words(persons['name_particles'])}
                     | (?:{_words(persons['name_prefixes'])})\w+ ) ){{1,6}}
            \b""", x),
        honorific_before=re.compile(
            rf"(?:{_words([*lex.honorifics, *persons['military_ranks']])}|\b(?:{_words(persons['role_nouns'])}))\s*$"),
        post_before=re.compile(rf"""(?: (?:{posts})(?:\ [\w'\ ]+?)?,? | \b[A-Z]{{2,}}\ (?:{lower_titles})
                                      | \b[A-Z][\w-]+\ (?:[a-z]+\ )?(?:{_words(lower_posts, longest_first=True)}) )
                                   (?:\ \([^()]{{1,40}}\))? \s*$""", x),
        post_after=re.compile(rf"""(?: ,?\ (?:the\ )?(?:[\w-]+\ ){{0,3}}(?:{posts})\b
                                     | ,\ (?:{_words(persons['apposition_determiners'])})\ (?:[\w-]+\ ){{0,2}}
                                         (?:{_words(lower_posts, longest_first=True)})\b )""", x),
        credit_before=re.compile(rf"\b[A-Z][A-Za-z]+{re.escape(persons['credit_separator'])}$"),
        verb_before=re.compile(rf"\b(?:{_words(lex.speech_verbs)})\s*$"),
        verb_after=re.compile(rf",?\ (?:{_words(lex.speech_verbs)}|{_words(persons['context_words_after'])})\b", x),
        surname=re.compile(r"\b[A-Z][a-z\u00e0-\u024f'-]{3,}\b"),
        not_surname_titles=frozenset(persons["not_surname_titles"]),
        world_cue=re.compile(rf"\b(?:{'|'.join(_spaced_phrase(c) for c in data['world']['cues'])})(?![\w-])", re.I),
        world_figure=re.compile(data["world"]["figure"]),
        world_group=re.compile(rf"\b(?:{_words(sorted(lex.group_nouns, key=len, reverse=True))})\b", re.I),
        world_place=data["world"]["place"],
        site_name=re.compile(rf"""
            (?<![\w-]) (?P<name> [A-Z][\w'\u2019-]+ (?:\ [A-Z][\w'\u2019-]+){{0,2}}? ) \ +
            (?P<head> (?i: {_spaced(sorted(data['sites'], key=len, reverse=True))} ) ) \b (?!-)""", x),
        site_kinds={head.split()[-1]: kind for head, kind in data["sites"].items()},
        single_word_instruments=dict(data["single_word_instruments"]),
        unit_synonyms=dict(data["national_unit_synonyms"]),
        named_body_heads=frozenset(data["named_body_heads"]),
        national_markers=frozenset(w.lower() for w in data["national_markers"]),
        own_lead=re.compile(rf"\b(?:{_words(data['own_instrument_determiners'])})\s+(?:[\w-]+\s+)?$", re.I),
        the_lead=re.compile(rf"\b(?:{_words(data['named_instrument_determiners'])})\s+(?:[\w-]+\s+)?$", re.I),
        proper_site_heads=frozenset(h for w in data["sites_capitalised_only"] for h in (w, w.capitalize())),
        titled_surname=re.compile(rf"""
            (?<![\w-]) (?: {_words([t for t in (*lex.honorifics, *lex.national_posts, *persons['surname_titles'],
                                                 *persons['military_ranks'], *persons['role_nouns'])
                                      if t not in persons['not_surname_titles']], longest_first=True)} ) \s+
            (?P<name> [A-Z][a-z\u00e0-\u024f]+ (?:['\u2019][A-Z][a-z\u00e0-\u024f]+)?
                      (?:-[A-Z][a-z\u00e0-\u024f'\u2019]+)? (?:\s+[IVX]+\b)? )
            (?: ['\u2019]s\b   # "Mr. Brahimi's Panel": a possessive ends the name
              | (?= [\s,.;:!?)"\u201d\u2019] | $ )
                (?! \s+ [A-Z][a-z] | \s+ (?:{_words(persons['name_particles'])}) \s ) )""", x),
        anaphor_descriptive=re.compile(rf"\s+(?:{_words(anaphora['descriptive_links'])})\s+(?:the\s+)?[a-z]"),
        statement_organisation=anaphora["statement_organisation"],
        anaphor=re.compile(rf"""
            \b (?P<det> {_either_case(anaphora['determiners'])} ) \s+ (?: (?:{_words(anaphora['modifiers'])}) \s+ )?
            (?P<noun> {_words(lex.event_anaphors)} | {_words(anaphora['nouns'])} ) \b
            (?! \s+ (?:{_words(anaphora['name_links'])}) \s+ (?:the\s+)? [A-Z] )""", x),
        post_head=re.compile(rf"\b(?:{posts})\b"),
        title_words=frozenset(w for phrase in (*lex.post_heads, *lex.post_modifiers) for w in phrase.split()),
        honorific_words=frozenset(w for h in (*lex.honorifics, *persons["military_ranks"]) for w in h.split()),
        owned_lead=re.compile(rf"\b(?:{_words(data['ownership_words'])})\s+(?:[\w-]+\s+){{0,2}}$", re.I),
        location_lead=re.compile(r"\bin\s+(?:the\s+)?$"),
        year_range=re.compile(r"\b(\d{4})-(\d{2})\b"),
        short_unit=re.compile(rf"\ of\ the\ (?=(?:{_words(sorted(data['national_heads']))})\b)", x),
        unit_tail=re.compile(rf"\s+(?:of|in)(?:\ the)?(?:\ {re.escape(laws['republic'])}\ of)?$", x),
        numbered_token=re.compile(r"\d{1,3}(?:st|nd|rd|th)|\d{4}(?:-\d{2,4})?"),
        word_start=re.compile(r"\w"),
        any_event_anaphors=frozenset(anaphora["any_event"]),
        definite_determiners=frozenset(events["definite_determiners"]),
        event_anaphor_nouns=frozenset(n.lower() for n in lex.event_anaphors),
        government_unit=data["governments"]["government"],
        government_word=data["governments"]["government"],
        government_coordinators=frozenset(data["governments"]["coordinators"]),
        government_determiners=frozenset(data["governments"]["determiners"]),
        government_indefinites=frozenset(data["governments"]["indefinites"]),
        government_adjectives=frozenset(data["governments"]["adjectives"]),
        government_people_of=re.compile(data["governments"]["people_of"]),
        described_ministries=dict(data["governments"]["described_ministries"]),
        described_ministry=re.compile(
            rf"(?:\b(?P<adj>{_words(registry.adjectives, longest_first=True)})\s+)?"
            rf"(?<![\w-])(?P<field>{'|'.join(_spaced_phrase(p) for p in data['governments']['described_ministries'])})"
            rf"(?![\w-])", re.I),
        government_link=data["governments"]["name_link"],
        head_complements=frozenset(data["head_complements"]),
        indefinite_determiners=frozenset(anaphora["indefinite_determiners"]),
        indefinite_instruments=dict(anaphora["indefinite_instruments"]),
        instrument_anaphors={noun: None if kinds is None else frozenset(kinds)
                             for noun, kinds in anaphora["instruments"].items()},
        location_words=frozenset(data["location_words"]),
        lower_instrument_heads=frozenset(data["lower_instrument_heads"]),
        of_link=" of ",
        of_topic=events["partitive_preposition"] + " ",
        office_anaphors=frozenset(anaphora["office"]),
        office_kinds=frozenset(anaphora["office_kinds"]),
        organisation_anaphors=frozenset(anaphora["organisation"]),
        organiser_joint=re.compile(rf"[\s,]*(?:{re.escape(events['organiser_conjunction'])}\s+)?"),
        post_title_leads=tuple((p, re.compile(rf"\b{re.escape(p.rsplit(' ', 1)[0])}\s+$")) for p in lex.post_heads
                               if " " in p),
        topic_preposition=events["label_preposition"],
        unlabelled_adjectives=frozenset(events["unlabelled_adjectives"]),
        word_run=re.compile(r"[\w-]+"),
    )


def national_heads(language: str = "en") -> frozenset[str]:
    """The heads that make a body national ('Ministry', 'Parliament') in `language`."""
    return frozenset(vocabulary(language)["mentions"]["national_heads"])
