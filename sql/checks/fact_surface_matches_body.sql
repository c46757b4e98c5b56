-- Every fact's surface is exactly the body_text substring at its offsets.
SELECT
    f.fact_id,
    f.char_start,
    f.char_end,
    f.surface
FROM facts AS f
INNER JOIN documents AS d USING (doc_id)
WHERE f.char_start < 0
    OR f.char_end <= f.char_start
    OR substring(d.body_text, f.char_start + 1, f.char_end - f.char_start) IS DISTINCT FROM f.surface;
