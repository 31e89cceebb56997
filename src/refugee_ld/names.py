"""One comparable form of a name, shared by evaluation (gold against predictions) and coreference (event names).

It lives beside the registry's `fold`, below both, so coreference does not depend on the evaluation module.
"""
from __future__ import annotations

import re

from .registry import fold


def normalise(name: str) -> str:
    """Fold case, accents, quotes, punctuation and a leading "the": 'The Law “On Refugees”' ~ 'law "On refugees"'."""
    text = fold(name).lower()
    text = re.sub(r"[\"'`´’‘“”«»().,:;!?]", " ", text)
    text = re.sub(r"[-‐‑–—/]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text
