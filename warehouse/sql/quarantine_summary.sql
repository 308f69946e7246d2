SELECT reason, count(*) AS n FROM quarantine WHERE run_id = ? GROUP BY 1 ORDER BY 2 DESC, 1
