-- Quarantine rows of one run ($1) that came from one file ($2: its path; records carry path or path:line).
SELECT count(*) FROM quarantine WHERE run_id = $1 AND (source = $2 OR starts_with(source, $2 || ':'))
