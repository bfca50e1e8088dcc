"""French typography for the lettering (shared with every printed text: see pipelines.export.typography)."""
from ..export.typography import NBSP, english_spacing, french_spacing, letter_text

__all__ = ["NBSP", "english_spacing", "french_spacing", "letter_text"]
