UPDATE runs SET finished_at = ?, status = ?, docs_seen = ?, docs_loaded = ?, events_loaded = ?, quarantined = ?,
    nlp_models = ?, docs_skipped = ? WHERE run_id = ?
