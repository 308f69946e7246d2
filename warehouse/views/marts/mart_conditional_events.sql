-- Events stated under a condition, with the condition and its sentence.
CREATE OR REPLACE VIEW mart_conditional_events AS
SELECT event_id, event_date, event_type, actor_norm, actor_code, target_norm, target_code, action_text,
       condition_text, condition_start - sentence_start AS condition_offset_in_sentence, sentence_text,
       modality, negated, confidence, external_id, url
FROM stg_events
WHERE condition_text IS NOT NULL;
