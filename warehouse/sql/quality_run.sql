-- Data Docs: the documented run ($1) as the runs table records it.
SELECT run_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started, status, docs_seen, docs_loaded, events_loaded,
       quarantined, code_version
FROM runs
WHERE run_id = $1
