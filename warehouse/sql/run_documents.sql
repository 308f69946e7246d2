SELECT * FROM documents WHERE run_id = ?
