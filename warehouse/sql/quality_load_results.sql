-- Data Docs: the load-time validation of run $1, per suite over its batches.
SELECT suite, count(*) AS batches, sum(CASE WHEN success THEN 1 ELSE 0 END) AS batches_passed,
       sum(evaluated) AS rows_checked, sum(failed_rows) AS rows_failed
FROM validation_results
WHERE run_id = $1
GROUP BY suite
ORDER BY suite
