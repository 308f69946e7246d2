-- A run whose process is gone: it ended without finishing.
UPDATE runs SET status = 'interrupted' WHERE run_id = $1 AND status = 'running'
