-- Dashboard: run history, newest first.
SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started,
       round(epoch(finished_at - started_at), 1) AS seconds, status, docs_seen, docs_loaded, docs_skipped,
       events_loaded, quarantined
FROM runs
ORDER BY started_at DESC
LIMIT 50
