-- Which process ran each run, so a run whose process died (kill -9, power loss) can be marked
-- 'interrupted' by the next run on the same host.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid INTEGER;
