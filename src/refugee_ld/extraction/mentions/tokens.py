"""Word tokens with folded keys: the unit registry names are matched on and capitalised chunks are built from."""
from __future__ import annotations

import re
from functools import lru_cache

from ...text.names import fold
from .model import Token

# words with inner hyphens stay one token ("Al-Assad", "high-level", "G-20"), except a number glued to a capitalised
# word ("2022-International Organization for Migration": a dateline run into a name); any other non-space
# character is one token
_TOKEN = re.compile(r"\w+(?:(?:-(?=[^A-Z])|(?<![0-9])-)\w+)*|[^\w\s]")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`, their offsets shifted by `offset` (the start of a sentence inside the view)."""
    new, key = tuple.__new__, token_key  # a named tuple made without its Python-level constructor: one per word
    return [new(Token, (m.start() + offset, m.end() + offset, word, key(word)))
            for m in _TOKEN.finditer(text) for word in (m.group(),)]


@lru_cache(maxsize=1 << 16)  # a text repeats its words: each distinct word is folded once per process
def token_key(token: str) -> str:
    """Case-, accent- and hyphen-insensitive: 'Inter-Agency' and 'interagency' match."""
    return fold(token).replace("-", "")
