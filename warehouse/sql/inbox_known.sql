-- Which of these content hashes ($1, a list) were processed already.
SELECT sha256 FROM inbox_files WHERE list_contains($1, sha256)
