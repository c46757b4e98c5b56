-- Role and source spans lie inside their document's body_text; a source without a span is a
-- removed 'Source:'/'Via:' line and says which. (The body's length is counted once per
-- document, not once per span: length() scans the whole body.)
WITH spans AS (
    SELECT 'roles' AS table_name, doc_id, char_start, char_end, NULL::INTEGER AS line_no
    FROM roles
    UNION ALL
    SELECT 'sources', doc_id, char_start, char_end, line_no
    FROM sources
),

bodies AS (
    SELECT doc_id, length(body_text) AS body_length
    FROM documents
)

SELECT
    spans.table_name,
    spans.doc_id,
    spans.char_start,
    spans.char_end,
    spans.line_no
FROM spans
INNER JOIN bodies AS d USING (doc_id)
WHERE (spans.char_start IS NULL AND (spans.table_name = 'roles' OR spans.line_no IS NULL))
    OR spans.char_start < 0
    OR spans.char_end <= spans.char_start
    OR spans.char_end > d.body_length;
