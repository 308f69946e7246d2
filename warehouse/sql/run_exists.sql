-- Whether run $1 is in the warehouse (1 or 0).
SELECT count(*) FROM runs WHERE run_id = $1
