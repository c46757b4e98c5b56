-- Every sentence's text is exactly the body_text substring at its offsets.
SELECT
    s.doc_id,
    s.sentence_no,
    s.char_start,
    s.char_end,
    s.text
FROM sentences AS s
INNER JOIN documents AS d USING (doc_id)
WHERE s.char_start < 0
    OR s.char_end <= s.char_start
    OR s.char_end > length(d.body_text)
    OR substring(d.body_text, s.char_start + 1, s.char_end - s.char_start) IS DISTINCT FROM s.text;
