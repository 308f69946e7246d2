-- One row per event type, from extractors/event_types.tsv (parameters: name, quad class, quad name,
-- CAMEO root, description); run on every upgrade, so the table follows the definition.
INSERT OR REPLACE INTO event_types VALUES (?, ?, ?, ?, ?);
