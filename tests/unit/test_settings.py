import logging

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "MTIzNDU2Nzg5.secret-token-value.xyz"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("DISCORD_TOKEN", "FACTBOT_ANSWER_CHANNEL_IDS", "FACTBOT_LOG_LEVEL", "FACTBOT_SHARD_IDS"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_have_no_token():
    settings = load_settings()
    assert settings.token is None
    assert settings.answer_dms is True and settings.message_content_intent is True


def test_values_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("FACTBOT_ANSWER_CHANNEL_IDS", "111, 222")
    monkeypatch.setenv("FACTBOT_MODERATOR_ROLE_IDS", "[333]")
    monkeypatch.setenv("FACTBOT_LOG_LEVEL", "debug")
    monkeypatch.setenv("FACTBOT_ANSWER_DMS", "false")
    settings = load_settings()
    assert settings.token == TOKEN
    assert settings.answer_channel_ids == (111, 222)
    assert settings.moderator_role_ids == (333,)
    assert settings.log_level == "DEBUG"
    assert settings.answer_dms is False


def test_values_come_from_dotenv(tmp_path):
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nFACTBOT_COOLDOWN_SECONDS=9\n", encoding="utf-8")
    settings = load_settings()
    assert settings.token == TOKEN and settings.cooldown_seconds == 9


def test_bad_channel_id_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("FACTBOT_ANSWER_CHANNEL_IDS", "123,general")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("bad setting: FACTBOT_ANSWER_CHANNEL_IDS")
    assert "\n" not in message and "Traceback" not in message


def test_shard_ids_need_a_count(monkeypatch):
    monkeypatch.setenv("FACTBOT_SHARD_IDS", "0,1")
    with pytest.raises(SettingsError, match="FACTBOT_SHARD_COUNT"):
        load_settings()


def test_token_never_shows_in_repr_or_logs(monkeypatch, caplog):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = load_settings()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("factbot.test").info("settings: %s %r", settings, settings)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)
    assert TOKEN not in caplog.text
    assert TOKEN not in settings.model_dump_json()
