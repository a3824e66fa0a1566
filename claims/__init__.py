"""The bundled corpus (package data): maps, axes.yaml, links.yaml."""
