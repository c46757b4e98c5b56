-- The same figure about the same subject reported by several articles, collapsed into one
-- claim with a source count. Figures are the same when type, value, range, unit, category,
-- status and (for dated claims) date agree; the subject must be known.
CREATE VIEW claims AS
WITH figures AS (
    SELECT
        f.*,
        d.outlet,
        d.published_at
    FROM facts AS f
    INNER JOIN documents AS d USING (doc_id)
    WHERE f.fact_type IN ('money', 'percent', 'quantity', 'rank')
        AND f.subject IS NOT NULL
)

SELECT
    md5(concat_ws(
        '|',
        coalesce(any_value(subject_entity_id), subject),
        fact_type,
        coalesce(CAST(value AS VARCHAR), ''),
        coalesce(CAST(value_high AS VARCHAR), ''),
        coalesce(unit, ''),
        coalesce(category, ''),
        coalesce(status, '')
    )) AS claim_id,
    any_value(subject_entity_id) AS subject_entity_id,
    subject,
    fact_type,
    value,
    value_high,
    unit,
    category,
    status,
    count(DISTINCT doc_id) AS n_documents,
    count(DISTINCT outlet) AS n_outlets,
    count(*) AS n_mentions,
    min(published_at) AS first_published_at,
    max(published_at) AS last_published_at,
    arg_min(surface, doc_id || lpad(CAST(char_start AS VARCHAR), 10, '0')) AS example_surface,
    list_sort(list_distinct(list(doc_id))) AS doc_ids,
    list_sort(list(fact_id)) AS fact_ids
FROM figures
GROUP BY coalesce(subject_entity_id, subject), subject, fact_type, value, value_high, unit,
    category, status;

COMMENT ON VIEW claims IS 'Each distinct figure about a subject (same type, value, range, unit, category and status) with how many documents and outlets report it.';
COMMENT ON COLUMN claims.claim_id IS 'Deterministic id of the claim (hash of subject and figure).';
COMMENT ON COLUMN claims.subject_entity_id IS 'Entity id of the subject (NULL when the subject matched no entity).';
COMMENT ON COLUMN claims.subject IS 'Canonical name of the subject.';
COMMENT ON COLUMN claims.fact_type IS 'money, percent, quantity or rank.';
COMMENT ON COLUMN claims.value IS 'The figure''s value (full magnitude).';
COMMENT ON COLUMN claims.value_high IS 'Upper bound of a range, else NULL.';
COMMENT ON COLUMN claims.unit IS 'Currency, percent, counted noun or rank.';
COMMENT ON COLUMN claims.category IS 'Metric (revenue, sales, ...) or rank category, when stated.';
COMMENT ON COLUMN claims.status IS 'reported, target, forecast, rumored, negated or hypothetical.';
COMMENT ON COLUMN claims.n_documents IS 'Documents reporting the figure.';
COMMENT ON COLUMN claims.n_outlets IS 'Distinct outlets reporting the figure (the source count).';
COMMENT ON COLUMN claims.n_mentions IS 'Times the figure appears in all.';
COMMENT ON COLUMN claims.first_published_at IS 'Earliest publication time of a reporting document.';
COMMENT ON COLUMN claims.last_published_at IS 'Latest publication time of a reporting document.';
COMMENT ON COLUMN claims.example_surface IS 'The figure as first written (by document id and offset).';
COMMENT ON COLUMN claims.doc_ids IS 'Documents reporting the figure.';
COMMENT ON COLUMN claims.fact_ids IS 'The facts collapsed into this claim.';
