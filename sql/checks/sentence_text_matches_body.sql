-- Every sentence's text is exactly the body_text substring at its offsets.
-- substring() counts code points by scanning the body up to the offset, once per row; on a
-- pure-ASCII body (as many bytes as code points) a byte slice of its UTF-8 encoding is the
-- same text at constant cost. The body's length and encoding are computed once per document.
WITH bodies AS (
    SELECT
        doc_id,
        body_text,
        encode(body_text) AS body_bytes,
        length(body_text) AS body_length,
        strlen(body_text) = length(body_text) AS ascii_body
    FROM documents
)

SELECT
    s.doc_id,
    s.sentence_no,
    s.char_start,
    s.char_end,
    s.text
FROM sentences AS s
INNER JOIN bodies AS d USING (doc_id)
WHERE s.char_start < 0
    OR s.char_end <= s.char_start
    OR s.char_end > d.body_length
    OR CASE
        WHEN d.ascii_body THEN decode(array_slice(d.body_bytes, s.char_start + 1, s.char_end))
        ELSE substring(d.body_text, s.char_start + 1, s.char_end - s.char_start)
    END IS DISTINCT FROM s.text;
