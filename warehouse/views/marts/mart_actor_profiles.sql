-- Per actor: events sent and received, by type and quad class.
CREATE OR REPLACE VIEW mart_actor_profiles AS
WITH sent AS (
    SELECT actor_code AS code, actor_norm AS name, event_type, quad_class, count(*) AS n
    FROM stg_events WHERE actor_code IS NOT NULL GROUP BY ALL
), received AS (
    SELECT target_code AS code, target_norm AS name, event_type, quad_class, count(*) AS n
    FROM stg_events WHERE target_code IS NOT NULL GROUP BY ALL
)
SELECT coalesce(s.code, r.code) AS code, coalesce(s.name, r.name) AS name,
       coalesce(s.event_type, r.event_type) AS event_type, coalesce(s.quad_class, r.quad_class) AS quad_class,
       coalesce(s.n, 0) AS sent, coalesce(r.n, 0) AS received
FROM sent s FULL OUTER JOIN received r
  ON s.code = r.code AND s.name = r.name AND s.event_type = r.event_type;
