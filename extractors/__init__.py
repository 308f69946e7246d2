"""Communique extractors: NLP (Stanza pipelines) and event extraction. Pure: no env, no I/O side effects."""
