-- Daily event counts per dyad of single parties: every party of a joint actor or target counts
-- (an event "Israel|Hamas -> Qatar" counts for Israel -> Qatar and Hamas -> Qatar). Two views of each
-- side: the party itself (persons as persons) and its side (persons rolled up to the country they
-- serve): a BI tool's toggle picks actor_party/target_party or actor_side/target_side.
CREATE OR REPLACE VIEW mart_party_dyads AS
SELECT e.event_date, e.event_type, t.quad_class,
       a.party_code AS actor_code, a.party_norm AS actor_party, a.party_type AS actor_type, a.party_side AS actor_side,
       g.party_code AS target_code, g.party_norm AS target_party, g.party_type AS target_type,
       g.party_side AS target_side,
       count(*) AS events, count(DISTINCT e.doc_id) AS documents, avg(e.confidence) AS avg_confidence
FROM events e
JOIN event_parties a ON a.event_id = e.event_id AND a.role = 'actor'
LEFT JOIN event_parties g ON g.event_id = e.event_id AND g.role = 'target'
LEFT JOIN event_types t USING (event_type)
GROUP BY ALL;
