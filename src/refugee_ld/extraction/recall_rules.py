"""Recall rules: further phrasings of facts the core rules in `facts` already know, found on real statements.

Each rule is a pure function `(ctx, found) -> new facts`: it reads the document's references and text, never
particular names, and returns only facts that `found` (what the earlier rules produced) does not already hold.
They run after the core rules, so they may complete those rules' facts (a list continued after a treaty verb,
the session an Assembly president presided over) without ever changing them.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..extraction.facts import DocContext, _gap_is_list
from ..extraction.mentions import Ref
from ..records import DateValue, EventRole, Fact, InstrumentDate, PostHolding, TreatyAction

RecallRule = Callable[[DocContext, list[Fact]], list[Fact]]

# a clause that does not assert the act: negation, modality, exhortation, intention
_UNREAL = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|should|could|would|(?-i:may)|might|will|shall|must|ought|hopes?|wish\w*"
    r"|intends?|plans?|urges?|urged|calls?\s+(?:on|upon)|called\s+(?:on|upon)|invites?|encourag\w*|if|unless"
    r"|whether)\b", re.I)


def _fact_key(f: Fact) -> tuple:
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


# -- instrument dates -------------------------------------------------------------------------------------------
_ADOPTING = re.compile(r"\b(?:adopted|adoption|adopting|passed|unanimously)\b(?![^.;]*[.;])", re.I)
_CITATION_YEAR = re.compile(r"\s*\((?P<year>(?:19|20)\d\d)\)(?:\s*,?\s*of\s+)?")


def resolution_citation_year(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'Security Council resolution 1208 (1998)', 'resolution 935 (1994), of 1 July 1994': the year in a
    resolution's citation is the year it was adopted (a full date right after it, 'of 1 July 1994', is the day).

    Like the core rule, only where the text speaks of adopting it (a citation in passing is not annotated as an
    adoption fact); this rule reads the year when a line break cut it off the recognised name, and the sentence
    splitter cut the clause with it."""
    out: list[Fact] = []
    dated = {_fact_key(f) for f in found}
    text = ctx.text
    for ref in ctx.refs:
        if ref.type != "Instrument" or ref.kind != "resolution" or not ref.key or ref.via != "pattern":
            continue
        entity = ctx.entity(ref.key)
        label_year = re.search(r"\((\d{4})\)$", entity.label) if entity else None
        tail = _CITATION_YEAR.match(text[ref.end:ref.end + 40])
        year = label_year.group(1) if label_year else tail.group("year") if tail else None
        if year is None or ("instrument_date", ref.key, "adopted") in dated:
            continue
        if not _ADOPTING.search(ctx.text[max(0, ref.start - 80):ref.start]):
            continue
        end = ref.end + (tail.end() if tail else 0)
        value = DateValue(year)
        full = next((d for d in ctx.dates if d.start == end and d.value.year == int(year)), None) \
            if tail and tail.group().rstrip().endswith("of") else None
        if full is not None:
            value, end = full.value, full.end
        elif tail is not None:
            end = ref.end + len(tail.group().split(")")[0]) + 1
        dated.add(("instrument_date", ref.key, "adopted"))
        out.append(InstrumentDate(ref.key, "adopted", value, ctx.evidence(ref.start, end),
                                  "instrument_date.citation_year"))
    return out


# -- treaty actions ---------------------------------------------------------------------------------------------
_LIST_GAP = re.compile(r"(?:,\s+including\s+[A-Z][\w\s-]{0,40}?)?"  # a name's own tail: ', including Diplomatic Agents'
                       r"[\s,;]*(?:and\s+|as\s+well\s+as\s+)?(?:also\s+)?(?:to\s+|of\s+)?(?:the\s+)?", re.I)


def treaty_list_continuation(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'Malta acceded to the A; to the B; and to the C': a treaty verb's object is a list, and each instrument
    in it takes the same state, action and date as the first (which the core rule found)."""
    out: list[Fact] = []
    have = {_fact_key(f) for f in found}
    text = ctx.text
    for f in [f for f in found if isinstance(f, TreatyAction)]:
        first = next((r for r in ctx.refs_between(f.evidence.start - 400, f.evidence.end + 400, ("Instrument",))
                      if r.key == f.instrument and _inside(ctx, r, f)), None)
        if first is None:
            continue
        s = ctx.sentence_of(first.start)
        cursor = first.end
        for nxt in ctx.refs_between(first.end, s.end, ("Instrument",)):
            if nxt.start < cursor:
                continue  # a name inside the previous one
            gap = text[cursor:nxt.start]
            if not (_LIST_GAP.fullmatch(gap) or _gap_is_list(gap)) or "." in gap:
                break
            cursor = nxt.end
            key = ("party_to", f.state, nxt.key, f.action)
            if key in have:
                continue
            have.add(key)
            out.append(TreatyAction(f.state, nxt.key, f.action, f.date, ctx.evidence(first.start, nxt.end),
                                    "treaty.list_continuation"))
    return out


def _inside(ctx: DocContext, ref: Ref, fact: TreatyAction) -> bool:
    """The instrument reference lies inside the fact's quote (view offsets compared through the quote)."""
    ev = ctx.evidence(ref.start, ref.end)
    return fact.evidence.start <= ev.start and ev.end <= fact.evidence.end


_OBLIGATIONS = re.compile(r"\b(?P<who>its|their|our)\s+(?:[\w-]+\s+){0,2}?obligations\s+(?:as\s+a\s+(?:State\s+)?"
                          r"party\s+)?under\s+(?:[\w\s-]{0,40}?,?\s+such\s+as\s+)?(?:the\s+)?", re.I)
_AS_PARTY = re.compile(r"\bAs\s+a\s+(?:State\s+)?party\s+to\s+(?:the\s+)?", re.I)


def treaty_obligations_under(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'Tonga, in compliance with its obligations under the Convention ...', 'As a party to the Treaty, we':
    only a party has obligations under a treaty, so the state whose obligations they are is a party to each
    instrument listed.  The state is the sentence's subject: the state named last before 'its', or the
    speaker's state for 'our' and for 'As a party to ..., we / my country / the Principality'."""
    out: list[Fact] = []
    # a state's accession or ratification already says it is a party: no second, vaguer fact
    known = {(f.state, f.instrument) for f in found if isinstance(f, TreatyAction)}
    main = ctx.mentions.main_state
    for s in ctx.sentences:
        sentence = ctx.text[s.start:s.end]
        for m in list(_OBLIGATIONS.finditer(sentence)) + list(_AS_PARTY.finditer(sentence)):
            lo, hi = s.start + m.start(), s.start + m.end()
            if _UNREAL.search(ctx.text[s.start:lo]):
                continue
            state = _obligation_state(ctx, s.start, lo, hi, m, main)
            instruments = _instrument_run(ctx, hi, s.end)
            for ref in instruments:
                if state is None or (state, ref.key) in known:
                    continue
                known.add((state, ref.key))
                out.append(TreatyAction(state, ref.key, "party", None, ctx.evidence(lo, ref.end),
                                        "treaty.obligations_under"))
    return out


def _obligation_state(ctx: DocContext, s_start: int, lo: int, hi: int, m: re.Match[str],
                      main: str | None) -> str | None:
    who = (m.groupdict().get("who") or "").lower()
    if who == "our":
        return main if ctx.document.author_state else None
    if who in ("its", "their"):
        states = [r for r in ctx.refs_between(s_start, lo, ("State", "Agency")) if ctx.state_of(r)]
        if not states or len({ctx.state_of(r) for r in states}) > 1:
            return None  # no subject, or several states: whose obligations is not sure
        return ctx.state_of(states[-1])
    # 'As a party to X, <subject>': the subject follows the instrument
    after = ctx.text[hi:hi + 200]
    comma = after.find(",")
    if comma < 0:
        return None
    rest = ctx.text[hi + comma + 1:hi + comma + 60]
    subj = next((r for r in ctx.refs_between(hi + comma + 1, hi + comma + 60, ("State", "Agency"))
                 if ctx.state_of(r) and re.fullmatch(r"\s*(?:the\s+)?", ctx.text[hi + comma + 1:r.start])), None)
    if subj is not None:
        return ctx.state_of(subj)
    if ctx.document.author_state and re.match(r"\s*(?:we|my\s+(?:country|Government)|the\s+(?:Principality|Kingdom"
                                              r"|Republic|Grand\s+Duchy))\b", rest, re.I):
        return main
    return None


def _instrument_run(ctx: DocContext, start: int, end: int) -> list[Ref]:
    """The instruments named in a row from `start`: 'the A, the B (B) and the C'."""
    run: list[Ref] = []
    cursor = start
    for ref in ctx.refs_between(start, end):
        if ref.start < cursor:
            continue
        gap = ctx.text[cursor:ref.start]
        if run and not (_gap_is_list(gap) or _LIST_GAP.fullmatch(gap)) or not run and gap.strip():
            if ref.type == "Agency" and run and re.fullmatch(r"\s*\(", gap):
                cursor = ref.end  # '(ICC)': an abbreviation in brackets
                continue
            break
        if ref.type != "Instrument":
            if re.fullmatch(r"\s*\(?\s*", gap) and run:
                cursor = ref.end
                continue
            break
        run.append(ref)
        cursor = ref.end
        close = re.match(r"\s*\([^()]{1,12}\)", ctx.text[cursor:cursor + 16])
        if close:
            cursor += close.end()
    return run


# -- posts ------------------------------------------------------------------------------------------------------
_SESSION_KEY = re.compile(r"session-of-the-united-nations-general-assembly$")
_PRESIDING = re.compile(r"\b(?:presid(?:ed|ing|ency)|President\s+of|leadership|guid(?:ed|ing|ance)|conduct(?:ed|ing)"
                        r"|steer(?:ed|ing)|chair(?:ed|ing|manship)|stewardship)\b", re.I)


def assembly_president_of_session(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'Ms. X for her leadership during the seventy-third session', 'Mr. X, President of the General Assembly at
    its last session', 'X ... guided the work of the forty-ninth session': a person named, then (in the same
    clause, with no other person in between) a word of presiding and a session of the General Assembly.  The
    person held the post of President of the General Assembly.  (That they took part in the session is true too,
    but the development gold records it only now and then, so the rule leaves it out.)"""
    body = ctx.registry.lookup("Agency", "United Nations General Assembly")
    if body is None:
        return []
    out: list[Fact] = []
    have = {_fact_key(f) for f in found}
    for person in (r for r in ctx.refs if r.type == "Person" and r.key):
        s = ctx.sentence_of(person.start)
        event = next((r for r in ctx.refs_between(person.end, min(s.end, person.end + 260), ("Event",))
                      if _SESSION_KEY.search(r.key)), None)
        if event is None:
            continue
        gap = ctx.text[person.end:event.start]
        others = [r for r in ctx.refs_between(person.end, event.start, ("Person",)) if r.key != person.key]
        if others or not _PRESIDING.search(gap) or _UNREAL.search(gap) or re.search(r"[;:]", gap):
            continue
        if re.search(r"\bPresident\s+of\s+(?!(?:the\s+)?(?:General\s+Assembly|Assembly|(?:[\w-]+\s+){0,2}session))",
                     gap):
            continue  # 'President of the Republic', 'President of the Security Council': another post
        ev = ctx.evidence(person.start, event.end)
        if ("holds_post", person.key, body) not in have:
            have.add(("holds_post", person.key, body))
            out.append(PostHolding(person.key, "President of the General Assembly", body, None, ev,
                                   "post.presided_session"))
    return out


_PREDECESSOR = re.compile(r"\b(?:your|his|her)\s+(?:distinguished\s+|able\s+|eminent\s+|illustrious\s+)?predecessor"
                          r"\s*,?\s*(?:(?:His|Her)\s+Excellency\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Madam\s+"
                          r"|Ambassador\s+)*$")
_ASSEMBLY_PRESIDENCY = re.compile(r"\b(?:your|his|her)\s+(?:[\w-]+\s+){0,2}?(?:election|presidency)\b"
                                  r"|\bPresident\s+of\s+(?:the\s+|this\s+|our\s+)?(?:General\s+)?Assembly\b"
                                  r"|\bpresidency\s+of\s+(?:the\s+|this\s+|our\s+)?(?:General\s+)?Assembly\b")
_PRESIDENCY_AFTER = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+)?presidency\b|\bpresided\s+over\b")
_OTHER_OFFICE = re.compile(r"\bSecretary[-\u2010\u2011\s]\s*General\b|\bPresident\s+of\s+the\s+(?:Republic|Security"
                           r"|Economic|Court|Commission|Council)\b")


def assembly_president_predecessor(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'I thank your predecessor, Mr. X, for ...', 'his predecessor, Mr. X of Y': a statement that has just
    congratulated the President of the General Assembly on the election names the previous President as the
    predecessor.  Only when the presidency of the Assembly is the last office the text spoke of (within the
    five sentences before), so the predecessor of a Secretary-General or of a head of state is never taken."""
    body = ctx.registry.lookup("Agency", "United Nations General Assembly")
    if body is None or not re.search(r"\bGeneral\s+Assembly\b", ctx.text):
        return []
    out: list[Fact] = []
    have = {_fact_key(f) for f in found}
    starts = [s.start for s in ctx.sentences]
    for person in (r for r in ctx.refs if r.type == "Person" and r.key):
        m = _PREDECESSOR.search(ctx.text, max(0, person.start - 80), person.start)
        if m is None or ("holds_post", person.key, body) in have:
            continue
        s = ctx.sentence_of(person.start)
        i = starts.index(s.start) if s.start in starts else 0
        lo = ctx.sentences[max(0, i - 5)].start
        window = ctx.text[lo:m.start()]
        cues = list(_ASSEMBLY_PRESIDENCY.finditer(window))
        if cues:  # the presidency spoken of before, with no other office spoken of since
            ok = not _OTHER_OFFICE.search(window[cues[-1].end():])
        else:  # '... for the work accomplished under his presidency' after the name
            ok = bool(_PRESIDENCY_AFTER.search(ctx.text[person.end:s.end])) and not _OTHER_OFFICE.search(window)
        if not ok or re.search(r"\b(?:not|never)\b", ctx.text[s.start:m.start()]):
            continue  # modals are no bar here: 'I should like to thank your predecessor' is a formula
        have.add(("holds_post", person.key, body))
        out.append(PostHolding(person.key, "President of the General Assembly", body, None,
                               ctx.evidence(m.start(), person.end), "post.predecessor"))
    return out


_HONORIFIC_RUN = r"(?:(?:His|Her)\s+Excellency\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+|Madam\s+|Ambassador\s+)*"
_SG = r"Secretary[-\u2010\u2011\s]\s*General"
_HEAD = (rf"(?:(?:Joint\s+|Deputy\s+|Special\s+|Personal\s+|Executive\s+|High\s+)*(?:Envoy|Adviser|Advisor"
         rf"|Representative|Coordinator|Director|Secretary|Commissioner)|Director[-\s]General|Chair(?:man|person)?"
         rf"|{_SG})")
_TITLE = rf"(?P<title>(?:{_HEAD}\s+of\s+(?:the\s+)?)?{_SG}|{_HEAD})(?P<of>\s+of\s+(?:the\s+)?)?"
_TITLE_BEFORE = re.compile(rf"(?:\bthe\s+)?{_TITLE}", re.I)
_TITLE_AFTER = re.compile(rf"(?:,|\s+as)\s+(?:the\s+)?(?:current\s+)?{_TITLE}", re.I)


def agency_officials(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """'the Secretary-General, His Excellency Mr. X', 'Mr. X, Secretary-General', 'Mr. X, Special Adviser of the
    Secretary-General on Y', 'the Joint Special Representative of A and B for Z, Mr. X', 'X of Nigeria, current
    Chairman of the African Union': the title of an international body's office in apposition to a name.  The
    organisation is the body (or bodies) named after the title, else the United Nations for the Secretary-General
    and those acting for him.  'Former' titles and national bodies are left to the post rules of `facts`."""
    un = ctx.registry.lookup("Agency", "United Nations")
    out: list[Fact] = []
    have = {_fact_key(f) for f in found}
    text = ctx.text
    for person in (r for r in ctx.refs if r.type == "Person" and r.key):
        orgs: list[tuple[str, int, int]] = []
        s = ctx.sentence_of(person.start)
        for m in _TITLE_BEFORE.finditer(text, max(s.start, person.start - 160), person.start):
            orgs = _title_orgs(ctx, m, person.start, un, before=True)
            if orgs:
                break
        if not orgs:  # 'Name[ of State], [the ][current ]<title>[ of Org]'
            end = person.end
            of_state = re.match(r"\s+of\s+(?:the\s+)?", text[end:end + 12])
            state = next((r for r in ctx.refs_between(end, end + 80, ("State",))
                          if of_state and r.start == end + of_state.end()), None)
            m = _TITLE_AFTER.match(text, state.end if state is not None else end)
            if m is not None:
                orgs = _title_orgs(ctx, m, m.end(), un, before=False)
        for org, lo, hi in orgs:
            key = ("holds_post", person.key, org)
            if key in have:
                continue
            have.add(key)
            title = " ".join(re.sub(r"[-\u2010\u2011]\s+", "-", text[lo:hi]).split())
            out.append(PostHolding(person.key, title, org, None,
                                   ctx.evidence(min(lo, person.start), max(hi, person.end)), "post.agency_official"))
    return out


def _title_orgs(ctx: DocContext, m: re.Match[str], limit: int, un: str | None,
                before: bool) -> list[tuple[str, int, int]]:
    """The organisations a matched title belongs to, with the title's span; empty when the title does not stand
    in apposition to the name (before=True: only a qualifier, a comma and honorifics may separate them)."""
    text = ctx.text
    title = m.group("title")
    end = m.end()
    orgs: list[str] = []
    if m.group("of"):
        cursor = m.end()
        for r in ctx.refs_between(m.end(), m.end() + 160, ("Agency",)):
            if r.start < cursor:
                continue
            if (r.start != m.end() and not _gap_is_list(text[cursor:r.start])) or ctx.state_of(r):
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


from .recall_events import EVENT_RULES  # noqa: E402  (the event and party rules live in their own modules)
from .recall_parties import PARTY_RULES  # noqa: E402

RECALL_RULES: tuple[RecallRule, ...] = (
    resolution_citation_year,
    treaty_list_continuation,
    treaty_obligations_under,
    assembly_president_of_session,
    assembly_president_predecessor,
    agency_officials,
    *EVENT_RULES,
    *PARTY_RULES,
)


def recall_facts(ctx: DocContext, found: list[Fact]) -> list[Fact]:
    """Run the recall rules in order; each sees the facts found so far, so none repeats another's fact."""
    out: list[Fact] = []
    for rule in RECALL_RULES:
        out += rule(ctx, found + out)
    return out
