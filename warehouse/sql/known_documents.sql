-- Documents already loaded by this extractor version (skipped before annotation).
SELECT doc_id FROM documents WHERE extractor_version = ? AND doc_id IN (SELECT unnest(?::VARCHAR[]))
