-- Reference: PLOVER event type -> quad class and CAMEO root code (for marts and BI).
CREATE TABLE IF NOT EXISTS event_types (
    event_type VARCHAR PRIMARY KEY,
    quad_class INTEGER,        -- 0 neutral, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    quad_name VARCHAR,
    cameo_root VARCHAR,
    description VARCHAR
);
INSERT OR REPLACE INTO event_types VALUES
    ('DISCUSS', 0, 'neutral', '01', 'statements and positions'),
    ('REQUEST', 1, 'verbal cooperation', '02', 'calls, appeals, demands, invitations'),
    ('AGREE', 1, 'verbal cooperation', '03', 'agreements, offers, promises'),
    ('CONSULT', 1, 'verbal cooperation', '04', 'meetings, talks, visits, calls, mediation'),
    ('SUPPORT', 1, 'verbal cooperation', '05', 'praise, endorsement, authorisation'),
    ('COOPERATE', 2, 'material cooperation', '06', 'material or operational coordination'),
    ('AID', 2, 'material cooperation', '07', 'humanitarian, financial or military provision'),
    ('CONCEDE', 2, 'material cooperation', '08', 'concessions'),
    ('RETREAT', 2, 'material cooperation', '08', 'withdrawals, releases, easing of sanctions'),
    ('ACCUSE', 3, 'verbal conflict', '11', 'criticism, condemnation, accusations'),
    ('REJECT', 3, 'verbal conflict', '12', 'refusals'),
    ('THREATEN', 3, 'verbal conflict', '13', 'threats and ultimatums'),
    ('PROTEST', 4, 'material conflict', '14', 'protests and demonstrations'),
    ('MOBILIZE', 4, 'material conflict', '15', 'mobilisation, exercises'),
    ('SANCTION', 4, 'material conflict', '16', 'sanctions, expulsions, broken relations'),
    ('COERCE', 4, 'material conflict', '17', 'arrests, bans, restrictions'),
    ('ASSAULT', 4, 'material conflict', '18', 'attacks');
