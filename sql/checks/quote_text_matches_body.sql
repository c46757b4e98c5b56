-- Every quotation's text is exactly the body_text substring at its offsets, and its speaker
-- evidence (when given) lies inside the document.
-- A byte slice on pure-ASCII bodies, as in sentence_text_matches_body (which says why).
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
    q.doc_id,
    q.char_start,
    q.char_end,
    q.quote_text,
    q.speaker_start,
    q.speaker_end
FROM quotes AS q
INNER JOIN bodies AS d USING (doc_id)
WHERE q.char_start < 0
    OR q.char_end < q.char_start
    OR CASE
        WHEN d.ascii_body THEN decode(array_slice(d.body_bytes, q.char_start + 1, q.char_end))
        ELSE substring(d.body_text, q.char_start + 1, q.char_end - q.char_start)
    END IS DISTINCT FROM q.quote_text
    OR (q.speaker_start IS NOT NULL
        AND (q.speaker_start < 0
            OR q.speaker_end <= q.speaker_start
            OR q.speaker_end > d.body_length))
    OR (q.quote_kind = 'scare' AND q.speaker IS NOT NULL);
