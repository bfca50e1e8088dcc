"""Old photos: analysis, repair, tone, faces, enlarge and colourise (CPU steps and model backends)."""
