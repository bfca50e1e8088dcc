"""Blind test workshop: content packs, games played from several devices, scores and certificates."""
