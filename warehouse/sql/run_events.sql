SELECT * FROM events WHERE run_id = ?
