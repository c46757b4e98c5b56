-- Canonical entities: every entity a live document's mention links to, and their parents
-- (transitively: a product -> its maker -> the maker's parent). Each batch wrote the entities
-- it met; the copies agree on name, type and parent, and their aliases are merged.
INSERT INTO entities BY NAME
WITH RECURSIVE catalog AS (
    SELECT
        entity_id,
        min(name) AS name,
        min(entity_type) AS entity_type,
        list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
        min(parent_entity_id) AS parent_entity_id
    FROM lake_entities
    GROUP BY entity_id
),

needed (entity_id) AS (
    -- mentions of published copies: all but the few unpublished ones (an anti-join with
    -- those is far cheaper than matching every mention with every live document)
    SELECT DISTINCT mention.entity_id
    FROM lake_mentions AS mention
    ANTI JOIN unpublished_copies AS copy USING (doc_id, part_id)
    WHERE mention.entity_id IS NOT NULL
    UNION
    SELECT catalog.parent_entity_id
    FROM catalog
    INNER JOIN needed USING (entity_id)
    WHERE catalog.parent_entity_id IS NOT NULL
)

SELECT catalog.*
FROM catalog
INNER JOIN needed USING (entity_id)
ORDER BY entity_id;
