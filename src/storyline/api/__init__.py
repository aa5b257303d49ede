"""The HTTP API (FastAPI) and the web page, served by ``storyline serve``."""

from .app import create_app

__all__ = ["create_app"]
