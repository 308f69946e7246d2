-- Core tables of the warehouse contract (README, "Table contract"). Add columns freely; never rename.
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,          -- stable hash of the normalised text
    external_id VARCHAR,                 -- the input's own id
    source VARCHAR,
    title VARCHAR,
    url VARCHAR,
    published DATE,
    lang VARCHAR,
    text VARCHAR,
    ingested_at TIMESTAMP,
    run_id VARCHAR,
    extractor_version VARCHAR,
    nlp_profile VARCHAR
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    sentence_idx INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    PRIMARY KEY (doc_id, sentence_idx)
);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR NOT NULL,
    sentence_idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    ner_type VARCHAR,
    actor_norm VARCHAR,
    actor_code VARCHAR,
    actor_type VARCHAR,
    source VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,        -- stable hash of doc, sentence, action span and type
    doc_id VARCHAR NOT NULL,
    sentence_idx INTEGER,
    event_type VARCHAR,
    action_text VARCHAR,
    action_lemma VARCHAR,
    action_start INTEGER,
    action_end INTEGER,
    actor_text VARCHAR,
    actor_norm VARCHAR,
    actor_type VARCHAR,
    actor_code VARCHAR,
    target_text VARCHAR,
    target_norm VARCHAR,
    target_type VARCHAR,
    target_code VARCHAR,
    condition_text VARCHAR,
    condition_start INTEGER,
    condition_end INTEGER,
    negated BOOLEAN,
    modality VARCHAR,
    event_date DATE,
    date_source VARCHAR,
    confidence DOUBLE,
    extractor_version VARCHAR,
    run_id VARCHAR,
    rule VARCHAR,
    actor_start INTEGER,
    actor_end INTEGER,
    target_start INTEGER,
    target_end INTEGER
);

CREATE TABLE IF NOT EXISTS sentence_diagnostics (
    doc_id VARCHAR NOT NULL,
    sentence_idx INTEGER,
    predicate VARCHAR,
    predicate_start INTEGER,
    reason VARCHAR,
    run_id VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    flow_run_id VARCHAR,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    status VARCHAR,
    docs_seen INTEGER,
    docs_loaded INTEGER,
    events_loaded INTEGER,
    quarantined INTEGER,
    nlp_models JSON,
    code_version VARCHAR,
    docs_skipped INTEGER,
    inputs JSON
);

CREATE TABLE IF NOT EXISTS quarantine (
    run_id VARCHAR,
    stage VARCHAR,
    doc_id VARCHAR,
    external_id VARCHAR,
    source VARCHAR,
    reason VARCHAR,
    payload VARCHAR,
    created_at TIMESTAMP
);
