-- Dashboard: the most recent events (newest first) with what the page filters and shows, and each
-- event's parties from event_parties (every party of a joint actor or target, with its code, type and
-- side: a person's side is the country they serve), which the dyads and the actor views count.
-- $1: the most events to embed.
WITH parties AS (
    SELECT event_id,
           list({'role': role, 'code': party_code, 'norm': party_norm, 'type': party_type, 'side': party_side}
                ORDER BY role, position) AS parties
    FROM event_parties
    GROUP BY event_id
)
SELECT e.event_id, strftime(coalesce(e.event_date, e.published), '%Y-%m-%d') AS day, e.lang, e.event_type,
       coalesce(e.quad_name, '') AS quad, e.actor_code, e.actor_norm, e.actor_text, e.target_code, e.target_norm,
       e.target_text, e.action_text, e.modality, e.negated, round(e.confidence, 3) AS confidence, e.condition_text,
       CASE WHEN e.condition_text IS NOT NULL THEN e.condition_start - e.sentence_start END AS condition_offset,
       e.sentence_text, e.doc_id, e.source, e.title, p.parties
FROM stg_events e
LEFT JOIN parties p USING (event_id)
ORDER BY coalesce(e.event_date, e.published) DESC NULLS LAST, e.event_id
LIMIT $1
