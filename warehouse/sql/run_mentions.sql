SELECT m.* FROM mentions m JOIN documents d USING (doc_id) WHERE d.run_id = ?
