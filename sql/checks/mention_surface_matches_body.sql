-- Every mention's surface is exactly the body_text substring at its offsets.
SELECT
    m.doc_id,
    m.char_start,
    m.char_end,
    m.surface
FROM mentions AS m
INNER JOIN documents AS d USING (doc_id)
WHERE m.char_start < 0
    OR m.char_end <= m.char_start
    OR substring(d.body_text, m.char_start + 1, m.char_end - m.char_start) IS DISTINCT FROM m.surface;
