-- Money figures with a US-dollar value only where the article itself gives it: the figure is
-- in dollars, or the text states its dollar equivalent right beside it ("270.5 billion yen,
-- or around $2.27 billion", "$1.13bn (£600m)"). Nothing is converted at a guessed rate.
CREATE VIEW money_facts AS
WITH money AS (
    -- only the columns used below: this CTE is read three times, so it is materialised
    SELECT
        fact_id,
        doc_id,
        sentence_no,
        char_start,
        char_end,
        surface,
        value,
        value_high,
        unit,
        category,
        direction,
        status,
        subject,
        subject_entity_id
    FROM facts
    WHERE fact_type = 'money'
),

-- Pairs of money figures close together in one sentence, one in dollars and the other in
-- another currency: the candidates for a stated conversion (few; found from the facts alone).
-- A pair of two non-dollar figures states no dollar value, so it is not formed at all.
close_pairs AS (
    SELECT
        first.doc_id,
        first.fact_id AS first_id,
        second.fact_id AS second_id,
        first.unit AS first_unit,
        second.unit AS second_unit,
        first.value AS first_value,
        second.value AS second_value,
        first.char_end AS gap_start,
        second.char_start AS gap_end
    FROM money AS first
    INNER JOIN money AS second
        ON first.doc_id = second.doc_id
        AND first.sentence_no = second.sentence_no
        AND second.char_start > first.char_end
        AND second.char_start - first.char_end <= 40
    -- exactly one side in dollars (NULL when a currency is unknown: no pair)
    WHERE (first.unit = 'USD') <> (second.unit = 'USD')
        AND first.value > 0
        AND second.value > 0
),

-- ... joined only by a conversion connective: a comma, "or", "about/around/roughly/
-- approximately/some/nearly", "equivalent to", or parentheses. One join of the few pairs
-- with the bodies: every body is read once (a body is long), only a pair's gap is kept.
adjacent_pairs AS (
    SELECT
        pair.first_id,
        pair.second_id,
        pair.first_unit,
        pair.second_unit,
        pair.first_value,
        pair.second_value
    FROM close_pairs AS pair
    INNER JOIN documents AS d USING (doc_id)
    WHERE regexp_full_match(
        substring(d.body_text, pair.gap_start + 1, pair.gap_end - pair.gap_start),
        '[\s,]*(\(|\bor\b|\babout\b|\baround\b|\broughly\b|\bapproximately\b|\bsome\b|'
        || '\bnearly\b|\bequivalent to\b|\bequal to\b|\bworth\b|\s|,)*'
    )
),

-- The dollar equivalent stated for each non-dollar figure (either order in the pair).
stated_usd AS (
    SELECT first_id AS fact_id, second_id AS usd_fact_id, second_value AS value_usd
    FROM adjacent_pairs
    WHERE second_unit = 'USD' AND first_unit <> 'USD'
    UNION ALL
    SELECT second_id, first_id, first_value
    FROM adjacent_pairs
    WHERE first_unit = 'USD' AND second_unit <> 'USD'
),

one_per_fact AS (
    SELECT *
    FROM stated_usd
    QUALIFY row_number() OVER (PARTITION BY fact_id ORDER BY usd_fact_id) = 1
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
    CASE WHEN money.unit = 'USD' THEN money.value ELSE one_per_fact.value_usd END AS value_usd,
    CASE WHEN money.unit = 'USD' THEN money.value_high END AS value_high_usd,
    CASE
        WHEN money.unit <> 'USD' AND one_per_fact.value_usd IS NOT NULL
            THEN one_per_fact.value_usd / money.value
    END AS implied_usd_rate,
    one_per_fact.usd_fact_id AS usd_conversion_fact_id,
    d.title,
    d.outlet,
    d.published_at
FROM money
LEFT JOIN one_per_fact USING (fact_id)
INNER JOIN documents AS d USING (doc_id);

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
