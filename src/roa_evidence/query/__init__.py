"""The read side: the store's rows as typed records, filtered, and views over them.

- `records`: one frozen record per entity, dumped to JSON field by field;
- `readers`: records from the store's rows;
- `queries`: claims and works filtered (`ClaimFilter`, `find_claims`, ...);
- `views`: conflicts, route comparisons and the evidence map over claims;
- `tabular`: flat, spreadsheet-safe rows of claims and works for CSV.

Nothing here reaches the load path.
"""
