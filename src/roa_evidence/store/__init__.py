"""The store: the database that holds the graded evidence base.

- `tables`: every table, column and index, defined once; `models` derives the
  SQLModel classes from it for Python users;
- `connection`: where the database is (URLs, SQLite files) and the engine to it;
- `database`: the `Store`, its state, and writing a whole build;
- `sqlitefile`: a SQLite file kept safe (one build at a time, no leftovers).
"""
