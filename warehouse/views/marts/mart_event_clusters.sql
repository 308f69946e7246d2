-- The same act reported in several sentences or documents: events with the same actor code, target
-- code and type whose dates lie within one day of the previous member form one cluster. The rule
-- that joined each member is stated, so the dedup is explainable.
CREATE OR REPLACE VIEW mart_event_clusters AS
WITH ordered AS (
    SELECT event_id, doc_id, sentence_idx, event_type, actor_code, target_code, event_date, action_text,
           CASE WHEN lag(event_date) OVER w IS NULL OR event_date - lag(event_date) OVER w > 1 THEN 1 ELSE 0 END AS starts
    FROM stg_events
    WHERE actor_code IS NOT NULL AND event_date IS NOT NULL
    WINDOW w AS (PARTITION BY actor_code, coalesce(target_code, ''), event_type ORDER BY event_date, event_id)
), numbered AS (
    SELECT *, sum(starts) OVER (PARTITION BY actor_code, coalesce(target_code, ''), event_type
                               ORDER BY event_date, event_id ROWS UNBOUNDED PRECEDING) AS seq
    FROM ordered
)
SELECT md5(concat_ws('|', actor_code, coalesce(target_code, ''), event_type, seq::VARCHAR)) AS cluster_id,
       event_id, doc_id, sentence_idx, event_type, actor_code, target_code, event_date, action_text,
       count(*) OVER (PARTITION BY actor_code, coalesce(target_code, ''), event_type, seq) AS cluster_size,
       'same actor_code, target_code and event_type, event_date within 1 day of the previous member' AS rule
FROM numbered;
