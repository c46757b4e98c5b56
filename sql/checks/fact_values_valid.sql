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
    OR (fact_type IN ('money', 'percent', 'quantity', 'rank') AND value IS NULL)
    OR (fact_type = 'money' AND NOT regexp_full_match(unit, '[A-Z]{3}'))
    OR (fact_type = 'rank' AND (value < 1 OR value <> floor(value)))
    OR (value_high IS NOT NULL AND value_high < value)
    OR abs(value) > 1e15;
