-- Dashboard: Great Expectations results per suite over all batches.
SELECT suite, count(*) AS batches, sum(evaluated) AS rows_checked, sum(failed_rows) AS rows_failed,
       sum(CASE WHEN success THEN 1 ELSE 0 END) AS batches_passed
FROM validation_results
GROUP BY suite
ORDER BY suite
