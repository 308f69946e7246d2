-- Every id and file a text arrived under. Documents are keyed by their text (doc_id), so the same text
-- sent again under another id, in the same run or a later one, loads once; this table keeps each id,
-- so none is lost silently. Rows are written once (rerun: nothing new).
CREATE TABLE IF NOT EXISTS document_aliases (
    doc_id VARCHAR NOT NULL,
    external_id VARCHAR,
    source VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,   -- the run that first saw this id for this text
    created_at TIMESTAMP NOT NULL
);
