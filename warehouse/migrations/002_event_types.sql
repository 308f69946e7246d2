-- Reference: PLOVER event type -> quad class and CAMEO root code (for marts and BI). Its rows are
-- seeded on every upgrade from extractors/event_types.tsv (warehouse/sql/seed_event_types.sql).
CREATE TABLE IF NOT EXISTS event_types (
    event_type VARCHAR PRIMARY KEY,
    quad_class INTEGER,        -- 0 neutral, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    quad_name VARCHAR,
    cameo_root VARCHAR,
    description VARCHAR
);
