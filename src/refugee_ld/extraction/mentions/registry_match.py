"""Registry names and aliases found in the token stream (longest alias first), and the document's main state."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass

from ...records import Entity
from ...registry import Registry
from ...text.names import fold, slugify
from ..rules import rule
from .doc import STAGE, MentionDoc
from .model import Ref, Token
from .tokens import token_key, tokenize


@dataclass(frozen=True)
class _Alias:
    keys: tuple[str, ...]
    tokens: tuple[str, ...]
    entity_key: str
    type: str
    kind: str | None


def _alias_index(registry: Registry) -> dict[str, list[_Alias]]:
    """Aliases by first token, longest first; built once per registry object."""
    cached: dict[str, list[_Alias]] | None = registry.__dict__.get("_alias_index")
    if cached is None:  # kept on the registry object: it lives as long as the registry, in every worker
        cached = registry.__dict__["_alias_index"] = _build_alias_index(registry)
    return cached


def _build_alias_index(registry: Registry) -> dict[str, list[_Alias]]:
    index: dict[str, list[_Alias]] = {}
    seen: set[tuple[tuple[str, ...], str]] = set()
    for entry in registry.entries.values():
        entity = entry.entity
        for name in (entity.label, *entity.aliases):
            name = re.sub(r"^the ", "", name)
            toks = tuple(t.text for t in tokenize(name))
            keys = tuple(token_key(t) for t in toks)
            if not keys or (toks, entity.key) in seen:  # case kept: 'former Yugoslavia' is no 'Former Yugoslavia'
                continue
            seen.add((toks, entity.key))
            index.setdefault(keys[0], []).append(_Alias(keys, toks, entity.key, entity.type, entity.kind))
    for aliases in index.values():
        aliases.sort(key=lambda a: -len(a.keys))
    return index


def _case_ok(alias: _Alias, surface: list[Token]) -> bool:
    first_alias, first = alias.tokens[0], surface[0].text
    if len(alias.tokens) == 1:
        if sum(c.isupper() for c in first_alias) >= 2 or any(c.isdigit() for c in first_alias):
            return fold(first) == fold(first_alias) and first.upper() == first_alias.upper() and (
                first == first_alias or first.isupper() or first_alias.isupper() is False)
        return first[:1].isupper()
    if first_alias[:1].isupper() and not first[:1].isupper():
        return False
    if sum(c.isupper() for c in first_alias) >= 2 and first != first_alias and not first.isupper():
        return False  # "UN" must not match "Un"
    return True


def registry_refs(tokens: list[Token], registry: Registry) -> list[Ref]:
    """Non-overlapping registry names, left to right, the longest alias at each token first."""
    index = _alias_index(registry)
    keys = [t.key for t in tokens]
    refs: list[Ref] = []
    i = 0
    n = len(tokens)
    while i < n:
        for alias in index.get(keys[i], ()):
            size = len(alias.keys)
            if size > 1 and tuple(keys[i:i + size]) != alias.keys:
                continue  # (a one-word alias is keyed by that word: it matches)
            window = tokens[i: i + size]
            if _case_ok(alias, window):
                refs.append(Ref(window[0].start, window[-1].end, alias.entity_key, alias.type, alias.kind))
                i += size
                break
        else:
            i += 1
    return refs


@rule("mentions.registry", stage=STAGE, produces=Ref)
def registry_names(doc: MentionDoc, inputs: Mapping[str, tuple[Ref, ...]]) -> tuple[Ref, ...]:
    """Registry names and aliases; each entity named is entered in the book with the surface seen."""
    refs = _generic_parts(_drop_name_modifiers(registry_refs(list(doc.tokens), doc.registry), doc), doc)
    year = int(doc.doc_date.iso[:4]) if doc.doc_date is not None and doc.doc_date.iso[:4].isdigit() else None
    out: list[Ref] = []
    for ref in refs:
        if ref.via == "anaphor":
            out.append(ref)
            continue
        entry = doc.registry.entries[ref.key]
        surface = " ".join(doc.text[ref.start:ref.end].split())
        since = entry.data.get("state_since")
        if ref.type == "State" and year is not None and isinstance(since, int) and year < since:
            # "East Timor" in 1999, "Palestine" in 2005: a territory then, not yet the state the registry names
            place = doc.book.add(Entity(f"place/{slugify(surface)}", "Place", surface, kind="region"), surface)
            out.append(Ref(ref.start, ref.end, place.key, "Place", place.kind, "name"))
            continue
        doc.book.add(entry.entity, surface)
        out.append(ref)
    return tuple(out)


def _generic_parts(refs: list[Ref], doc: MentionDoc) -> list[Ref]:
    """'the UN agency', 'the UN body': an organisation's name before a common noun refers to one of its parts,
    the last one named before (UNHCR, part of the United Nations), never to the organisation itself; with no
    part named before, the phrase refers to an unknown part (a ref with no key, so nothing else names it)."""
    out: list[Ref] = []
    for ref in refs:
        after = doc.text[ref.end:ref.end + 20].split()
        if ref.type != "Agency" or not after or after[0] not in doc.vocab.part_nouns:
            out.append(ref)
            continue
        part = next((r for r in reversed(out) if r.type == "Agency" and r.key and r.key != ref.key and
                     doc.registry.lookup("Agency", doc.registry.entries[r.key].data.get("part_of") or "") == ref.key),
                    None)
        out.append(Ref(ref.start, ref.end, part.key if part else "", "Agency", part.kind if part else None, "anaphor"))
    return out


def _drop_name_modifiers(refs: list[Ref], doc: MentionDoc) -> list[Ref]:
    """A place that modifies an instrument's name after it is no mention of the place ('the 1993 Paris Convention
    on ...', 'the Abidjan Peace Accord'), nor is the world in a name ('the 2005 World Summit'); a city before a
    meeting's name stays: it is the venue ('the Cologne Summit')."""
    tokens, starts, heads = doc.tokens, doc.token_starts, doc.lexicon.instrument_heads
    out: list[Ref] = []
    for ref in refs:
        if ref.type == "Place":
            i = bisect_left(starts, ref.end)
            run: list[str] = []
            while i < len(tokens) and len(run) < 6 and tokens[i].text[:1].isupper() and \
                    not doc.text[tokens[i - 1].end:tokens[i].start].strip():
                run.append(tokens[i].text)
                i += 1
            if run and (ref.kind == "world" or any(w in heads for w in run)):
                continue
        out.append(ref)
    return out


def resolve_state(registry: Registry, value: str | None) -> str | None:
    """A state key for a metadata value: a name or alias ('Kenya'), or an ISO 3166 alpha-3/alpha-2 code ('KEN')."""
    if not value or not value.strip():
        return None
    value = value.strip()
    key = registry.lookup("State", value)
    if key:
        return key
    code = value.upper()
    for entry in registry.entries.values():
        codes = (entry.data.get("iso3166_alpha3"), entry.data.get("iso3166_alpha2"))
        if entry.entity.type == "State" and code in codes:
            return entry.key
    return None


def main_state(author_state: str | None, refs: tuple[Ref, ...] | list[Ref]) -> str | None:
    """Who "we" are: the author's state, else the most-mentioned state (the first named on a tie)."""
    if author_state:
        return author_state
    counts: dict[str, int] = {}
    for r in refs:
        if r.type == "State":
            counts[r.key] = counts.get(r.key, 0) + 1
    if not counts:
        return None
    first = {r.key: i for i, r in reversed(list(enumerate(refs)))}
    return max(counts, key=lambda k: (counts[k], -first[k]))
