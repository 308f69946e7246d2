"""Training of the compact offline Stanza models with Stanza's own trainers."""
