-- The last $1 runs, newest first.
SELECT run_id, flow_run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, status, docs_loaded,
       events_loaded, quarantined
FROM runs
ORDER BY started_at DESC
LIMIT $1
