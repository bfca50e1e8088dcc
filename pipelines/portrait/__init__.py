"""Portraits "à la manière de" a great painter: face framing, a CPU painter (non-photorealistic
rendering, one algorithm family per style), an image-to-image model backend that keeps the face,
and the museum label (cartel) printed beside the framed portrait."""
