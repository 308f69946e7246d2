-- Runs still marked running on this host ($1), with their process ids.
SELECT run_id, pid FROM runs WHERE status = 'running' AND host = $1 AND pid IS NOT NULL
