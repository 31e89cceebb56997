"""refugee-ld: documents about refugee protection, statelessness and migration -> a validated RDF graph.

The public face, loaded lazily (so `refugee-ld --help` imports none of rdflib, pyshacl or pyoxigraph):

    import refugee_ld
    result = refugee_ld.build([Path("data/documents")], out_dir=Path("dist"))   # the dumps, validated
    extraction = refugee_ld.extract("Kazakhstan acceded to the 1951 Convention in 1999.")
    extractions = refugee_ld.extract_corpus([Path("data/documents")])         # with coreference
    refugee_ld.Document, refugee_ld.Extraction, refugee_ld.TreatyAction, ...  # the records
    refugee_ld.InputError, refugee_ld.RefugeeLdError, refugee_ld.NonConforming  # errors with exit codes

The stages are packages named after them (text, lang, extraction, rdf, linking, publish); `pipeline` chains
them and `cli` is a thin layer over it.  See docs/architecture.md.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records import Document, Extraction

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline",
    "extract_corpus": "pipeline",
    "BuildResult": "pipeline",
    "LoadOptions": "pipeline",
    "RefugeeLdError": "errors",
    "InputError": "errors",
    "NonConforming": "errors",
}
_RECORDS = "records"  # every public class of records.py is exported too (the records between the stages)


def extract(text_or_document: str | Document, *, data_dir: Path | None = None,
            doc_id: str = "text.txt") -> Extraction:
    """Entities, mentions and facts of one text (or `Document`), with the registry and lexicon of `data_dir`.

    No coreference across documents (that needs the corpus: use `extract_corpus`).
    """
    from .extraction.extract import extract as extract_document
    from .lang.lexicon import load_lexicon
    from .records import Document
    from .registry import default_data_dir, load_registry

    data = data_dir or default_data_dir()
    document = text_or_document if isinstance(text_or_document, Document) else Document(doc_id, text_or_document)
    return extract_document(document, load_registry(data / "registry"), load_lexicon(data))


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    if not name.startswith("_"):
        records = importlib.import_module(f"{__name__}.{_RECORDS}")
        value = getattr(records, name, None)
        if isinstance(value, type) and value.__module__ == records.__name__:
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    records = importlib.import_module(f"{__name__}.{_RECORDS}")
    names = [n for n, v in vars(records).items()
             if not n.startswith("_") and isinstance(v, type) and v.__module__ == records.__name__]
    return sorted({*globals(), *_EXPORTS, *names})
