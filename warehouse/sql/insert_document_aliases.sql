-- Idempotent: an (id, source) a text already arrived under is recorded once.
INSERT INTO document_aliases BY NAME
SELECT DISTINCT doc_id, external_id, source, run_id, created_at FROM batch_aliases b
WHERE NOT EXISTS (
    SELECT 1 FROM document_aliases a
    WHERE a.doc_id = b.doc_id AND a.external_id IS NOT DISTINCT FROM b.external_id AND a.source = b.source
);
