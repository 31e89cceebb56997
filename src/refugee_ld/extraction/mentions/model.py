"""The records of mention detection: tokens, refs (a span that denotes an entity) and the entity book.

`Ref` stays a mutable dataclass because the fact rules downstream re-key some refs (a treaty named by its
action becomes its own instrument); everything the mention rules pass to each other is frozen (`Found`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ...records import Entity


class Token(NamedTuple):
    """A word or punctuation mark of the view (a named tuple: a document makes one per word, so creation is cheap)."""

    start: int
    end: int
    text: str
    key: str


@dataclass
class Ref:
    """A view span that denotes an entity (by name, alias, pattern or anaphora)."""

    start: int
    end: int
    key: str
    type: str
    kind: str | None
    via: str = "name"  # name | pattern | anaphor | adjective

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Found:
    """What a sentence rule found: a ref, whether its span is claimed, and what it says of a session.

    `claims`: later rules of the same sentence name nothing inside (or across) the span.  The body named inside
    a session's phrase ("UNHCR's Executive Committee") is a mention that claims nothing.  `owner` and `current`
    are the session facts the book records once the stage is over (the body whose session it is; the
    document's own session)."""

    ref: Ref
    claims: bool = True
    owner: str | None = None
    current: bool = False


@dataclass
class EntityBook:
    """The entities one document refers to, with every surface form seen.

    This is the one piece of state the mention rules share, on purpose: the first rule (in text order, then
    rule order) to name an entity decides its label and kind, and a later rule that names the same key gets that
    entity back from `add` and uses it (a chunk's ref takes the kind of the session event a rule named earlier).
    Replacing it by per-rule results would need every rule to see every earlier rule's entities of every
    earlier sentence, which is this book again.  It is append-only: nothing is ever removed or replaced."""

    entities: dict[str, Entity] = field(default_factory=dict)
    surfaces: dict[str, list[str]] = field(default_factory=dict)
    anaphors: dict[str, set[str]] = field(default_factory=dict)  # "the Conference": refers, but is no name
    owners: dict[str, str] = field(default_factory=dict)  # session event -> the body whose session it is
    current: set[str] = field(default_factory=set)  # events that are the document's own session (dated by it)

    def add(self, entity: Entity, surface: str | None = None) -> Entity:
        known = self.entities.setdefault(entity.key, entity)
        if surface:
            forms = self.surfaces.setdefault(entity.key, [])
            surface = " ".join(surface.split())
            if surface not in forms:
                forms.append(surface)
        return known


@dataclass
class DocMentions:
    refs: list[Ref]
    book: EntityBook
    main_state: str | None


def text_order(refs: list[Ref]) -> list[Ref]:
    """Refs by start, longer first at the same start (a stable sort: equal spans keep their order)."""
    return sorted(refs, key=lambda r: (r.start, -r.end))
