-- One row per batch and Great Expectations suite: what was checked and how many rows failed.
CREATE TABLE IF NOT EXISTS validation_results (
    run_id VARCHAR,
    suite VARCHAR,
    evaluated INTEGER,
    failed_rows INTEGER,
    expectations INTEGER,
    successful_expectations INTEGER,
    success BOOLEAN,
    created_at TIMESTAMP
);
