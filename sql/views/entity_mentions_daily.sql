-- Mentions per entity per publication day, for time series (documents without a known
-- publication date are counted under a NULL day).
CREATE VIEW entity_mentions_daily AS
SELECT
    CAST(d.published_at AS DATE) AS day,
    m.entity_id,
    e.name,
    e.entity_type,
    count(*) AS n_mentions,
    count(DISTINCT m.doc_id) AS n_documents
FROM mentions AS m
INNER JOIN documents AS d USING (doc_id)
INNER JOIN entities AS e USING (entity_id)
GROUP BY ALL;

COMMENT ON VIEW entity_mentions_daily IS 'Mentions of each entity per publication day (time series); documents without a publication date count under a NULL day.';
COMMENT ON COLUMN entity_mentions_daily.day IS 'Publication day of the documents (NULL: unknown).';
COMMENT ON COLUMN entity_mentions_daily.entity_id IS 'Entity id (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_daily.name IS 'Canonical name of the entity.';
COMMENT ON COLUMN entity_mentions_daily.entity_type IS 'ORG, PERSON, LOCATION or PRODUCT.';
COMMENT ON COLUMN entity_mentions_daily.n_mentions IS 'Mentions of the entity in that day''s documents.';
COMMENT ON COLUMN entity_mentions_daily.n_documents IS 'Documents of that day that mention the entity.';
