"""benchmarks/out_of_fold.py: the reader's rules scored on stored out-of-fold chances, as
they are and with a setting changed. (Training the folds is the script's own slow job: here
the chances are given, and training would fail the test.)"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bot.understanding import corpus, model, reader
from bot.understanding.corpus import Example
from bot.understanding.text import clean

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "out_of_fold.py"
spec = importlib.util.spec_from_file_location("out_of_fold", SCRIPT)
out_of_fold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(out_of_fold)

EXAMPLES = [
    Example("can someone get my shopping tomorrow, RM17 6SL", ("shopping",), "RM17 6SL", None,
            False),
    Example("my dog needs walking please, I'm Lydia", ("dog_walking",), None, "Lydia", False),
    Example("thanks, that's all for now", (), None, None, False),
    Example("could somebody collect my prescription from Boots on Friday morning",
            ("prescription",), None, None, False),
    Example("I would love a friendly phone call now and then, I'm on my own", ("befriending",),
            None, None, False),
]


def test_folds_are_fixed_by_the_text():
    folds = {out_of_fold.fold_of(e.text, 5) for e in EXAMPLES}
    assert folds <= set(range(5))
    assert [out_of_fold.fold_of(e.text, 5) for e in EXAMPLES] == \
        [out_of_fold.fold_of(e.text, 5) for e in EXAMPLES]


def test_stored_chances_are_scored_as_they_are_and_with_each_setting(
        tmp_path, monkeypatch, capsys):
    shared = model.shared_model()
    chances = {clean(e.text): shared.predict(clean(e.text)) for e in EXAMPLES}
    monkeypatch.setattr(corpus, "shipped_examples", lambda: EXAMPLES)
    monkeypatch.setattr(model, "train", lambda *_: pytest.fail("the chances were stored"))
    stored = tmp_path / f"out-of-fold-5-{model.cache_path().stem}.pickle"
    stored.write_bytes(__import__("pickle").dumps(chances))
    threshold = reader.DANGER_THRESHOLD
    monkeypatch.setattr("sys.argv", ["out_of_fold.py", "--chances", str(tmp_path),
                                     "--set", "DANGER_THRESHOLD=0"])
    assert out_of_fold.main() == 0
    report = json.loads(capsys.readouterr().out)
    assert report["messages"] == sum(not e.held_out for e in EXAMPLES)
    assert report["as_they_are"]["false_alarm_rate"] == 0.0
    assert report["DANGER_THRESHOLD=0.0"]["false_alarm_rate"] > 0.0  # every long one flagged
    assert reader.DANGER_THRESHOLD == threshold  # put back, and the trained model too
    assert reader.shared_model is model.shared_model


def test_a_setting_the_reader_does_not_have_is_refused():
    with pytest.raises(Exception):
        out_of_fold.parse_setting("NO_SUCH_SETTING=1")
