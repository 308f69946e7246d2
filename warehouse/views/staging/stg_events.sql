-- Staging: events with their document, sentence and type reference.
CREATE OR REPLACE VIEW stg_events AS
SELECT e.*, d.external_id, d.source, d.title, d.url, d.published, d.lang,
       s.text AS sentence_text, s.start_char AS sentence_start,
       t.quad_class, t.quad_name, t.cameo_root
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence_idx = e.sentence_idx
LEFT JOIN event_types t USING (event_type);
