"""NLP layer: Stanza pipelines per (language, profile), loaded once per process."""
