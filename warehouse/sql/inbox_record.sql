-- Record a processed inbox file.
INSERT OR REPLACE INTO inbox_files (sha256, path, size_bytes, run_id, status, quarantined, archived_to, processed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
