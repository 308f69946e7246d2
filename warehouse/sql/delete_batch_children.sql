-- Remove what a batch's documents had before, so the batch replaces it atomically.
DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM batch_documents);
DELETE FROM mentions WHERE doc_id IN (SELECT doc_id FROM batch_documents);
DELETE FROM sentences WHERE doc_id IN (SELECT doc_id FROM batch_documents);
DELETE FROM sentence_diagnostics WHERE doc_id IN (SELECT doc_id FROM batch_documents);
