"""Comic pages: layouts, panels, speech bubbles, lettering, and the page rendered to PNG and PDF."""
