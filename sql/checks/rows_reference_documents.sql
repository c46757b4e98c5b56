-- Every per-document row points at a published document.
WITH referenced AS (
    SELECT 'boilerplate' AS table_name, doc_id FROM boilerplate
    UNION ALL SELECT 'sentences', doc_id FROM sentences
    UNION ALL SELECT 'facts', doc_id FROM facts
    UNION ALL SELECT 'mentions', doc_id FROM mentions
    UNION ALL SELECT 'quotes', doc_id FROM quotes
    UNION ALL SELECT 'roles', doc_id FROM roles
    UNION ALL SELECT 'sources', doc_id FROM sources
    UNION ALL SELECT 'events', doc_id FROM events
)

SELECT
    referenced.table_name,
    referenced.doc_id,
    count(*) AS n_rows
FROM referenced
LEFT JOIN documents USING (doc_id)
WHERE documents.doc_id IS NULL
GROUP BY ALL;
