-- Recall gaps: why candidate predicates produced no event, most frequent first.
CREATE OR REPLACE VIEW mart_sentence_diagnostics AS
SELECT d.lang, g.reason, g.predicate, count(*) AS n
FROM sentence_diagnostics g JOIN documents d USING (doc_id)
GROUP BY ALL
ORDER BY n DESC;
