-- Every fact's surface is exactly the body_text substring at its offsets.
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
    f.fact_id,
    f.char_start,
    f.char_end,
    f.surface
FROM facts AS f
INNER JOIN bodies AS d USING (doc_id)
WHERE f.char_start < 0
    OR f.char_end <= f.char_start
    OR CASE
        WHEN d.ascii_body THEN decode(array_slice(d.body_bytes, f.char_start + 1, f.char_end))
        ELSE substring(d.body_text, f.char_start + 1, f.char_end - f.char_start)
    END IS DISTINCT FROM f.surface;
