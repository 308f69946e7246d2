-- Daily event counts per dyad (actor, target) and type.
CREATE OR REPLACE VIEW mart_daily_dyads AS
SELECT event_date, actor_code, actor_norm, target_code, target_norm, event_type, quad_class,
       count(*) AS events, count(DISTINCT doc_id) AS documents, avg(confidence) AS avg_confidence
FROM stg_events
GROUP BY ALL;
