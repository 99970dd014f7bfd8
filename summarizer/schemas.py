"""The JSON Schemas of the public models, generated from the Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from summarizer.models import Article, Brief

PUBLIC_MODELS: dict[str, type[BaseModel]] = {"brief": Brief, "article": Article}


def schema_texts() -> dict[str, str]:
    """Return each public model's JSON Schema as formatted JSON, by file name."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False)
        + "\n"
        for name, model in PUBLIC_MODELS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into a folder; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
