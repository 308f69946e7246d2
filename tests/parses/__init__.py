"""Frozen parses of the golden and one-act sentences (``<lang>/<key>.conllu``), the code that makes them
(``make parses``) and the check that the live parser still agrees with them."""
