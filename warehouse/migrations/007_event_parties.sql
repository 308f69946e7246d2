-- Every party of a joint actor or target: codes and types aligned with the "|"-joined norms
-- (actor_norm 'Israel|Hamas' -> actor_codes 'ISR|HAMAS'); the event_parties view gives each its row.
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_codes VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_types VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_codes VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_types VARCHAR;
