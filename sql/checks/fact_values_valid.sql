-- Fact types, statuses and values are from their declared sets and sane ranges.
SELECT
    fact_id,
    fact_type,
    status,
    value,
    value_high,
    unit
FROM facts
WHERE fact_type NOT IN ('money', 'percent', 'quantity', 'rank', 'date')
    OR status NOT IN ('reported', 'target', 'forecast', 'rumored', 'negated', 'hypothetical')
    -- Only a vague duration ("several months") may lack a number.
    OR (fact_type IN ('money', 'percent', 'rank') AND value IS NULL)
    OR (fact_type = 'quantity' AND value IS NULL AND category IS DISTINCT FROM 'duration')
    -- Money's unit is an ISO 4217 code, or NULL where the text does not say which (bare "rials").
    OR (fact_type = 'money' AND NOT regexp_full_match(unit, '[A-Z]{3}'))
    OR (fact_type = 'rank' AND (value < 1 OR value <> floor(value)))
    OR (value_high IS NOT NULL AND value_high < value)
    -- Weak currencies reach 1e15 in real news ("1,546 trillion rials"); nothing reaches 1e18.
    OR abs(value) > 1e18;
