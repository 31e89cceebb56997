"""Seconds each registered fact rule takes over a folder of documents (the runner's own timings).

    python bench/fact_rules.py /path/to/documents [--top 15]

The text stages and the mention stage run first for each document (not timed here); then the "facts" stage
runs with `timings`, which adds each rule's seconds.  Prints the slowest rules and the stage's total.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from refugee_ld.extraction.extract import analyse
from refugee_ld.extraction.facts import extract_facts
from refugee_ld.lang.lexicon import load_lexicon
from refugee_ld.registry import default_data_dir, load_registry
from refugee_ld.text.loading import load_document
from refugee_ld.text.textview import build_view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    data = default_data_dir()
    registry, lexicon = load_registry(data / "registry"), load_lexicon(data)
    paths = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".html", ".htm"))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for path in paths:
        document = load_document(path)
        extract_facts(analyse(document, build_view(document.text, document.media_type), registry, lexicon), timings)
    print(f"{len(paths)} documents in {time.perf_counter() - started:.2f} s (text, mentions and facts)")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {name:34s} {seconds:7.3f} s")
    print(f"  {'all fact rules':34s} {sum(timings.values()):7.3f} s")


if __name__ == "__main__":
    main()
