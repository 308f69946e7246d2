-- Declared test accepted_values (schema.yml): values outside the list (nulls aside); none when it holds.
-- $1: the accepted values, as a list of the column's type.
SELECT {column} AS value, count(*) AS n
FROM {relation}
WHERE {column} IS NOT NULL AND NOT list_contains($1, {column})
GROUP BY {column}
ORDER BY n DESC
LIMIT 10
