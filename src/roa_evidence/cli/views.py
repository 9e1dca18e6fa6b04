"""Commands for views; they register themselves on the app."""

from __future__ import annotations
