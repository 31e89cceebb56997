"""Document -> analysed text: loading and sidecar metadata, the normalised text view with its offset map, sentences, dates."""
