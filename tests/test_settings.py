"""Settings: defaults, then the settings file, then KIOSK_* variables; every value says where it came from,
and a bad value is one clear line while the kiosk carries on with the value beneath it."""

import subprocess
import sys

from kiosk import settings


def test_defaults_then_file_then_environment(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("idle_seconds: 90\nfullscreen: false\ndefault_language: en\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path), "KIOSK_IDLE_SECONDS": "60"})
    assert resolved.problems == []
    assert resolved.values["idle_seconds"] == settings.Value(60, "environment KIOSK_IDLE_SECONDS")
    assert resolved.values["fullscreen"] == settings.Value(False, f"settings file {path}")
    assert resolved.values["idle_warning_seconds"] == settings.Value(30, "default")
    assert resolved.as_config()["IDLE_SECONDS"] == 60


def test_a_bad_value_is_one_line_and_the_value_beneath_it_stands(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("idle_seconds: soon\nidle_warning_seconds: 10\nfulscreen: no\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path), "KIOSK_FULLSCREEN": "maybe"})
    assert resolved.values["idle_seconds"].value == 120
    assert resolved.values["idle_warning_seconds"].value == 30
    assert resolved.values["fullscreen"].value is True
    assert sorted(resolved.problems) == sorted([
        f"{path}: idle_seconds: expected a whole number of seconds, got 'soon'; using 120 (default)",
        f"{path}: idle_warning_seconds: expected at least 20 seconds, got 10; using 30 (default)",
        f"{path}: 'fulscreen' is not a known setting; did you mean 'fullscreen'?",
        "KIOSK_FULLSCREEN: fullscreen: expected true or false, got 'maybe'; using True (default)",
    ])


def test_an_unreadable_or_missing_file_falls_back_to_the_defaults(tmp_path):
    broken = tmp_path / "settings.yaml"
    broken.write_text("idle_seconds: [1,\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(broken)})
    assert resolved.values["idle_seconds"].value == 120
    assert len(resolved.problems) == 1 and resolved.problems[0].startswith(f"{broken}:")
    missing = settings.resolve({"KIOSK_SETTINGS": str(tmp_path / "nope.yaml")})
    assert missing.problems == [f"{tmp_path / 'nope.yaml'}: settings file not found; using the defaults"]


def test_folders_in_the_file_are_relative_to_it(tmp_path, content_copy):
    path = tmp_path / "settings.yaml"
    path.write_text("content_dir: content\nlanguages: en, tr\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path)})
    assert resolved.values["content_dir"].value == str(content_copy)
    assert resolved.values["languages"].value == ["en", "tr"]


def test_writing_a_value_keeps_the_other_lines_and_comments(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("# reception kiosk\nidle_seconds: 90\npin_hash: old\n")
    settings.write_value(path, "pin_hash", "new")
    assert path.read_text() == "# reception kiosk\nidle_seconds: 90\npin_hash: new\n"


def test_kiosk_settings_prints_each_value_and_its_origin(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("idle_seconds: 90\nidle_warning_seconds: x\n")
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "settings", "--settings", str(path)],
                            capture_output=True, text=True, env={"KIOSK_FULLSCREEN": "no", "PATH": ""}, check=True)
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert set(lines) == {spec.name for spec in settings.SPECS}
    assert lines["idle_seconds"].split()[1] == "90" and lines["idle_seconds"].endswith(f"settings file {path}")
    assert lines["fullscreen"].split()[1] == "False" and lines["fullscreen"].endswith("environment KIOSK_FULLSCREEN")
    assert lines["pin_hash"].split()[1:3] == ["(not", "set)"]
    assert "(not set: posters carry no QR code)" in lines["public_url"]
    assert result.stderr.strip() == f"{path}: idle_warning_seconds: expected a whole number of seconds, got 'x'; using 30 (default)"


def test_public_url_is_a_web_address_ending_in_a_slash(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("public_url: https://example.org/safeguarding\n")
    resolved = settings.resolve({"KIOSK_SETTINGS": str(path), "KIOSK_PUBLIC_URL": "example.org/cards/"})
    assert resolved.values["public_url"] == settings.Value("https://example.org/safeguarding/", f"settings file {path}")
    assert resolved.problems == ["KIOSK_PUBLIC_URL: public_url: expected a web address such as "
                                 "'https://example.org/safeguarding/', got 'example.org/cards/'; using "
                                 "'https://example.org/safeguarding/' (settings file " + str(path) + ")"]
