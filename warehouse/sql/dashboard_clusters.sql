-- Dashboard: clusters of the same act reported more than once, largest first.
SELECT cluster_id, event_type, actor_code, target_code, strftime(min(event_date), '%Y-%m-%d') AS first_day,
       strftime(max(event_date), '%Y-%m-%d') AS last_day, count(*) AS size,
       count(DISTINCT doc_id) AS documents, any_value(rule) AS rule
FROM mart_event_clusters
WHERE cluster_size > 1
GROUP BY cluster_id, event_type, actor_code, target_code
ORDER BY size DESC, last_day DESC
LIMIT 50
