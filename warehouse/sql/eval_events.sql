-- System events keyed by the input's own document id, for scoring against a gold set.
SELECT d.external_id, e.action_start, e.action_end, e.event_type, e.actor_norm, e.actor_text, e.target_norm,
       e.target_text, e.condition_text, e.negated, e.modality, e.event_date, d.lang
FROM events e JOIN documents d USING (doc_id)
ORDER BY d.external_id, e.action_start
