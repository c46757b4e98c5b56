-- A removed boilerplate line does not also appear as a line of the body text.
SELECT
    b.doc_id,
    b.line_no,
    b.kind,
    b.text
FROM boilerplate AS b
INNER JOIN documents AS d USING (doc_id)
WHERE length(b.text) >= 20
    AND list_contains(string_split(d.body_text, chr(10)), b.text);
