"""Settings from the environment and `.env`: the token as a secret, the rest under FACTBOT_."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
IdList = Annotated[tuple[int, ...], NoDecode]


def _parse_id_list(value: object) -> object:
    """Accept "1,2,3", "1 2 3", "[1, 2]" or a list; anything else is left for pydantic to refuse."""
    if isinstance(value, str):
        text = value.strip().strip("[]")
        return tuple(part for part in text.replace(",", " ").split() if part)
    return value


class Settings(BaseSettings):
    """Everything the bot can be told. See `.env.example` for each setting with a comment."""

    model_config = SettingsConfigDict(
        env_prefix="FACTBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,  # a copied .env.example with blanks means "use the default"
        frozen=True,
    )

    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "FACTBOT_DISCORD_TOKEN")
    )
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    log_level: LogLevel = "INFO"
    answer_channel_ids: IdList = ()
    moderator_role_ids: IdList = ()
    mod_log_channel_id: int | None = None
    dev_guild_id: int | None = None
    cooldown_seconds: float = Field(default=5.0, ge=0)
    cooldown_questions: int = Field(default=3, ge=1)
    answer_dms: bool = True
    message_content_intent: bool = True
    max_question_chars: int = Field(default=500, ge=20, le=4000)
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: IdList = ()
    watch_knowledge: bool = True
    watch_interval_seconds: float = Field(default=2.0, gt=0)

    @field_validator("answer_channel_ids", "moderator_role_ids", "shard_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        return _parse_id_list(value)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("shard_ids")
    @classmethod
    def _shards_not_negative(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(shard < 0 for shard in value):
            raise ValueError("shard ids are 0 or more")
        return value

    @property
    def token(self) -> str | None:
        """The raw token, for the one call that needs it; never log this."""
        return self.discord_token.get_secret_value() if self.discord_token else None


class SettingsError(Exception):
    """A setting has a bad value; the message names it in one line."""


def _env_name(field: str) -> str:
    return "DISCORD_TOKEN" if field == "discord_token" else f"FACTBOT_{field.upper()}"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one line a person can act on."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        parts = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            parts.append(f"{_env_name(field)}: {error['msg']}")
        raise SettingsError("bad setting: " + "; ".join(parts)) from None
    if settings.shard_ids and settings.shard_count is None:
        raise SettingsError("bad setting: FACTBOT_SHARD_IDS needs FACTBOT_SHARD_COUNT")
    if settings.shard_count is not None and any(s >= settings.shard_count for s in settings.shard_ids):
        raise SettingsError("bad setting: FACTBOT_SHARD_IDS must each be below FACTBOT_SHARD_COUNT")
    return settings
