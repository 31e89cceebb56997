"""Recall rules for posts: the President of the General Assembly and the officials of international bodies.

Rules, in the order they run (each returns only posts the rules in its `after=` do not hold):
  post.presided_session  "Ms. X, for her leadership during the seventy-third session": she presided the Assembly
  post.predecessor       "I thank your predecessor, Mr. X" after the Assembly president is congratulated
  post.agency_official   "the Secretary-General, Mr. X", "Mr. X, Special Adviser of the Secretary-General on Y"
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import PostHolding
from ..doc import Doc
from ..rules import rule
from .common import gap_is_list
from .recall_common import NAMES, POST_RULES, UNREAL, fact_key, prior, recall_doc

_SESSION_AFTER = POST_RULES + (NAMES,)
_PREDECESSOR_AFTER = POST_RULES + ("post.presided_session", NAMES)
_OFFICIAL_AFTER = POST_RULES + ("post.presided_session", "post.predecessor", NAMES)

_SESSION_KEY = re.compile(r"session-of-the-united-nations-general-assembly$")
_PRESIDING = re.compile(r"\b(?:presid(?:ed|ing|ency)|President\s+of|leadership|guid(?:ed|ing|ance)|conduct(?:ed|ing)"
                        r"|steer(?:ed|ing)|chair(?:ed|ing|manship)|stewardship)\b", re.I)


@rule("post.presided_session", stage="facts", produces=PostHolding, after=_SESSION_AFTER)
def assembly_president_of_session(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PostHolding, ...]:
    """'Ms. X for her leadership during the seventy-third session', 'Mr. X, President of the General Assembly at
    its last session', 'X ... guided the work of the forty-ninth session': a person named, then (in the same
    clause, with no other person in between) a word of presiding and a session of the General Assembly.  The
    person held the post of President of the General Assembly.  (That they took part in the session is true too,
    but the development gold records it only now and then, so the rule leaves it out.)"""
    body = doc.registry.lookup("Agency", "United Nations General Assembly")
    if body is None:
        return ()
    doc = recall_doc(doc, inputs)
    out: list[PostHolding] = []
    have = {fact_key(f) for f in prior(inputs, _SESSION_AFTER)}
    for person in (r for r in doc.refs if r.type == "Person" and r.key):
        s = doc.sentence_of(person.start)
        event = next((r for r in doc.refs_between(person.end, min(s.end, person.end + 260), ("Event",))
                      if _SESSION_KEY.search(r.key)), None)
        if event is None:
            continue
        gap = doc.text[person.end:event.start]
        others = [r for r in doc.refs_between(person.end, event.start, ("Person",)) if r.key != person.key]
        if others or not _PRESIDING.search(gap) or UNREAL.search(gap) or re.search(r"[;:]", gap):
            continue
        if re.search(r"\bPresident\s+of\s+(?!(?:the\s+)?(?:General\s+Assembly|Assembly|(?:[\w-]+\s+){0,2}session))",
                     gap):
            continue  # 'President of the Republic', 'President of the Security Council': another post
        ev = doc.evidence(person.start, event.end)
        if ("holds_post", person.key, body) not in have:
            have.add(("holds_post", person.key, body))
            out.append(PostHolding(person.key, "President of the General Assembly", body, None, ev,
                                   "post.presided_session"))
    return tuple(out)


_PREDECESSOR = re.compile(r"\b(?:your|his|her)\s+(?:distinguished\s+|able\s+|eminent\s+|illustrious\s+)?predecessor"
                          r"\s*,?\s*(?:(?:His|Her)\s+Excellency\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Madam\s+"
                          r"|Ambassador\s+)*$")
_ASSEMBLY_PRESIDENCY = re.compile(r"\b(?:your|his|her)\s+(?:[\w-]+\s+){0,2}?(?:election|presidency)\b"
                                  r"|\bPresident\s+of\s+(?:the\s+|this\s+|our\s+)?(?:General\s+)?Assembly\b"
                                  r"|\bpresidency\s+of\s+(?:the\s+|this\s+|our\s+)?(?:General\s+)?Assembly\b")
_PRESIDENCY_AFTER = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+)?presidency\b|\bpresided\s+over\b")
_OTHER_OFFICE = re.compile(r"\bSecretary[-\u2010\u2011\s]\s*General\b|\bPresident\s+of\s+the\s+(?:Republic|Security"
                           r"|Economic|Court|Commission|Council)\b")


@rule("post.predecessor", stage="facts", produces=PostHolding, after=_PREDECESSOR_AFTER)
def assembly_president_predecessor(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PostHolding, ...]:
    """'I thank your predecessor, Mr. X, for ...', 'his predecessor, Mr. X of Y': a statement that has just
    congratulated the President of the General Assembly on the election names the previous President as the
    predecessor.  Only when the presidency of the Assembly is the last office the text spoke of (within the
    five sentences before), so the predecessor of a Secretary-General or of a head of state is never taken."""
    body = doc.registry.lookup("Agency", "United Nations General Assembly")
    if body is None or not re.search(r"\bGeneral\s+Assembly\b", doc.text):
        return ()
    doc = recall_doc(doc, inputs)
    out: list[PostHolding] = []
    have = {fact_key(f) for f in prior(inputs, _PREDECESSOR_AFTER)}
    for person in (r for r in doc.refs if r.type == "Person" and r.key):
        m = _PREDECESSOR.search(doc.text, max(0, person.start - 80), person.start)
        if m is None or ("holds_post", person.key, body) in have:
            continue
        s = doc.sentence_of(person.start)
        i = doc.sentence_starts.index(s.start) if s.start in doc.sentence_starts else 0
        lo = doc.sentences[max(0, i - 5)].start
        window = doc.text[lo:m.start()]
        cues = list(_ASSEMBLY_PRESIDENCY.finditer(window))
        if cues:  # the presidency spoken of before, with no other office spoken of since
            ok = not _OTHER_OFFICE.search(window[cues[-1].end():])
        else:  # '... for the work accomplished under his presidency' after the name
            ok = bool(_PRESIDENCY_AFTER.search(doc.text[person.end:s.end])) and not _OTHER_OFFICE.search(window)
        if not ok or re.search(r"\b(?:not|never)\b", doc.text[s.start:m.start()]):
            continue  # modals are no bar here: 'I should like to thank your predecessor' is a formula
        have.add(("holds_post", person.key, body))
        out.append(PostHolding(person.key, "President of the General Assembly", body, None,
                               doc.evidence(m.start(), person.end), "post.predecessor"))
    return tuple(out)


_HONORIFIC_RUN = r"(?:(?:His|Her)\s+Excellency\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+|Madam\s+|Ambassador\s+)*"
_SG = r"Secretary[-\u2010\u2011\s]\s*General"
_HEAD = (rf"(?:(?:Joint\s+|Deputy\s+|Special\s+|Personal\s+|Executive\s+|High\s+)*(?:Envoy|Adviser|Advisor"
         rf"|Representative|Coordinator|Director|Secretary|Commissioner)|Director[-\s]General|Chair(?:man|person)?"
         rf"|{_SG})")
_TITLE = rf"(?P<title>(?:{_HEAD}\s+of\s+(?:the\s+)?)?{_SG}|{_HEAD})(?P<of>\s+of\s+(?:the\s+)?)?"
_TITLE_BEFORE = re.compile(rf"(?:\bthe\s+)?{_TITLE}", re.I)
_TITLE_AFTER = re.compile(rf"(?:,|\s+as)\s+(?:the\s+)?(?:current\s+)?{_TITLE}", re.I)


@rule("post.agency_official", stage="facts", produces=PostHolding, after=_OFFICIAL_AFTER)
def agency_officials(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PostHolding, ...]:
    """'the Secretary-General, His Excellency Mr. X', 'Mr. X, Secretary-General', 'Mr. X, Special Adviser of the
    Secretary-General on Y', 'the Joint Special Representative of A and B for Z, Mr. X', 'X of Nigeria, current
    Chairman of the African Union': the title of an international body's office in apposition to a name.  The
    organisation is the body (or bodies) named after the title, else the United Nations for the Secretary-General
    and those acting for him.  'Former' titles and national bodies are left to the post rules of `facts`."""
    un = doc.registry.lookup("Agency", "United Nations")
    doc = recall_doc(doc, inputs)
    out: list[PostHolding] = []
    have = {fact_key(f) for f in prior(inputs, _OFFICIAL_AFTER)}
    text = doc.text
    for person in (r for r in doc.refs if r.type == "Person" and r.key):
        orgs: list[tuple[str, int, int]] = []
        s = doc.sentence_of(person.start)
        for m in _TITLE_BEFORE.finditer(text, max(s.start, person.start - 160), person.start):
            orgs = _title_orgs(doc, m, person.start, un, before=True)
            if orgs:
                break
        if not orgs:  # 'Name[ of State], [the ][current ]<title>[ of Org]'
            end = person.end
            of_state = re.match(r"\s+of\s+(?:the\s+)?", text[end:end + 12])
            state = next((r for r in doc.refs_between(end, end + 80, ("State",))
                          if of_state and r.start == end + of_state.end()), None)
            after = _TITLE_AFTER.match(text, state.end if state is not None else end)
            if after is not None:
                orgs = _title_orgs(doc, after, after.end(), un, before=False)
        for org, lo, hi in orgs:
            key = ("holds_post", person.key, org)
            if key in have:
                continue
            have.add(key)
            title = " ".join(re.sub(r"[-\u2010\u2011]\s+", "-", text[lo:hi]).split())
            out.append(PostHolding(person.key, title, org, None,
                                   doc.evidence(min(lo, person.start), max(hi, person.end)), "post.agency_official"))
    return tuple(out)


def _title_orgs(doc: Doc, m: re.Match[str], limit: int, un: str | None,
                before: bool) -> list[tuple[str, int, int]]:
    """The organisations a matched title belongs to, with the title's span; empty when the title does not stand
    in apposition to the name (before=True: only a qualifier, a comma and honorifics may separate them)."""
    text = doc.text
    title = m.group("title")
    end = m.end()
    orgs: list[str] = []
    if m.group("of"):
        cursor = m.end()
        for r in doc.refs_between(m.end(), m.end() + 160, ("Agency",)):
            if r.start < cursor:
                continue
            if (r.start != m.end() and not gap_is_list(text[cursor:r.start])) or doc.state_of(r):
                break
            orgs.append(r.key)
            cursor = r.end
        end = cursor
    elif re.search(rf"{_SG}$", title.strip(), re.I) and un:
        orgs = [un]  # the Secretary-General, or an envoy of his
    if not orgs:
        return []
    if before:
        rest = text[end:limit]
        if not re.fullmatch(rf"(?:\s+(?:for|on)\s+[^,;.]{{1,40}})?,\s+{_HONORIFIC_RUN}", rest, re.I):
            return []
    elif not re.match(r"\s*(?:[,;.)]|and\b|(?:for|on|in)\b|$)", text[end:end + 6]):
        return []
    if re.search(r"\b(?:former|late|then)\s+$", text[max(0, m.start() - 12):m.start("title")], re.I):
        return []
    return [(o, m.start("title"), end) for o in dict.fromkeys(orgs)]
