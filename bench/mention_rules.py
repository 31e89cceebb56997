"""Seconds per mention rule over a corpus: which registered rule of stage "mentions" / "mentions.sentence" costs
what (the sentence rules are summed over every sentence).  Prints a table; writes nothing.

    .venv/bin/python bench/mention_rules.py data/documents [--rounds 3]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from refugee_ld.extraction.mentions import MentionDetector, resolve_state
from refugee_ld.lang.lexicon import load_lexicon
from refugee_ld.registry import load_registry
from refugee_ld.resources import data_dir
from refugee_ld.text.dates import find_dates
from refugee_ld.text.loading import collect_inputs, load_document
from refugee_ld.text.sentences import split_sentences
from refugee_ld.text.textview import build_view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="the fastest round is reported")
    args = parser.parse_args()
    registry, lexicon = load_registry(data_dir() / "registry"), load_lexicon(data_dir())
    prepared = []
    for path in collect_inputs([args.corpus]):
        document = load_document(path)
        view = build_view(document.text, document.media_type)
        prepared.append((view.text, split_sentences(view.text), find_dates(view.text, document.date, document.language),
                         resolve_state(registry, document.author_state), document.date, document.language))
    for text, sentences, dates, author, date, language in prepared[:1]:  # one-time costs: alias index, patterns
        MentionDetector(registry, lexicon).detect(text, sentences, dates, author, date, language=language)
    best: dict[str, float] | None = None
    best_total = float("inf")
    for _ in range(args.rounds):
        timings: dict[str, float] = {}
        started = time.perf_counter()
        for text, sentences, dates, author, date, language in prepared:
            MentionDetector(registry, lexicon).detect(text, sentences, dates, author, date, language=language,
                                                      timings=timings)
        total = time.perf_counter() - started
        if total < best_total:
            best, best_total = timings, total
    assert best is not None
    print(f"{len(prepared)} documents, mention stage {best_total:.3f} s wall (fastest of {args.rounds} "
          "rounds; mentions.phrases includes the sentence rules listed with it)")
    for name, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"  {name:32} {seconds:8.3f} s")


if __name__ == "__main__":
    main()
