SELECT run_id FROM runs WHERE docs_loaded > 0 ORDER BY started_at DESC LIMIT 1
