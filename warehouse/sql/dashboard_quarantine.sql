-- Dashboard: quarantined records by stage and reason.
SELECT stage, reason, count(*) AS n
FROM quarantine
GROUP BY ALL
ORDER BY n DESC, stage, reason
LIMIT 100
