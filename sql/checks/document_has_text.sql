-- A published document has body text, a content-hash id and a word count that agrees.
SELECT
    doc_id,
    source_path,
    n_words
FROM documents
WHERE body_text IS NULL
    OR trim(body_text) = ''
    OR NOT regexp_full_match(doc_id, '[0-9a-f]{16}')
    OR n_words <> len(regexp_extract_all(body_text, '\S+'));
