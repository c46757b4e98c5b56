INSERT INTO entities BY NAME
SELECT DISTINCT *
FROM lake_entities
ORDER BY entity_id;
