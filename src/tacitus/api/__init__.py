"""`tacitus serve`: the JSON API (FastAPI) over the event store; the dashboard lives in tacitus.web."""
