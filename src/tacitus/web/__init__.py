"""The dashboard: server-rendered pages, SVG charts and the bundled front-end files."""
