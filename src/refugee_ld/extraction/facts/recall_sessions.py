"""Recall rule for an earlier session of the General Assembly that a statement recalls addressing.

  event.past_session  "A year ago, when we addressed this Assembly", "as I recommended here in the General
                      Assembly in 1993": the session of that year (and participant.past_session: the speaker's
                      state took part in it)

A statement names the session it is delivered at ('this session'); the one before it, it often names only by
recalling that the speaker addressed the Assembly a year ago.  The session's number follows from its year and
the year the body first met (registry data), as for the document's own session.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...records import DateValue, Entity, EventDetails, EventRole
from ...text.names import slugify
from ..doc import Doc
from ..rules import rule
from .recall_common import EVENT_RULES, NAMES, ROLE_RULES, UNREAL, prior

_ADDRESSED = re.compile(r"\b(?:we|I|my\s+delegation)\s+(?:have\s+|had\s+)?(?:addressed|spoke\s+(?:to|in|before)"
                        r"|stood\s+before|recommended\s+here\s+in)\s+(?:this|the)\s+(?:General\s+)?Assembly\b")
_A_YEAR_AGO = re.compile(r"\b(?:a|one)\s+year\s+ago\b|\blast\s+year\b", re.I)
_IN_YEAR = re.compile(r"\s+in\s+((?:19|20)\d\d)\b")

_AFTER = EVENT_RULES + ROLE_RULES + (NAMES,)


@rule("event.past_session", stage="facts", produces=(Entity, EventDetails, EventRole), after=_AFTER)
def past_session(doc: Doc, inputs: Mapping[str, Sequence[Any]]) -> tuple[Entity | EventDetails | EventRole, ...]:
    """'A year ago, when we addressed this Assembly', 'as I recommended here in the General Assembly in 1993': in
    a state's statement (its author known), 'we' or 'I' addressed the session of the year said (a year before
    the statement's, or the year named right after 'Assembly'); that session took place that year and the
    speaker's state took part.  Not when the sentence negates, hopes or exhorts."""
    body = doc.registry.lookup("Agency", "United Nations General Assembly")
    entry = doc.registry.get(body) if body else None
    base = entry.data.get("first_annual_session_year") if entry else None
    main, now = doc.main_state, doc.document.date
    if not doc.document.author_state or main is None or now is None or not base or entry is None:
        return ()
    known = {f.event for f in prior(inputs, _AFTER) if isinstance(f, EventDetails)}
    out: list[Entity | EventDetails | EventRole] = []
    for s in doc.sentences:
        for m in _ADDRESSED.finditer(doc.text, s.start, s.end):
            sentence = doc.text[s.start:s.end]
            named = _IN_YEAR.match(doc.text, m.end())
            year = int(named.group(1)) if named else now.year - 1 if _A_YEAR_AGO.search(sentence) else None
            if year is None or not int(base) <= year < now.year or UNREAL.search(doc.text[s.start:m.start()]):
                continue
            ordinal = doc.lexicon.ordinal_words_for(year - int(base) + 1)
            label = f"{ordinal[:1].upper()}{ordinal[1:]} Session of the {entry.entity.label}"
            key = f"event/{slugify(label)}"
            if key in known:
                continue
            known.add(key)
            end = named.end() if named else m.end()
            evidence = doc.evidence(m.start(), end)
            if doc.entity(key) is None:
                out.append(Entity(key=key, type="Event", label=label, kind="session"))
            out.append(EventDetails(key, DateValue(str(year)), None, None, evidence, "event.past_session"))
            out.append(EventRole(key, "participant", main, evidence, rule="participant.past_session"))
    return tuple(out)
