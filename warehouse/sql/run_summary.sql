-- Per-run summary: events by type for the documents this run loaded.
SELECT e.event_type, count(*) AS n FROM events e WHERE e.run_id = ? GROUP BY 1 ORDER BY 2 DESC, 1
