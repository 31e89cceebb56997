"""English grammar skeletons for the fact rules; the words come from the "facts" section of `en.json`.

Each pattern is written once, in `re.VERBOSE` form, with `{slot}` placeholders that name a word list of the
language data (`treaty.party_verbs`, `modality.unrealised`, ...).  A slot becomes the alternation of its entries
in the order given, a space in an entry standing for one space.  The code keeps the grammar (what follows a
verb, which groups a rule reads); the data keeps the words, so adding a verb form is a data change.

`fact_patterns(language)` compiles the patterns of a document's language once; a language without its own
JSON file falls back to English (see `refugee_ld.lang.vocabulary`).  A language whose grammar differs would add
a module of the same shape beside this one.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import vocabulary

Pattern = re.Pattern[str]


def alternatives(words: list[str]) -> str:
    """The entries of a word list as one alternation, safe inside a verbose pattern (a space stays a space)."""
    return "|".join(w.replace(" ", "\\ ") for w in words)


def slots(section: Mapping[str, Any]) -> dict[str, str]:
    """Every word list of a section (nested sections flattened) as a named alternation; a table ("act_nouns")
    is the alternation of its keys."""
    out: dict[str, str] = {}
    for name, value in section.items():
        if isinstance(value, list):
            out[name] = alternatives(value)
        elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            out[name] = alternatives(list(value))
        elif isinstance(value, dict) and not name.startswith("_"):
            out.update({k: v for k, v in slots(value).items()})
    return out


def _verbose(template: str, words: Mapping[str, str], flags: int = 0) -> Pattern:
    return re.compile(template.format(**words), flags | re.VERBOSE)


# -- skeletons (slot names in braces; literal braces of repetition counts doubled) -------------------------------
_TEMPLATES: dict[str, tuple[str, int]] = {
    "party_verb": (r"""
        \b(?P<verb>(?:{deposit_verbs})\s+(?:its|their|the)\s+instruments?\s+of\s+(?:{instrument_acts})(?:\s+to|\s+of)?
          |{party_verbs}
          |(?:{become_verbs})\s+(?:a\s+)?(?:State\s+)?part(?:y|ies)\s+to
          |(?:a|the)\s+(?:State\s+)?Party\s+to)\b""", re.I),
    "party_noun": (r"\b(?P<verb>{party_nouns})\b(?:\s+(?:by|of)\b)?", re.I),
    "not_done": (r"\b(?:{negation}|{unrealised})\b", re.I),
    "clause_end": (r"""
        [;:] | ,\s*(?:{clause_openers}|and\s+\w+ed\b) | \b(?:{subordinators})\b
        | \band\s+(?:has\s+|have\s+)?(?:{coordinated_acts})\b""", re.I),
    "instrument_date_verb": (r"""
        \b(?P<adopted>{adoption_verbs})\b
        | (?<=\bwas\ )(?P<signed>signed)\b | (?<=\bwere\ )(?P<signed2>signed)\b
        | \b(?P<force>(?:{force_verbs})\s+into\s+(?:force|effect)
                      |took\s+effect|in\s+force\s+(?:since|from|as\s+of)
                      |effective\s+(?:from|since|as\s+of))\b""", re.I),
    "passive": (r"\b(?:{passive_auxiliaries})\s+(?:\w+ly\s+)?$", re.I),
    "held_verb": (r"\b(?:{held_verbs})\b", re.I),
    "held_after": (r"""
        \s*(?:,[^,.;]{{0,80}},\s*)?(?:was|were|will\s+be|is|has\s+been)?\s*(?:{held_after_verbs})\b
        [^.;]{{0,60}}?\b(?:on|in|from)\s+$""", 0),
    "organised_by": (r"\b(?:(?P<co>{co_organise_verbs})|{organise_by_verbs})\s+(?:jointly\s+)?by\b", re.I),
    "support": (r"\b(?:with|under)\s+(?:the\s+)?(?:(?:{support_adjectives})\s+)?(?:{support_nouns})\s+(?:of|from)\b",
                re.I),
    "cosponsors": (r"\b(?:{cosponsor_nouns})\s+of\s+(?:the|this)\s+\w+\s*:?", re.I),
    "active_organise": (r"\b(?:{active_organise_verbs})\s+(?:a|an|the|its|their|such\s+an?)\b", re.I),
    "participate": (r"""
        \b(?:{take_part_verbs})\s+part(?:\s+in)?\b | \b(?:{participate_verbs})\s+in | \b(?:{attend_verbs})""", re.I),
    "bringing": (r"""
        \b(?:{bring_verbs})\s+(?:together\s+)?(?:more\ than\ \d+\ |over\ \d+\ |some\ \d+\ |\d+\ )?
        (?:[\w-]+\s+){{0,2}}?(?:{delegate_nouns})\s+(?:of|from)\b
        | \bwith\s+the\s+participation\s+of\b""", re.I),
    "in_cooperation": (r"\bin\s+(?:close\s+)?(?:{cooperation_nouns})\s+with\b", re.I),
    "speech": (r"\b(?:{speech_nouns})\s+(?:by|of)\b", re.I),
    "adopted_at": (r"\b(?:{adoption_acts})\b", re.I),
    "adopted_at_event": (r"\b(?:{outcome_verbs})\s+(?:at|by|during)\s+(?:the\s+)?", 0),
    "adopters": (r"\b(?:{adopter_nouns})\b", re.I),
    "visit": (r"""
        \b(?:{visit_verbs}
          |paid\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){{0,2}}visit\s+to
          |(?:is|was|are|were)\s+on\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){{0,2}}visit\s+to)\b""", re.I),
    "meet": (r"\b(?:{meet_verbs})\s+(?:with\s+)?", re.I),
    "world": (r"\b(?:{world_words})\b", re.I),
    "region": (r"\b(?:in|across|throughout|of)\s+the\s+(?:whole\s+)?region\b", re.I),
    "state_pronoun": (r"\b(?:{self_references})\b", re.I),
    "relative_act": (r"""
        \s*,?\s*(?:(?P<to>to)\s+)?which\s+(?P<subj>[\w' ]{{2,40}}?)\s+(?:has\s+|have\s+|had\s+)?
        (?:(?:{relative_adverbs})\s+)?
        (?P<verb>{relative_verbs}|(?:has\s+been|have\s+been|is|was|became|become)\s+(?:a\s+)?(?:State\s+)?part(?:y|ies))\b
        """, 0),
    "own_subject": (r"(?:{own_subjects})", re.I),
    "deposited": (r"""
        \b(?P<owner>(?i:our|my\s+country['\u2019]s|its)|[A-Z][\w ]{{2,40}}?['\u2019]s)\s+instruments?\s+of\s+
        (?P<what>{instrument_acts})\s+(?:to|of)\s+(?:the\s+)?""", 0),
    "generic_subject": (r"""
        \b(?:{generic_subjects})\s+(?:that|which|who)\s+(?:(?:have|has|had|already|also|not|yet)\s+)*$""", re.I),
    "for_state": (r"\s+(?:with\s+respect\s+to|for|in\s+respect\s+of)\s+(?:the\s+)?", 0),
    "presidency": (r"""
        ^[\s,]*(?:(?:the\s+)?(?:former\s+)?(?:[\w-]+\s+){{0,3}}?)??
        (?:(?:on|upon)\s+(?:his|her|your)\s+(?:[\w-]+\s+){{0,2}}?(?:election|assumption)\s+
           (?:(?:as|to)\s+(?:the\s+)?)?(?:of\s+)?(?:President|presidency)\s+of\s+
           (?:(?:this|the)\s+(?:[\w-]+\s+)?session\s+of\s+)?
           (?:the|our|this)\s+(?:General\s+)?Assembly
         |,?\s*(?:who|which)\s+(?:so\s+)?(?:[\w-]+\s+){{0,2}}?presided\s+over\s+(?:the\s+work\s+of\s+)?
           (?:the|our|its)\s+(?:[\w-]+\s+){{0,2}}?session\s+of\s+(?:the|our|this)\s+(?:General\s+)?Assembly
         |,\s*(?:the\s+)?President\s+of\s+the\s+(?:[\w-]+\s+){{1,2}}session\s+of\s+the\s+General\s+Assembly
         |,\s*(?:the\s+)?President\s+of\s+(?:the|our|its)\s+(?:previous|last|preceding)\s+session\b(?!\s+of))""",
                   re.I),
    "presidency_near": (r"""
        \b(?:presid(?:ed|es|ing)\s+over|presidency|President)\b(?P<tail>[^.;]{{0,70}}?)
        \b(?:General\s+Assembly|Assembly|session)\b""", 0),
    "other_body": (r"\b(?:{other_bodies})\b", 0),
    "later_act": (r"\band\s+(?:has\s+|have\s+|also\s+|then\s+)?(?:{later_acts})\b", 0),
    "part_of": (r"\b(?:{subsidiary_heads})\b[^.;:]{{0,60}}?\b(?:additional\s+)?to\s+(?:the\s+)?$", 0),
    "sign_particle": (r"\s*(?:{sign_particles})", 0),
    "deposit_passive": (r"""
        \s*,?\s*(?:(?:which|that)\s+)?(?:was|were|has\s+been|have\s+been)\s+(?:duly\s+)?(?:{deposit_passives})\b""", 0),
    "target_before": (r"\b(?:{target_prepositions})\s+(?:the\s+(?:end|middle)\s+of\s+)?$", re.I),
    "duration_before": (r"\b(?:{duration_prepositions})\s+the\s+(?:last|past)\s*$", 0),
    "act_of": (r"\b(?P<noun>{act_nouns}|{force_nouns})\s+of\s+(?:the\s+)?", re.I),
    "act_by": (r"\b(?P<noun>{act_nouns})\s+by\s+(?:the\s+)?", re.I),
    "adoption_cue": (r"\b(?:{adoption_cues})\b", 0),
    "venue_after": (r"\s+(?:{venue_verbs})", 0),
    "speaker_after_event": (r"""
        (?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?(?:\s+(?:last|this|in)\s+\w+)?[\s,]*
        (?:{speaker_references})\b""", 0),
    "event_lead": (r"\s*(?:{event_leads})\s+(?:the\s+|this\s+year['\u2019]s\s+|last\s+year['\u2019]s\s+)?", 0),
    "became": (r"""
        ,\s*(?:(?:the|a|an|then|now)\s+)?(?:[A-Z][a-z]+\s+)?
        | (?:\s+of\s+[A-Z][\w' ]{{2,30}}?)?\s+(?:{became_verbs})\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?""", 0),
    "taking_office": (r"{office_verbs}", 0),
    "joined_title": (r"\s+and\s+(?:(?:{joined_title_words})\s+)?", 0),
    "chair_of_meeting": (r"\s+of\s+(?:the|this|our|its)\s+(?:[\w-]+\s+){{0,2}}(?:{meeting_nouns})\b", re.I),
    "interval_before": (r"\b(?:{interval_prepositions})\s+$", re.I),
    "approximate_before": (r"\b(?:{approximators_before})\s*$", re.I),
    "own_country_after": (r"""
        (?:\s+(?:and|or)\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:(?:who\s+are|living|now|currently)\s+)?in\s+(?:(?P<the>the)|{own_country_determiners})\s+(?:own\s+)?country\b""",
                          re.I),
    "place_list_gap": (r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|as\ well\ as)\s)\s*(?:the\s+)?", re.I),
}

# The number of a figure, without verbose spacing: population rules splice its source into larger patterns.
_NUMBER = (r"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?!\s+(?:{multipliers}))"
           r"|\d{{1,3}}(?:[\u00a0\u202f ]\d{{3}})+(?![\d,.])|\d+(?:\.\d+)?)"  # "800 000": a space groups thousands
           r"(?:\s+(?P<mult>{multipliers}))?(?![\w,]*\d)")


@dataclass(frozen=True)
class FactPatterns:
    """The compiled trigger patterns and small tables of one language, as the fact rules read them."""

    compiled: Mapping[str, Pattern]
    people_context: Mapping[str, Pattern]  # population noun -> cue that a bare "people" count means that group
    action_stems: Mapping[str, str]  # verb stem -> treaty action ("ratif" -> "ratification")
    months: tuple[str, ...]
    order_words: str  # alternation: "first|second|...|next-to-last"
    multipliers: Mapping[str, int]
    number: str  # regex source of a figure with groups num and mult
    act_nouns: Mapping[str, str]  # "adoption" -> "adopted": the act a noun names
    words: Mapping[str, str]  # every word list as an alternation, for patterns that rules build with other data

    def __post_init__(self) -> None:
        for name, pattern in self.compiled.items():  # plain attributes: the rules read them in their inner loops
            object.__setattr__(self, name, pattern)

    def __getattr__(self, name: str) -> Pattern:
        """Only reached for a name that is no pattern (the patterns are set as attributes on construction)."""
        raise AttributeError(name)


def build_fact_patterns(facts: Mapping[str, Any]) -> FactPatterns:
    """Compile the fact patterns from a language's "facts" vocabulary section."""
    words = slots(facts)
    multipliers = {k.lower(): int(v) for k, v in facts["multipliers"].items()}
    compiled = {name: _verbose(template, words, flags) for name, (template, flags) in _TEMPLATES.items()}
    context = {group: re.compile(rf"\b(?:{alternatives(cues)})", re.I | re.VERBOSE)
               for group, cues in facts["population"]["people_context"].items()}
    return FactPatterns(compiled, context, dict(facts["treaty"]["action_stems"]), tuple(facts["months"]),
                        alternatives(facts["order_words"]), multipliers,
                        _NUMBER.format(multipliers="|".join(multipliers)), dict(facts["instruments"]["act_nouns"]),
                        words)


@cache
def fact_patterns(language: str = "en") -> FactPatterns:
    """The fact patterns of `language`, compiled once per process."""
    return build_fact_patterns(vocabulary(language)["facts"])
