-- Files taken from an inbox folder, by content hash, so scheduled runs only pick up new files.
CREATE TABLE IF NOT EXISTS inbox_files (
    sha256 VARCHAR PRIMARY KEY,
    path VARCHAR,              -- where the file was found
    size_bytes BIGINT,
    run_id VARCHAR,            -- the pipeline run that processed it
    status VARCHAR,            -- loaded | partly_quarantined | quarantined
    quarantined INTEGER,       -- quarantine rows of this file in that run
    archived_to VARCHAR,
    processed_at TIMESTAMP
);
