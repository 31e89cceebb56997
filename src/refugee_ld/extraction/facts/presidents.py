"""The President of the General Assembly (rule `posts.assembly_presidents`), as statements name them.

"Mr. X on his election to the presidency of the General Assembly", "Mr. X of Malta, who presided over the work
of the forty-fifth session of the Assembly", "your predecessor, Mr. X".  Besides the post, the rule returns a
`Presidency` (who, and the span that says so) that the role rules read to make the president a participant of
the session named there.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import PostHolding
from ..doc import Doc
from ..mentions import Ref
from ..rules import rule
from .common import of_type


@dataclass(frozen=True)
class Presidency:
    """A person named as President of the Assembly, with the view span of the phrase that says so."""

    person: str
    start: int
    end: int


def _presidency_nearby(doc: Doc, person: Ref, end: int) -> re.Match[str] | None:
    """'Mr. X, for his presidency of the General Assembly', 'X ... during his presidency at the previous session':
    a presidency phrase after the name, in its sentence, before any other name, about the Assembly or a session."""
    s = doc.sentence_of(person.start)
    limit = min(s.end, end + 160)
    nxt = next((r.start for r in doc.refs if r.type in ("Person", "State", "Agency") and end < r.start < limit
                and r.key and not re.search(r"(?:General\s+)?Assembly", doc.text[r.start:r.end])), limit)
    window = doc.text[end:nxt]
    m = doc.patterns.presidency_near.search(window)
    if m is None or doc.patterns.other_body.search(m.group("tail")) or \
            not re.search(r"\b(?:his|her|your)\b", window[:m.start()] + m.group()):
        return None
    return re.match(re.escape(window[:m.end()]), window)


def _predecessor(doc: Doc, person: Ref) -> int | None:
    """'your predecessor, Mr. X': in a statement to the President of the Assembly, the previous President.
    Returns where the phrase starts: the evidence runs from 'your predecessor' to the end of the name."""
    honor = "|".join(re.escape(h) for h in doc.lexicon.honorifics)
    window = max(0, person.start - 80)
    m = re.search(rf"\b(?:your|his|her)\s+(?:distinguished\s+|able\s+)?predecessor,?\s+"
                  rf"(?:(?:{honor})\s*){{0,3}}(?:Minister\s+)?$",
                  doc.text[window:person.start])
    if m is None or not doc.document.author_state:
        return None
    s = doc.sentence_of(person.start)
    before = [p for p in doc.sentences if p.end <= s.start][-1:]
    lo = before[0].start if before else s.start
    if not re.search(r"\b(?:President|presidency|presided)\b", doc.text[lo:s.end]) or \
            not re.search(r"\bAssembly\b|\bsession\b", doc.text[lo:s.end]):
        return None
    return window + m.start()


@rule("posts.assembly_presidents", stage="facts", produces=(PostHolding, Presidency), after=("posts.titles",))
def assembly_presidents(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[PostHolding | Presidency, ...]:
    """The President of the General Assembly as statements name them: 'Mr. X on his election to the presidency of
    the General Assembly', 'Mr. X of Malta, who presided over the work of the forty-fifth session of the Assembly',
    'Mr. X, President of the fifty-third session of the General Assembly'."""
    body = doc.registry.lookup("Agency", "United Nations General Assembly")
    if body is None or not re.search(r"\bGeneral\s+Assembly\b", doc.text):
        return ()  # only texts that name the Assembly speak of its presidency
    seen = {(p.person, p.organisation) for p in of_type(inputs["posts.titles"], PostHolding)}
    out: list[PostHolding | Presidency] = []
    text = doc.text
    for person in (r for r in doc.refs if r.type == "Person" and r.key):
        end = person.end
        of_state = re.match(r"\s+of\s+(?:the\s+)?", text[end:end + 12])
        if of_state:  # "Mr. Amara Essy of Côte d'Ivoire, who ..."
            state = next((r for r in doc.refs if r.start == end + of_state.end() and r.type == "State"), None)
            if state is not None:
                end = state.end
        m = doc.patterns.presidency.match(text[end:end + 200])
        if m is None:
            m = _presidency_nearby(doc, person, end)
        if m is not None:
            start, stop = person.start, end + m.end()
        else:
            phrase = _predecessor(doc, person)
            if phrase is None:
                continue
            start, stop = phrase, person.end
        if (person.key, body) in seen:
            continue
        seen.add((person.key, body))
        out.append(Presidency(person.key, start, stop))
        out.append(PostHolding(person.key, "President of the General Assembly", body, None,
                               doc.evidence(start, stop), "post.assembly_president"))
    return tuple(out)
