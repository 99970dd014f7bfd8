"""Settings are read once at the edge: given values first, then the environment."""

from __future__ import annotations

import pytest

from summarizer.backend import CAPABILITIES, choose_backend
from summarizer.settings import ENVIRONMENT, Settings


def test_given_values_win_over_the_environment_and_empty_ones_do_not() -> None:
    env = {"SUMMARIZER_MODEL": "from-env", "OPENAI_BASE_URL": "http://env:1/v1"}
    settings = Settings.from_env(env, model="given", base_url="")
    assert settings.model == "given"
    assert settings.base_url == "http://env:1/v1"
    assert settings.api_key is None


def test_every_setting_has_its_environment_variable() -> None:
    env = {variable: f"value of {name}" for name, variable in ENVIRONMENT.items()}
    settings = Settings.from_env(env)
    assert {name: getattr(settings, name) for name in ENVIRONMENT} == {
        name: f"value of {name}" for name in ENVIRONMENT
    }


def test_the_api_key_is_not_in_the_repr() -> None:
    assert "sk-secret-1" not in repr(Settings(api_key="sk-secret-1"))


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(TypeError, match="colour"):
        Settings.from_env({}, colour="red")
    with pytest.raises(TypeError, match="colour"):
        Settings().with_values(colour="red")


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        (Settings(base_url="http://localhost:8000/v1"), "endpoint"),
        (Settings(api_key="sk-test-12345"), "endpoint"),
        (Settings(), "local"),
    ],
)
def test_the_backend_follows_the_settings_and_declares_its_capabilities(
    settings: Settings, kind: str
) -> None:
    choice = choose_backend(settings)
    assert choice.kind == kind
    assert choice.capabilities == CAPABILITIES[choice.kind]
    assert choice.capabilities.short_requests is (kind == "local")
