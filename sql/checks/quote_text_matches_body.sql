-- Every quotation's text is exactly the body_text substring at its offsets, and its speaker
-- evidence (when given) lies inside the document.
SELECT
    q.doc_id,
    q.char_start,
    q.char_end,
    q.quote_text,
    q.speaker_start,
    q.speaker_end
FROM quotes AS q
INNER JOIN documents AS d USING (doc_id)
WHERE q.char_start < 0
    OR q.char_end < q.char_start
    OR substring(d.body_text, q.char_start + 1, q.char_end - q.char_start) IS DISTINCT FROM q.quote_text
    OR (q.speaker_start IS NOT NULL
        AND (q.speaker_start < 0
            OR q.speaker_end <= q.speaker_start
            OR q.speaker_end > length(d.body_text)))
    OR (q.quote_kind = 'scare' AND q.speaker IS NOT NULL);
