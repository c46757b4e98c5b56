-- Live documents: those held by the current version of some input file. A changed file's old
-- documents drop out here unless another current file still holds them.
CREATE TEMP TABLE live_docs AS
WITH current_copies AS (
    -- every (document, file, position) in the current version of a file
    SELECT
        fd.doc_id,
        fd.input_root,
        fd.path,
        fd.ordinal,
        min(fd.run_id) AS first_run_id
    FROM lake_file_documents AS fd
    INNER JOIN current_files AS cf
        ON cf.input_root = fd.input_root
        AND cf.path = fd.path
        AND cf.content_hash = fd.content_hash
    GROUP BY ALL
),

credited_file AS (
    -- a document is credited to the file it was first seen in (earliest run, then path order)
    SELECT
        doc_id,
        path AS source_path,
        ordinal
    FROM current_copies
    QUALIFY row_number() OVER (
        PARTITION BY doc_id ORDER BY first_run_id, input_root, path, ordinal
    ) = 1
),

published_copy AS (
    -- the same article in two files gives two identical copies: publish the first written
    SELECT
        doc_id,
        part_id
    FROM lake_documents
    WHERE doc_id IN (SELECT doc_id FROM credited_file)
    QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY run_id, part_id) = 1
)

SELECT
    credited_file.doc_id,
    credited_file.source_path,
    credited_file.ordinal,
    published_copy.part_id
FROM credited_file
INNER JOIN published_copy USING (doc_id);
