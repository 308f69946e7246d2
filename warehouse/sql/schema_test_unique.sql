-- Declared test unique (schema.yml): values found on more than one row (nulls aside); none when it holds.
SELECT {column} AS value, count(*) AS n
FROM {relation}
WHERE {column} IS NOT NULL
GROUP BY {column}
HAVING count(*) > 1
ORDER BY n DESC
LIMIT 10
