"""Settings from the environment and .env."""

import pickle

import pytest
from pydantic import ValidationError

from bot.settings import (
    DEFAULT_DATABASE_URL,
    ENVIRONMENT_VARIABLES,
    Settings,
    SettingsError,
    load_settings,
)


def test_defaults_need_no_configuration(tmp_path):
    settings = load_settings({}, tmp_path / "none.env")
    assert settings.database_url.get_secret_value() == DEFAULT_DATABASE_URL
    assert DEFAULT_DATABASE_URL == "sqlite:///neighbourly.db"
    assert settings.hub_name == "Neighbourly"


def test_dotenv_is_read_and_the_environment_wins(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("NEIGHBOURLY_HUB_NAME=Grays Hub\nNEIGHBOURLY_DATABASE_URL=sqlite:///x.db\n")
    settings = load_settings({"NEIGHBOURLY_HUB_NAME": "Thurrock Hub"}, dotenv)
    assert settings.hub_name == "Thurrock Hub"
    assert settings.database_url.get_secret_value() == "sqlite:///x.db"


def test_the_webhook_body_limit_is_read_and_cannot_be_too_small(tmp_path):
    assert load_settings({}, tmp_path / "none.env").max_webhook_bytes == 65536
    settings = load_settings({"NEIGHBOURLY_MAX_WEBHOOK_BYTES": "131072"}, tmp_path / "none.env")
    assert settings.max_webhook_bytes == 131072
    with pytest.raises(SettingsError, match="at least 16384"):
        load_settings({"NEIGHBOURLY_MAX_WEBHOOK_BYTES": "100"}, tmp_path / "none.env")


def test_settings_built_in_code_ignore_the_environment(monkeypatch):
    # A developer's exported token must not switch a test's SMS on.
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "from-the-shell")
    monkeypatch.setenv("NEIGHBOURLY_PORT", "9999")
    settings = Settings()
    assert settings.twilio_auth_token.get_secret_value() == ""
    assert settings.port == 8080


def test_text_from_the_environment_is_read_by_each_fields_type(tmp_path):
    settings = load_settings({"NEIGHBOURLY_PORT": "9000", "TWILIO_VOICE_ENABLED": "yes",
                              "NEIGHBOURLY_MONTHLY_THANKS": "off",
                              "TWILIO_MESSAGES_PER_SECOND": "0.5",
                              "NEIGHBOURLY_HUB_NAME": ""}, tmp_path / "none.env")
    assert settings.port == 9000
    assert settings.twilio_voice_enabled is True
    assert settings.monthly_thanks is False
    assert settings.twilio_messages_per_second == 0.5
    assert settings.hub_name == "Neighbourly"  # empty: the default stays


def test_variables_are_read_by_their_exact_names_only(tmp_path):
    settings = load_settings({"neighbourly_port": "9000", "NEIGHBOURLY_NOT_A_SETTING": "1",
                              "port": "9001"}, tmp_path / "none.env")
    assert settings.port == 8080


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("NEIGHBOURLY_PORT", "eighty", "NEIGHBOURLY_PORT must be a whole number, not 'eighty'"),
    ("NEIGHBOURLY_WORKERS", "1.5", "NEIGHBOURLY_WORKERS must be a whole number, not '1.5'"),
    ("TWILIO_VOICE_ENABLED", "maybe", "TWILIO_VOICE_ENABLED must be true or false, not 'maybe'"),
    ("TELEGRAM_MESSAGES_PER_SECOND", "fast",
     "TELEGRAM_MESSAGES_PER_SECOND must be a number, such as 1 or 0.5, not 'fast'"),
    ("NEIGHBOURLY_BACKLOG_THRESHOLD", "0",
     "NEIGHBOURLY_BACKLOG_THRESHOLD must be at least 1 request, not '0'"),
    ("TELEGRAM_MESSAGES_PER_SECOND", "0",
     "TELEGRAM_MESSAGES_PER_SECOND must be more than 0 messages a second, not '0'"),
    ("NEIGHBOURLY_STANDING_LEAD_DAYS", "15",
     "NEIGHBOURLY_STANDING_LEAD_DAYS must be at most 14 days ahead, not '15'"),
    ("NEIGHBOURLY_TIMEZONE", "Mars/Base",
     "NEIGHBOURLY_TIMEZONE: unknown time zone 'Mars/Base', e.g. Europe/London"),
    ("NEIGHBOURLY_MATCH_WEIGHTS", "speed=1",
     ("NEIGHBOURLY_MATCH_WEIGHTS: unknown match weight 'speed': use distance, experience, age, "
      "continuity, fairness")),
    ("NEIGHBOURLY_REQUIRED_CHECKS", "shopping=passport",
     ("NEIGHBOURLY_REQUIRED_CHECKS: unknown check 'passport': use id, dbs_enhanced, "
      "befriending_training")),
])
def test_a_bad_value_is_named_with_what_it_must_be(tmp_path, variable, value, says):
    with pytest.raises(SettingsError) as raised:
        load_settings({variable: value}, tmp_path / "none.env")
    assert str(raised.value) == says


def test_a_bad_value_in_code_names_the_variable_too():
    with pytest.raises(SettingsError, match="^NEIGHBOURLY_WORKERS must be at least 1 server process"):
        Settings(workers=0)
    with pytest.raises(SettingsError, match="'wrokers' is no setting"):
        Settings(wrokers=2)


def test_a_secret_that_is_not_text_is_refused_without_showing_it():
    with pytest.raises(SettingsError) as raised:
        Settings(twilio_auth_token=12345678)
    assert "TWILIO_AUTH_TOKEN must be text" in str(raised.value)
    assert "12345678" not in str(raised.value)


SECRETS = {"TWILIO_AUTH_TOKEN": "twilio-token-1234", "TELEGRAM_BOT_TOKEN": "123:telegram-abc",
           "TELEGRAM_WEBHOOK_SECRET": "webhook-secret-5678",
           "NEIGHBOURLY_SECRET_KEY": "dashboard-key-9012",
           "NEIGHBOURLY_DATABASE_URL": "postgresql+psycopg://hub:db-password-3456@db/hub"}


def test_no_secret_shows_in_repr_or_str_and_each_is_there_when_asked(tmp_path):
    settings = load_settings(SECRETS, tmp_path / "none.env")
    shown = repr(settings) + str(settings) + f"{settings}" + repr(settings.model_dump())
    for variable, secret in SECRETS.items():
        assert secret not in shown
        assert "db-password" not in shown
        value = getattr(settings, ENVIRONMENT_VARIABLES[variable])
        assert value.get_secret_value() == secret


def test_with_changes_copies_checks_again_and_leaves_the_original(tmp_path):
    settings = load_settings(SECRETS, tmp_path / "none.env")
    changed = settings.with_changes(port=9000, public_url="https://hub.example.org")
    assert (changed.port, settings.port) == (9000, 8080)
    assert changed.twilio_auth_token == settings.twilio_auth_token  # secrets carried over
    with pytest.raises(SettingsError, match="NEIGHBOURLY_OFFERS_PER_ROUND must be at least 1"):
        settings.with_changes(offers_per_round=0)
    with pytest.raises(ValidationError):
        settings.port = 1  # settings are fixed once made: the hub shares one copy


def test_settings_cross_to_a_worker_process_whole():
    # `serve --workers` hands each worker process its settings by pickling them.
    settings = Settings(twilio_auth_token="t0ken", workers=3)
    assert pickle.loads(pickle.dumps(settings)) == settings
