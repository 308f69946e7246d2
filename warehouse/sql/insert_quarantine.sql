-- Idempotent: the same failure (stage, source, reason, payload) is recorded once.
INSERT INTO quarantine BY NAME
SELECT * FROM batch_quarantine b
WHERE NOT EXISTS (
    SELECT 1 FROM quarantine q
    WHERE q.stage = b.stage AND q.reason = b.reason
      AND q.source IS NOT DISTINCT FROM b.source AND q.payload IS NOT DISTINCT FROM b.payload
      AND q.doc_id IS NOT DISTINCT FROM b.doc_id
);
