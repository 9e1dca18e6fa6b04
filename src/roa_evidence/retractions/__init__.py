"""Editorial notices on works (retractions, corrections, concerns) and the Retraction
Watch file they come from.

- `notices`: what a notice means for a work's evidence, as pure functions;
- `retraction_watch`: the CSV read, its records matched to works, kept across builds;
- `importing`: `import_retractions` and `retraction_changes`, the command's work.
"""
