"""The Storybook workshop: choices -> story (templates or a local LLM) -> pictures, music, voice -> EPUB + booklet."""
