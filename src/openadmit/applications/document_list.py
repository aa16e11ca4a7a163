"""The documents each programme intake asks for: data files checked by pydantic.

`data/programmes/<programme>/<intake>/documents.yaml`; see PIONEER's for the format.
"""

from functools import cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from openadmit.eligibility import PROGRAMMES_DIR

__all__ = ["DocumentSpec", "document_specs", "required_kinds"]

FileKind = Literal["pdf", "video", "link"]


class DocumentSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: str
    help: str = ""
    accepts: tuple[FileKind, ...] = Field(min_length=1)
    required: Literal["always", "when_language_test"]
    max_mb: int = Field(gt=0, le=500)

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024

    @property
    def accepts_link(self) -> bool:
        return "link" in self.accepts

    @property
    def file_kinds(self) -> tuple[FileKind, ...]:
        return tuple(kind for kind in self.accepts if kind != "link")

    def is_required(self, profile: dict) -> bool:
        if self.required == "when_language_test":
            return bool(profile.get("language_tests"))
        return True


class DocumentList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: tuple[DocumentSpec, ...]


@cache
def document_specs(programme_slug: str, intake_code: str) -> tuple[DocumentSpec, ...]:
    """The intake's document list; an intake without a file asks for no documents."""
    path = PROGRAMMES_DIR / programme_slug / intake_code / "documents.yaml"
    if not path.is_file():
        return ()
    return DocumentList.model_validate(yaml.safe_load(path.read_text())).documents


def required_kinds(programme_slug: str, intake_code: str, profile: dict) -> list[DocumentSpec]:
    return [
        spec for spec in document_specs(programme_slug, intake_code) if spec.is_required(profile)
    ]
