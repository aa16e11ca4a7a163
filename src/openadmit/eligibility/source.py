"""Where a clause of a requirement set is published."""

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Source(BaseModel):
    """The published text a clause encodes: the document, its address and the words relied on.

    ``assumption`` says where the encoding reads more into the source than it states, so a
    reader of a verdict can tell a published rule from a demo reading of it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, description="Title of the published document")
    url: str = Field(pattern=r"^https?://\S+$", description="Address of the published document")
    clause: str | None = Field(None, description="Section or clause of the document")
    quote: str | None = Field(None, description="The published words this clause encodes")
    assumption: str | None = Field(None, description="What the encoding assumes beyond the text")

    @model_validator(mode="after")
    def _points_somewhere(self) -> "Source":
        if not (self.clause or self.quote):
            raise ValueError("a source needs a clause or a quote")
        return self


class Clause(BaseModel):
    """A published rule stated in words, with its source (e.g. an exception to an exemption)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    source: Source
