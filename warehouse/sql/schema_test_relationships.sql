-- Declared test relationships (schema.yml): values with no row of the referenced relation (nulls aside);
-- none when it holds. {to}, {field}: the referenced relation and column.
SELECT c.{column} AS value, count(*) AS n
FROM {relation} AS c
WHERE c.{column} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {to} AS p WHERE p.{field} = c.{column})
GROUP BY c.{column}
ORDER BY n DESC
LIMIT 10
