"""Posts (rule `posts.titles`): a person named with a title holds that post in an organisation or state.

"Foreign Minister Kairat Abdrakhmanov", "Mr. X, the UNHCR Representative for Central Asia", "X became Prime
Minister in 2019": the title's words come from the lexicon (post heads and modifiers), the organisation from the
title's own tail, a possessive, a state's name or adjective before it, or the document's own state when the text
makes it so.  A date read for "became", "was appointed" or "since" is claimed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import DateValue, PostHolding
from ...text.intervals import SpanList, between
from ..doc import NEAR_CHARS, Doc
from ..mentions import Ref
from ..rules import rule
from .common import DateClaim, nearest
from .recall_common import cue

PostResult = PostHolding | DateClaim


@rule("posts.titles", stage="facts", produces=(PostHolding, DateClaim))
def post_holdings(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PostResult, ...]:
    """Every title of the lexicon in the text with the person who holds it; one post per person and organisation."""
    lex = doc.lexicon
    mods = "|".join(re.escape(m) for m in lex.post_modifiers)
    heads = "|".join(re.escape(h) for h in lex.post_heads)
    lower = doc.patterns.words["lower_titles"]
    # bounded: no rescans of caps runs; "UNHCR spokesperson X": a lower-case title after an organisation's acronym
    post_re = re.compile(rf"(?:(?:[A-Z]{{2,}}|{mods})\s+){{0,8}}(?:{heads})\b"
                         rf"|\b[A-Z]{{2,}}\s+(?:{lower})\b(?=\s+[A-Z])")
    persons = [r for r in doc.refs if r.type == "Person" and r.key]
    person_spans = SpanList(r.span for r in persons)
    seen: set[tuple[str, str | None]] = set()
    out: list[PostResult] = []
    chain: tuple[int, Ref] | None = None  # where the last title ended, and its holder
    for m in post_re.finditer(doc.text):
        if person_spans.contains(m.start()):
            continue
        if re.search(rf"\b(?i:{heads})\s+(?:of|to)\s+(?:the\s+)?$", doc.text[max(0, m.start() - 60):m.start()]):
            continue  # 'Special Representative of the Secretary-General' (any case): the title is the longer one
        claims: list[DateClaim] = []
        post, chain = _post_at(doc, m, persons, seen, claims, chain)
        out += claims
        if post is not None:
            out.append(post)
    return tuple(out)


def _post_at(doc: Doc, m: re.Match[str], persons: list[Ref], seen: set[tuple[str, str | None]],
             claims: list[DateClaim], chain: tuple[int, Ref] | None
             ) -> tuple[PostHolding | None, tuple[int, Ref] | None]:
    """The post a title match states: its organisation, its holder, and (for 'became ...') its start; with where
    the title ends and who holds it, for a second title joined to it ('X, President of A and current Chairperson
    of B': a joined title with an organisation of its own and no holder of its own is held by the same person)."""
    text = doc.text
    p_start, p_end, org, org_span = _organisation(doc, m)
    post_text = _post_label(doc, p_start, p_end, org_span)
    person, following, start_date = _holder(doc, persons, p_start, p_end, claims)
    if person is None and chain is not None and org is not None and \
            doc.patterns.joined_title.fullmatch(text[chain[0]:p_start]):
        person = chain[1]
    if person is None:
        return None, None
    return _post_of(doc, m, person, following, start_date, (p_start, p_end, org, post_text), seen), (p_end, person)


def _post_of(doc: Doc, m: re.Match[str], person: Ref, following: Ref | None, start_date: DateValue | None,
             title: tuple[int, int, str | None, str], seen: set[tuple[str, str | None]]) -> PostHolding | None:
    text = doc.text
    p_start, p_end, org, post_text = title
    how = "post.title"
    status = cue(doc, r"^(?:{past_holder_words})[\s-]+").match(post_text)
    if status:  # 'former President X': the post is 'President' (held once); the status word names no post
        post_text = post_text[status.end():]
    if org is None and _assembly_president(doc, person, post_text):
        org = _assembly_president(doc, person, post_text)
        post_text = post_text.replace("President", "President of the General Assembly")
    if org is None and person is following:
        org = _state_after_name(doc, person, post_text)
        if org is not None:
            how = "post.title_name_of_state"
    if org is None and doc.patterns.chair_of_meeting.match(text[p_end:p_end + 60]):
        return None  # 'President of the previous session': the chair of a meeting, no national post
    if org is None:
        org = _default_org(doc, post_text, m.group(), person, p_start)
    if org is None or (person.key, org) in seen:
        return None
    seen.add((person.key, org))
    lo, hi = min(p_start, person.start), max(p_end, person.end)
    if how == "post.title_name_of_state":
        hi = max(hi, doc.text.index(" of ", person.end) + 4)
        hi = next(r.end for r in doc.refs if r.start >= hi and r.type == "State")
    return PostHolding(person.key, post_text, org, start_date, doc.evidence(lo, hi), how)


def _organisation(doc: Doc, m: re.Match[str]) -> tuple[int, int, str | None, tuple[int, int] | None]:
    """The title's full extent and its organisation: named inside, after, or (possessive, adjective) before it."""
    text = doc.text
    p_start, p_end = m.start(), m.end()
    near = doc.refs_near(p_start)  # names are shorter than a sentence: a bounded window, not every ref
    carrier = next((r for r in near if r.type == "Agency" and r.start < p_start < r.end), None)
    if carrier is not None:  # "United Nations High Commissioner for Refugees": the agency's name is the title
        p_start = carrier.start
    p_end, org, org_span = _post_tail(doc, p_end)
    if carrier is not None and org is None:
        org = carrier.key
    prefix_org = [r for r in doc.refs_between(p_start, m.end(), ("Agency", "State"))]
    if org is None and prefix_org:
        org = doc.state_of(prefix_org[0]) or prefix_org[0].key
    if org is None:  # "UNHCR's Representative for Central Asia"
        owner = next((r for r in near if r.type in ("Agency", "State") and r.key and
                      re.fullmatch(r"['\u2019]s\s+", text[r.end:p_start])), None)
        if owner is not None:
            org = doc.state_of(owner) or owner.key
    if org is None:  # "the United States Secretary of State, Mr. James Baker": the state's name as a modifier
        named = next((r for r in doc.refs if r.type == "State" and r.key and r.end < p_start and
                      text[r.end:p_start] == " " and  # not "the Embassy of X President ...", "X and Y President"
                      not re.search(r"\b(?:of|and|in)\s+(?:the\s+)?$", text[max(0, r.start - 12):r.start])),
                     None)
        if named is not None:
            org = named.key
    adjective = re.search(r"\b((?:[A-Z][a-z]+\s)?([A-Z][a-z]+))\s+$", text[max(0, p_start - 30):p_start])
    if org is None and adjective:  # "Kazakh Foreign Minister X", "South African President X"
        org = doc.registry.adjectives.get(adjective.group(1)) or doc.registry.adjectives.get(adjective.group(2))
    return p_start, p_end, org, org_span


def _holder(doc: Doc, persons: list[Ref], p_start: int, p_end: int, claims: list[DateClaim]
            ) -> tuple[Ref | None, Ref | None, DateValue | None]:
    """Who holds the post: the name right after the title, else the name before 'became / is / was <title>', else
    '<title> is <name>'; with the start date a 'became' or 'since' sentence gives.  Returns (holder, the name
    after the title if that is the holder, start)."""
    text = doc.text
    honor = "|".join(re.escape(h) for h in doc.lexicon.honorifics)
    person_starts = [r.start for r in persons]
    gap = re.match(rf"\s*,?\s*(?:(?:{honor})\s*){{0,3}}", text[p_end:p_end + 60])
    reach = p_end + (gap.end() if gap else 0) + 1
    i, j = between(person_starts, p_end, reach + 1)
    following = next((r for r in persons[i:j] if p_end <= r.start <= reach), None)
    if following is not None:
        return following, following, None
    i, j = between(person_starts, p_start - NEAR_CHARS, p_start)
    preceding = next((r for r in reversed(persons[i:j]) if r.end <= p_start and
                      doc.patterns.became.fullmatch(text[r.end:p_start])), None)
    if preceding is not None:
        start_date = None
        if doc.patterns.taking_office.search(text[preceding.end:p_start]):
            start_date = _sentence_date(doc, p_start, claims)
        return preceding, None, start_date
    is_m = re.match(rf"\s+(?:is|was|has been)\s+(?:(?:{honor})\s*)?", text[p_end:p_end + 40])
    if not is_m:
        return None, None, None
    i, j = between(person_starts, p_end + is_m.end(), p_end + is_m.end() + 1)
    person = next((r for r in persons[i:j] if r.start == p_end + is_m.end()), None)
    start_date = None
    if person is not None and re.search(r"\b[Ss]ince\b", text[doc.sentence_of(p_start).start:p_start]):
        start_date = _sentence_date(doc, p_start, claims)
    return person, None, start_date


def _assembly_president(doc: Doc, person: Ref, post: str) -> str | None:
    """'Mr. President, Mr. X', 'President Ganev', 'President, His Excellency X of Uganda': a bare 'President' before
    the name of one of the registry's Presidents of the General Assembly is that presidency (the Assembly's key)."""
    entry = doc.registry.get(person.key)
    words = post.split()
    if words[-1:] != ["President"] or not set(words[:-1]) <= set(doc.patterns.words["assembly_president_modifiers"]
                                                                  .split("|")) or \
            entry is None or not entry.data.get("general_assembly_president_session"):
        return None  # "former President, Mr. X" too
    return doc.registry.lookup("Agency", "United Nations General Assembly")


def _state_after_name(doc: Doc, person: Ref, post: str) -> str | None:
    """'President Ismail Omar Guelleh of Djibouti', 'Prime Minister Kevin Rudd of Australia': a national title
    before a name takes the state named right after the name."""
    lex = doc.lexicon
    words = post.split()
    if not any(" ".join(words[i:]) in lex.national_posts for i in range(len(words))) and \
            not re.search(r"\bMinist", post):
        return None
    m = re.match(r"\s+of\s+(?:the\s+)?", doc.text[person.end:person.end + 12])
    if not m:
        return None
    state = next((r for r in doc.refs if r.start == person.end + m.end() and r.key and r.type == "State"), None)
    return state.key if state is not None else None


def _post_tail(doc: Doc, pos: int) -> tuple[int, str | None, tuple[int, int] | None]:
    """Extend a post over 'of Foreign Affairs', 'of the Republic of X', 'for Central Asia', 'of the Office'."""
    text = doc.text
    org: str | None = None
    org_span: tuple[int, int] | None = None
    end = pos
    for _ in range(3):
        m = re.match(r"\s+(?P<prep>of|for|in|to)\s+(?:the\s+)?", text[end:end + 12])
        if not m:
            break
        nxt = end + m.end()
        ref = next((r for r in doc.refs if r.start == nxt and r.key), None)
        if ref is not None:
            # "Coordinator in X" is a posting, not the organisation
            if ref.type in ("Agency", "State") and m.group("prep") != "in" and org is None:
                org = doc.state_of(ref) or ref.key
                org_span = (end, ref.end)
            end = ref.end
            continue
        portfolio = re.match(r"[A-Z][a-z]+(?:\s+(?:and|of|the|[A-Z][a-z]+))*(?<![a-z] and)(?<! of)(?<! the)",
                             text[nxt:nxt + 80])
        if portfolio and not re.match(r"(?:Mr|Ms|Mrs|Dr)\b", portfolio.group()):
            stop = nxt + portfolio.end()
            honoured = re.search(rf"\s+and\s+(?:{'|'.join(map(re.escape, doc.lexicon.honorifics))})(?!\w)",
                                 portfolio.group())
            if honoured:  # "Minister of Refugee Affairs and Princess Sarah": the portfolio ends at 'and'
                stop = nxt + honoured.start()
            person = next((r.start for r in doc.refs if r.key and nxt < r.start < stop), None)
            if person is not None:  # "for Refugees Antonio Guterres", "of Foreign Affairs of X": stop at a name
                stop = nxt + len(re.sub(r"\s+(?:of|for|in)(?:\s+the)?\s*$", "", text[nxt:person].rstrip(" ,")))
            if stop > nxt:
                end = stop
                continue
        break
    return end, org, org_span


def _post_label(doc: Doc, start: int, end: int, org_span: tuple[int, int] | None) -> str:
    label = doc.text[start:org_span[0]] + doc.text[org_span[1]:end] if org_span is not None else doc.text[start:end]
    return " ".join(label.split())


def _default_org(doc: Doc, post: str, head: str, person: Ref, pos: int) -> str | None:
    for phrase, org in sorted(doc.lexicon.post_default_organisation.items(), key=lambda kv: -len(kv[0])):
        if phrase in post:
            key = doc.registry.lookup("Agency", org)
            if key:
                return key
    words = post.split()
    tail = re.search(r"\b(?:of|for|to)\s+(?:the\s+)?(.+)$", post)
    if doc.document.author_state and re.fullmatch(r"(?:Vice[- ])?President of the (?:Republic|Principality|Kingdom)|"
                                                  r"Head of State|Prime Minister of the (?:Republic|Kingdom)", post):
        return doc.main_state  # in a state's statement 'the President of the Republic' is its own
    if tail and re.search(r"\b(?:session|meeting|conference|summit)\b", tail.group(1), re.I):
        return None  # 'President of the previous session': who presides over a meeting holds no national post
    if tail and any(w in doc.lexicon.agency_heads for w in tail.group(1).split()):
        return None  # 'President of the Assembly', 'Representative of the Secretary-General for X': not a state post
    if any(" ".join(words[i:]) in doc.lexicon.national_posts or w in doc.lexicon.national_posts
           for i, w in enumerate(words)) or re.search(r"\bMinist", post):
        return _own_state_of_post(doc, person, pos)
    return None


def _own_state_of_post(doc: Doc, person: Ref, pos: int) -> str | None:
    """A national title without its country ('President X') is the document's own state only when the text says so.

    Statements name foreign presidents and ministers all the time, so the document's state is taken only when
    the registry knows the person's country, a possessive makes it ours ('our President', 'my Foreign Minister'),
    or the sentence (with the one before) names the document's state and no other state.
    """
    main = doc.main_state
    entry = doc.registry.get(person.key)
    if entry is not None and entry.data.get("country"):
        return doc.registry.lookup("State", entry.data["country"])
    if main is None:
        return None
    if re.search(r"\b(?:our|my)\s+(?:(?!(?:with|to|of|for|from|by|at|and|in|on)\s)[\w-]+\s+){0,2}$"
                 r"|\bmy\s+country['\u2019]s\s+$", doc.text[max(0, pos - 30):pos], re.I):  # not 'my talks with'

        return main
    if doc.document.author_state:
        return None  # a state's statement names foreign leaders by bare title all the time; its own, with 'our'
    s = doc.sentence_of(pos)
    before = [p for p in doc.sentences if p.end <= s.start][-1:]
    lo = before[0].start if before else s.start
    states = {doc.state_of(r) for r in doc.refs_between(lo, s.end, ("State", "Agency")) if doc.state_of(r)}
    return main if states == {main} else None


def _sentence_date(doc: Doc, pos: int, claims: list[DateClaim]) -> DateValue | None:
    """The date of the sentence nearest `pos` (the start of a post); it is claimed, whether or not a post follows."""
    s = doc.sentence_of(pos)
    d = nearest(doc.free_dates(s.start, s.end), pos)
    if d is not None:
        claims.append(DateClaim(d.start))
    return d.value if d else None
