-- Dashboard: headline counts over the whole warehouse.
SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM quarantine) AS quarantined, (SELECT count(*) FROM runs) AS runs
