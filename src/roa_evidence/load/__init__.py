"""The load path: the evidence base on disk -> validated, graded rows in the store.

Read in the order data flows:

- `inputs`: which evidence base, its files and their content hashes;
- `yamlfile`, `fastyaml`, `datafile`, `bibfile`, `latex`: the files parsed;
- `schema`, `crosscheck`, `quotes`, `evidence_base`: what a valid base is;
- `read`: `read_evidence_base`, every file read and validated, every problem at once;
- `rows`: a validated base graded into table rows;
- `refresh`, `incremental`: the store brought up to date (whole, or the changed
  claims files only); `workers` runs the parallel parts.

Nothing here is imported by the read side (`query`, `exporters`, `report`).
"""
