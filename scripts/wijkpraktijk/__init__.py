"""Wijkpraktijk: practices/ → validated entries → cross-linked Markdown pages in docs/."""
