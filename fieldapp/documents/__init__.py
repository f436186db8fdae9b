"""Printed documents: a neutral description per document, rendered to PDF (and xlsx)."""
