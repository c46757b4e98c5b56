-- Who is quoted, how often and where: one row per speaker (quotes without a speaker and scare
-- quotes are left out).
CREATE VIEW quotes_by_speaker AS
WITH attributed AS (
    SELECT
        q.*,
        d.published_at,
        d.outlet
    FROM quotes AS q
    INNER JOIN documents AS d USING (doc_id)
    WHERE q.speaker IS NOT NULL
        AND q.quote_kind IS DISTINCT FROM 'scare'
)

SELECT
    attributed.speaker,
    attributed.speaker_entity_id,
    any_value(e.entity_type) AS speaker_type,
    count(*) AS n_quotes,
    count(DISTINCT attributed.doc_id) AS n_documents,
    count(DISTINCT attributed.outlet) AS n_outlets,
    min(attributed.published_at) AS first_published_at,
    max(attributed.published_at) AS last_published_at,
    list_sort(list_distinct(list(attributed.speaker_title))) AS speaker_titles,
    -- Ties broken by the text itself: the same answer whatever order the Parquet rows come in.
    first(attributed.quote_text ORDER BY length(attributed.quote_text) DESC, attributed.quote_text)
        AS longest_quote,
    list_sort(list_distinct(list(attributed.doc_id))) AS doc_ids
FROM attributed
LEFT JOIN entities AS e ON e.entity_id = attributed.speaker_entity_id
GROUP BY attributed.speaker, attributed.speaker_entity_id;

COMMENT ON VIEW quotes_by_speaker IS 'One row per quoted speaker: how many quotations, in how many documents and outlets, when, with their titles and longest quotation (join quotes for every quotation).';
COMMENT ON COLUMN quotes_by_speaker.speaker IS 'Canonical name of the speaker.';
COMMENT ON COLUMN quotes_by_speaker.speaker_entity_id IS 'Entity id of the speaker (NULL if the name matched no entity).';
COMMENT ON COLUMN quotes_by_speaker.speaker_type IS 'PERSON or ORG (NULL without an entity).';
COMMENT ON COLUMN quotes_by_speaker.n_quotes IS 'Number of quotations attributed to the speaker.';
COMMENT ON COLUMN quotes_by_speaker.n_documents IS 'Number of documents quoting the speaker.';
COMMENT ON COLUMN quotes_by_speaker.n_outlets IS 'Number of distinct outlets quoting the speaker.';
COMMENT ON COLUMN quotes_by_speaker.first_published_at IS 'Earliest publication time among those documents.';
COMMENT ON COLUMN quotes_by_speaker.last_published_at IS 'Latest publication time among those documents.';
COMMENT ON COLUMN quotes_by_speaker.speaker_titles IS 'Titles the speaker is given (e.g. President and CEO).';
COMMENT ON COLUMN quotes_by_speaker.longest_quote IS 'The speaker''s longest quotation.';
COMMENT ON COLUMN quotes_by_speaker.doc_ids IS 'Documents quoting the speaker.';
