-- Dashboard: the most recent events (newest first) with what the page filters and shows.
-- $1: the most events to embed.
SELECT event_id, strftime(coalesce(event_date, published), '%Y-%m-%d') AS day, lang, event_type,
       coalesce(quad_name, '') AS quad, actor_code, actor_norm, actor_text, target_code, target_norm, target_text,
       action_text, modality, negated, round(confidence, 3) AS confidence, condition_text,
       CASE WHEN condition_text IS NOT NULL THEN condition_start - sentence_start END AS condition_offset,
       sentence_text, doc_id, source, title
FROM stg_events
ORDER BY coalesce(event_date, published) DESC NULLS LAST, event_id
LIMIT $1
