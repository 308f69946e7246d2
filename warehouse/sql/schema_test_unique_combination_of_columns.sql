-- Declared table test unique_combination_of_columns (schema.yml): combinations found on more than one
-- row; none when it holds. {columns}: the quoted columns, comma-separated.
SELECT concat_ws(' | ', {columns}) AS value, count(*) AS n
FROM {relation}
GROUP BY {columns}
HAVING count(*) > 1
ORDER BY n DESC
LIMIT 10
