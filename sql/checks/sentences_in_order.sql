-- Sentences of a document are numbered 0, 1, 2, ... in text order and never overlap.
WITH ordered AS (
    SELECT
        doc_id,
        sentence_no,
        char_start,
        lag(char_end) OVER (PARTITION BY doc_id ORDER BY sentence_no) AS previous_end,
        row_number() OVER (PARTITION BY doc_id ORDER BY sentence_no) - 1 AS expected_no
    FROM sentences
)

SELECT
    doc_id,
    sentence_no,
    char_start,
    previous_end
FROM ordered
WHERE sentence_no <> expected_no
    OR char_start < previous_end;
