"""Settings from the environment and .env."""

from bot.settings import DEFAULT_DATABASE_URL, load_settings


def test_defaults_need_no_configuration(tmp_path):
    settings = load_settings({}, tmp_path / "none.env")
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///neighbourly.db"
    assert settings.hub_name == "Neighbourly"


def test_dotenv_is_read_and_the_environment_wins(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("NEIGHBOURLY_HUB_NAME=Grays Hub\nNEIGHBOURLY_DATABASE_URL=sqlite:///x.db\n")
    settings = load_settings({"NEIGHBOURLY_HUB_NAME": "Thurrock Hub"}, dotenv)
    assert settings.hub_name == "Thurrock Hub"
    assert settings.database_url == "sqlite:///x.db"


def test_the_webhook_body_limit_is_read_and_cannot_be_too_small(tmp_path):
    import pytest

    from bot.settings import SettingsError

    assert load_settings({}, tmp_path / "none.env").max_webhook_bytes == 65536
    settings = load_settings({"NEIGHBOURLY_MAX_WEBHOOK_BYTES": "131072"}, tmp_path / "none.env")
    assert settings.max_webhook_bytes == 131072
    with pytest.raises(SettingsError, match="at least 16384"):
        load_settings({"NEIGHBOURLY_MAX_WEBHOOK_BYTES": "100"}, tmp_path / "none.env")
