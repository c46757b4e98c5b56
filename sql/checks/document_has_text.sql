-- A published document has body text, a content-hash id and a word count that agrees.
-- The word count is the number of runs of non-whitespace (RE2's \s is [\t\n\f\r ]), as
-- len(regexp_extract_all(body_text, '\S+')) counts them; that regex costs about twenty times
-- a scan of the body. Where the only whitespace is single spaces inside lines (no tab, form
-- feed or carriage return, no two spaces in a row, no line starting or ending with a space),
-- each non-empty line has one word more than spaces, so the count is the number of spaces plus
-- the number of non-empty lines. Other bodies take the regex.
WITH split AS (
    SELECT
        doc_id,
        source_path,
        n_words,
        body_text,
        string_split(body_text, ' ') AS between_spaces,
        string_split(body_text, chr(10)) AS lines
    FROM documents
),

counted AS (
    SELECT
        doc_id,
        source_path,
        n_words,
        body_text,
        CASE
            WHEN contains(body_text, chr(9))
                OR contains(body_text, chr(12))
                OR contains(body_text, chr(13))
                -- an empty piece: two spaces in a row, or a space at the start or end
                OR list_contains(between_spaces, '')
                OR list_bool_or(list_transform(
                    lines, lambda line: starts_with(line, ' ') OR ends_with(line, ' ')
                ))
                THEN len(regexp_extract_all(body_text, '\S+'))
            ELSE len(between_spaces) - 1 + len(list_filter(lines, lambda line: line <> ''))
        END AS words_in_body
    FROM split
)

SELECT
    doc_id,
    source_path,
    n_words
FROM counted
WHERE body_text IS NULL
    -- trim() copies the whole body (it strips Unicode spaces, not '\n'): only a body that is
    -- empty or starts with a space or a non-ASCII character can trim to nothing. (CASE, not
    -- AND: the optimizer may evaluate the terms of an AND in either order.)
    OR CASE WHEN ascii(body_text) NOT BETWEEN 33 AND 126 THEN trim(body_text) = '' ELSE false END
    OR NOT regexp_full_match(doc_id, '[0-9a-f]{16}')
    OR n_words <> words_in_body;
