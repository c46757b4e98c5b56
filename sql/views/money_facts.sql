-- Money figures with a US-dollar value only where the article itself gives it: the figure is
-- in dollars, or the text states its dollar equivalent right beside it ("270.5 billion yen,
-- or around $2.27 billion", "$1.13bn (£600m)"). Nothing is converted at a guessed rate.
-- The stated equivalents are found at extraction time (transforms/facts/conversions), where
-- the sentence is at hand: this view reads facts and documents' short columns, never a body.
CREATE VIEW money_facts AS
WITH money AS (
    SELECT
        fact_id,
        doc_id,
        sentence_no,
        surface,
        value,
        value_high,
        unit,
        category,
        direction,
        status,
        subject,
        subject_entity_id,
        usd_equivalent_fact_id
    FROM facts
    WHERE fact_type = 'money'
)

SELECT
    money.fact_id,
    money.doc_id,
    money.sentence_no,
    money.surface,
    money.value,
    money.value_high,
    money.unit AS currency,
    money.category,
    money.direction,
    money.status,
    money.subject,
    money.subject_entity_id,
    CASE WHEN money.unit = 'USD' THEN money.value ELSE usd.value END AS value_usd,
    CASE WHEN money.unit = 'USD' THEN money.value_high END AS value_high_usd,
    CASE
        WHEN money.unit <> 'USD' AND usd.value IS NOT NULL
            THEN usd.value / money.value
    END AS implied_usd_rate,
    usd.fact_id AS usd_conversion_fact_id,
    d.title,
    d.outlet,
    d.published_at
FROM money
-- the dollar figure the text states as this one's equivalent
LEFT JOIN money AS usd ON usd.fact_id = money.usd_equivalent_fact_id
INNER JOIN documents AS d ON d.doc_id = money.doc_id;

COMMENT ON VIEW money_facts IS 'Money figures with currency, and a US-dollar value only when the figure is in dollars or the article states its dollar equivalent beside it; never converted at a guessed rate.';
COMMENT ON COLUMN money_facts.fact_id IS 'Deterministic fact id (facts.fact_id).';
COMMENT ON COLUMN money_facts.doc_id IS 'Document the figure comes from.';
COMMENT ON COLUMN money_facts.sentence_no IS '0-based sentence number in the document.';
COMMENT ON COLUMN money_facts.surface IS 'The figure as written.';
COMMENT ON COLUMN money_facts.value IS 'Amount in the figure''s own currency, full magnitude.';
COMMENT ON COLUMN money_facts.value_high IS 'Upper bound of a range, else NULL.';
COMMENT ON COLUMN money_facts.currency IS 'ISO 4217 currency code.';
COMMENT ON COLUMN money_facts.category IS 'Metric (revenue, price, profit, ...) when stated.';
COMMENT ON COLUMN money_facts.direction IS 'up or down for changes, else NULL.';
COMMENT ON COLUMN money_facts.status IS 'reported, target, forecast, rumored, negated or hypothetical.';
COMMENT ON COLUMN money_facts.subject IS 'Canonical name of the entity the figure is about, where the text says.';
COMMENT ON COLUMN money_facts.subject_entity_id IS 'Entity id of the subject.';
COMMENT ON COLUMN money_facts.value_usd IS 'US-dollar value: the value itself for USD figures, else the dollar equivalent the text states beside it; NULL otherwise.';
COMMENT ON COLUMN money_facts.value_high_usd IS 'Upper bound in US dollars for USD ranges, else NULL.';
COMMENT ON COLUMN money_facts.implied_usd_rate IS 'US dollars per unit of the currency implied by the text''s own conversion (value_usd / value); NULL when the text gives none.';
COMMENT ON COLUMN money_facts.usd_conversion_fact_id IS 'The dollar fact that states the conversion, when there is one.';
COMMENT ON COLUMN money_facts.title IS 'Title of the document.';
COMMENT ON COLUMN money_facts.outlet IS 'Outlet (publisher), when known.';
COMMENT ON COLUMN money_facts.published_at IS 'Publication time, when known.';
