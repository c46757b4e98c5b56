-- A stated dollar equivalent is a positive US-dollar money fact of the same sentence, given
-- for a positive money figure in another currency.
WITH stated AS (
    SELECT
        fact_id,
        doc_id,
        sentence_no,
        unit,
        value,
        usd_equivalent_fact_id
    FROM facts
    WHERE usd_equivalent_fact_id IS NOT NULL
),

money AS (
    SELECT
        fact_id,
        doc_id,
        sentence_no,
        unit,
        value
    FROM facts
    WHERE fact_type = 'money'
)

SELECT
    stated.fact_id,
    stated.unit,
    stated.usd_equivalent_fact_id,
    usd.unit AS equivalent_unit
FROM stated
LEFT JOIN money AS usd ON usd.fact_id = stated.usd_equivalent_fact_id
WHERE usd.fact_id IS NULL
    OR usd.unit IS DISTINCT FROM 'USD'
    OR usd.value <= 0
    OR usd.doc_id <> stated.doc_id
    OR usd.sentence_no <> stated.sentence_no
    OR stated.unit IS NULL
    OR stated.unit = 'USD'
    OR stated.value <= 0;
