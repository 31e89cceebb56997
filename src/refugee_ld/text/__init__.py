"""Document -> analysed text: loading and sidecar metadata, the normalised text view with its offset map,
sentences, dates (words from lang/<language>.json) and names (folding, slugs, similarity)."""
