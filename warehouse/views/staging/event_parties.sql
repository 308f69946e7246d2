-- Staging: one row per party of each event (a joint actor "Israel|Hamas" gives two actor rows), with
-- its own code and type, and the country a person serves (persons' codes are their country's) so
-- dyads can roll persons up to their country.
CREATE OR REPLACE VIEW event_parties AS
WITH sides AS (
    SELECT event_id, 'actor' AS role, actor_norm AS norms, coalesce(actor_codes, actor_code) AS codes,
           coalesce(actor_types, actor_type) AS types
    FROM events WHERE actor_norm IS NOT NULL
    UNION ALL
    SELECT event_id, 'target', target_norm, coalesce(target_codes, target_code), coalesce(target_types, target_type)
    FROM events WHERE target_norm IS NOT NULL
),
parties AS (
    SELECT event_id, role, i AS position, string_split(norms, '|')[i] AS party_norm,
           nullif(string_split(coalesce(codes, ''), '|')[i], '') AS party_code,
           nullif(string_split(coalesce(types, ''), '|')[i], '') AS party_type
    FROM sides, generate_series(1, len(string_split(norms, '|'))) AS g(i)
),
country_names AS (  -- the name a country code goes by among the warehouse's country parties
    SELECT party_code, mode(party_norm) AS country_norm
    FROM parties WHERE party_type = 'COUNTRY' AND party_code IS NOT NULL
    GROUP BY party_code
)
SELECT p.event_id, p.role, p.position, p.party_norm, p.party_code, p.party_type,
       CASE WHEN p.party_type = 'PERSON' AND p.party_code IS NOT NULL
            THEN coalesce(c.country_norm, p.party_code) ELSE p.party_norm END AS party_side
FROM parties p
LEFT JOIN country_names c USING (party_code);
