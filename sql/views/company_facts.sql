-- Facts and events per company, rolled up through parent organisations: a fact about Sony
-- Mobile is listed under Sony Mobile and under Sony (via = Sony Mobile). Figures (money,
-- percent, quantity, rank) are listed; dates appear as the value_date of the events they
-- anchor, not as items of their own.
CREATE VIEW company_facts AS
WITH RECURSIVE ancestry (entity_id, company_entity_id, depth) AS (
    -- every organisation is its own company, then its parent's, and so on up
    SELECT entity_id, entity_id, 0
    FROM entities
    WHERE entity_type = 'ORG'
    UNION ALL
    SELECT ancestry.entity_id, parent.parent_entity_id, ancestry.depth + 1
    FROM ancestry
    INNER JOIN entities AS parent ON parent.entity_id = ancestry.company_entity_id
    WHERE parent.parent_entity_id IS NOT NULL AND ancestry.depth < 10
),

items AS (
    SELECT
        'fact' AS item_kind,
        fact_type AS item_type,
        doc_id,
        sentence_no,
        char_start,
        char_end,
        surface,
        subject_entity_id,
        value,
        value_high,
        unit,
        category,
        direction,
        status,
        value_date,
        fact_id AS item_id
    FROM facts
    WHERE subject_entity_id IS NOT NULL
        AND fact_type <> 'date'
    UNION ALL
    SELECT
        'event',
        event_type,
        doc_id,
        sentence_no,
        char_start,
        char_end,
        surface,
        subject_entity_id,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        status,
        value_date,
        doc_id || '-event-' || event_type || '-' || char_start
    FROM events
    WHERE subject_entity_id IS NOT NULL
)

SELECT
    company.name AS company,
    ancestry.company_entity_id,
    subject.name AS via,
    items.subject_entity_id AS via_entity_id,
    items.item_kind,
    items.item_type,
    items.item_id,
    items.surface,
    items.value,
    items.value_high,
    items.unit,
    items.category,
    items.direction,
    items.status,
    items.value_date,
    s.text AS evidence_sentence,
    items.doc_id,
    items.sentence_no,
    items.char_start,
    items.char_end,
    d.title,
    d.outlet,
    d.published_at
FROM items
INNER JOIN ancestry ON ancestry.entity_id = items.subject_entity_id
INNER JOIN entities AS company ON company.entity_id = ancestry.company_entity_id
INNER JOIN entities AS subject ON subject.entity_id = items.subject_entity_id
INNER JOIN documents AS d ON d.doc_id = items.doc_id
LEFT JOIN sentences AS s ON s.doc_id = items.doc_id AND s.sentence_no = items.sentence_no;

COMMENT ON VIEW company_facts IS 'Figures (money, percent, quantity, rank facts) and events per company, each with its evidence sentence; items about a subsidiary are also listed under every parent organisation (see via).';
COMMENT ON COLUMN company_facts.company IS 'Canonical company name (the subject, or one of its parent organisations).';
COMMENT ON COLUMN company_facts.company_entity_id IS 'Entity id of the company.';
COMMENT ON COLUMN company_facts.via IS 'The entity the item is directly about (equals company unless rolled up from a subsidiary).';
COMMENT ON COLUMN company_facts.via_entity_id IS 'Entity id of the direct subject.';
COMMENT ON COLUMN company_facts.item_kind IS 'fact or event.';
COMMENT ON COLUMN company_facts.item_type IS 'Fact type (money, percent, quantity, rank) or event type (sales_target, ...).';
COMMENT ON COLUMN company_facts.item_id IS 'facts.fact_id, or an id of the event (doc_id-event-type-offset).';
COMMENT ON COLUMN company_facts.surface IS 'The text of the fact or the event''s evidence.';
COMMENT ON COLUMN company_facts.value IS 'Normalised value of a fact; NULL for events.';
COMMENT ON COLUMN company_facts.value_high IS 'Upper bound of a range; NULL otherwise.';
COMMENT ON COLUMN company_facts.unit IS 'Unit of a fact (currency, percent, counted noun, rank).';
COMMENT ON COLUMN company_facts.category IS 'Metric of a fact (revenue, sales, ...) or rank category.';
COMMENT ON COLUMN company_facts.direction IS 'up or down for changes.';
COMMENT ON COLUMN company_facts.status IS 'Fact status (reported, target, forecast, ...) or event status (reported, planned, target, rumored, denied).';
COMMENT ON COLUMN company_facts.value_date IS 'When the event happens or happened, where stated.';
COMMENT ON COLUMN company_facts.evidence_sentence IS 'The sentence the item was read from.';
COMMENT ON COLUMN company_facts.doc_id IS 'Document of the item.';
COMMENT ON COLUMN company_facts.sentence_no IS '0-based sentence number in the document.';
COMMENT ON COLUMN company_facts.char_start IS 'Start offset of the item in documents.body_text.';
COMMENT ON COLUMN company_facts.char_end IS 'End offset (exclusive) of the item in documents.body_text.';
COMMENT ON COLUMN company_facts.title IS 'Title of the document.';
COMMENT ON COLUMN company_facts.outlet IS 'Outlet (publisher), when known.';
COMMENT ON COLUMN company_facts.published_at IS 'Publication time, when known.';
