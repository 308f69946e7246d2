-- Documents whose rows came from another extractor version (or all of them when the flag is true).
SELECT doc_id, external_id, source, title, url, published, lang, text
FROM documents
WHERE ? OR extractor_version IS DISTINCT FROM ?
ORDER BY doc_id
