-- Every mention's surface is exactly the body_text substring at its offsets.
-- A byte slice on pure-ASCII bodies, as in sentence_text_matches_body (which says why).
WITH bodies AS (
    SELECT
        doc_id,
        body_text,
        encode(body_text) AS body_bytes,
        strlen(body_text) = length(body_text) AS ascii_body
    FROM documents
)

SELECT
    m.doc_id,
    m.char_start,
    m.char_end,
    m.surface
FROM mentions AS m
INNER JOIN bodies AS d USING (doc_id)
WHERE m.char_start < 0
    OR m.char_end <= m.char_start
    OR CASE
        WHEN d.ascii_body THEN decode(array_slice(d.body_bytes, m.char_start + 1, m.char_end))
        ELSE substring(d.body_text, m.char_start + 1, m.char_end - m.char_start)
    END IS DISTINCT FROM m.surface;
