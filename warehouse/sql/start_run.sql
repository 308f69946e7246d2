INSERT INTO runs (run_id, flow_run_id, started_at, status, code_version, inputs, host, pid) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
