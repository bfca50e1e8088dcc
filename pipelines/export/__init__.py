"""Exports: the print engine (pdf.py), fonts, postcards and their imposition, recycled DVD covers."""
