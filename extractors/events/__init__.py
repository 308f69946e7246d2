"""Event extraction over Stanza UD trees: predicates, arguments, conditions, negation, modality."""
