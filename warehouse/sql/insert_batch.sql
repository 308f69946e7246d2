-- Upsert a batch from the registered Arrow relations batch_*.
INSERT OR REPLACE INTO documents BY NAME SELECT * FROM batch_documents;
INSERT INTO sentences BY NAME SELECT * FROM batch_sentences;
INSERT INTO mentions BY NAME SELECT * FROM batch_mentions;
INSERT OR REPLACE INTO events BY NAME SELECT * FROM batch_events;
INSERT INTO sentence_diagnostics BY NAME SELECT * FROM batch_diagnostics;
INSERT INTO validation_results BY NAME SELECT * FROM batch_validations;
