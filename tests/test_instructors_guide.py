"""INSTRUCTORS.md states what each live demonstration shows: the explorers must show exactly that.

Each demonstration is written in the guide as a line of Python (`KnobExplorer(e=7.0)`); here the same
explorer is built, its buttons pressed as the guide says, and every number the guide quotes for it must
appear in the explorer's readout. The answers to the questions for the room are computed the same way.
"""
import ast
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from helpers import by_hand, line_fit, training, widgets as explorers
from helpers.engine import Value

GUIDE = (Path(__file__).resolve().parent.parent / "INSTRUCTORS.md").read_text(encoding="utf-8")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def numbers(text):
    """Every number written in `text`, with either minus sign and without thousands separators."""
    text = text.replace("\u2212", "-")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return set(NUMBER.findall(text))


GUIDE_NUMBERS = numbers(GUIDE)

# (the line in the guide, the buttons pressed or settings moved after building it, the numbers it shows)
DEMONSTRATIONS = [
    ("KnobExplorer()", [], ["2304"]),
    ("KnobExplorer(a=-3.0)", [], ["0", "288"]),
    ('KnobExplorer(nudge="a")', [], ["288"]),
    ("KnobExplorer(e=7.0)", [], ["2688", "384"]),
    ('KnobExplorer(together_with="f")', [], ["960", "1056", "96"]),
    ('KnobExplorer(together_with="f", nudge_size=0.1)', [], ["96", "96.96", "0.96"]),
    ("KnobExplorer(m=0.0)", [], ["576", "192"]),
    ("KnobExplorer()", ["Step backward"] * 5, ["12", "24", "288"]),
    ('KnobExplorer(nudge="a", graph="square")', [], ["18432", "4608", "4896", "288"]),
    ('KnobExplorer(nudge="a", graph="square", nudge_size=0.1)', [], ["460.8", "463.68", "2.88"]),
    ('KnobExplorer(graph="square")', ["Step backward"] * 6, ["96", "24", "12", "192", "4608"]),
    ("BlackBoxTrainer()", ["Step"], ["3.25", "-0.5175"]),
    ("BlackBoxTrainer()", ["Run 100"], ["10", "1000"]),
    ('BlackBoxTrainer(rule="loss", lr=0.01)', ["Step"], ["3.25", "2.05661"]),
    ('BlackBoxTrainer(rule="loss", lr=0.01)', ["Run 100"], ["0.142202"]),
    ('BlackBoxTrainer(rule="loss")', ["Run 100"], ["7"]),
    ("LossSurfaceExplorer()", [{"steps": 100}], ["8.0960", "2.6830"]),
    ("LossSurfaceExplorer(lr=0.09)", [], ["0.0917"]),
    ("LossSurfaceExplorer(lr=0.15)", [{"steps": 10}], ["4"]),
    ("LossSurfaceExplorer(w=12.0, b=-2.0, lr=0.15)", [{"steps": 10}], ["5"]),
    ("NetworkExplorer()", [], ["0.083232", "0.0592067", "-28.87"]),
    ("NetworkExplorer(b1_2=0.1)", [], ["0.32", "0.68", "0.0072", "0.00385134"]),
    ("NetworkExplorer(lr=1.0)", [], ["0.083232", "0.0356763"]),
    ("NetworkExplorer()", ["Step backward"] * 3, ["0.392", "-0.408", "-0.2448", "0.9", "0"]),
    ("NetworkExplorer()", ["Step backward"] * 4, ["0.4", "-0.2448", "0.3", "-0.09792"]),
    ('NetworkExplorer(slice_a="b1_2", slice_b="W2_2")', [], ["0.083232"]),
    ("OptimizerExplorer()", [], ["0.0217", "5.59e-05", "0.00112", "1.74e-05"]),
    ("OptimizerExplorer()", ["Tune"], ["0.447", "0.0708", "0.0355", "0.0282"]),
    ("OptimizerExplorer(mu=0.5)", ["Tune"], ["0.708"]),
    ("OptimizerExplorer(lr=2.0)", [], ["4"]),
    ("OptimizerExplorer(Momentum=False, RMSprop=False, Adam=False)", [{"lr": 0.49}], ["0.000576"]),
    ("OptimizerExplorer(Momentum=False, RMSprop=False, Adam=False)", [{"lr": 0.5}], ["2"]),
    ("OptimizerExplorer(Momentum=False, RMSprop=False, Adam=False)", [{"lr": 0.51}], ["5101.5"]),
    ("LossSurfaceExplorer(lr=0.09)", [{"steps": 100}], ["0.422704"]),
    ("LossSurfaceExplorer()", [{"steps": 100}], ["0.0100563"]),
    ('OptimizerExplorer(surface="saddle", w2_start=0.0)', [], ["0.25"]),
    ('OptimizerExplorer(surface="banana", steps=200)', [], ["0.00489", "0.0451", "7"]),
]


def build(line):
    """The explorer a guide line such as `KnobExplorer(e=7.0)` describes."""
    call = ast.parse(line, mode="eval").body
    settings = {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords}
    preset = {"preset": settings.pop("preset")} if "preset" in settings else {}   # a menu, not a control
    return getattr(explorers, call.func.id)(**preset, **settings)   # as the instructor runs the line


def press(explorer, label):
    found = [w for w in walk(explorer.widget) if isinstance(w, widgets.Button) and w.description == label]
    assert len(found) == 1, f"{type(explorer).__name__} has no single button {label!r}"
    found[0].click()


def picture_texts(explorer):
    """The words and numbers the picture shows now (every visible text of its figure)."""
    from matplotlib.text import Text

    return [t.get_text() for t in explorer.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.mark.parametrize("line, actions, shown", DEMONSTRATIONS, ids=[f"{d[0]}-{d[1]}" for d in DEMONSTRATIONS])
def test_each_demonstration_shows_what_the_guide_says(line, actions, shown):
    assert f"`{line}`" in GUIDE, f"the guide no longer demonstrates {line}"
    explorer = build(line)
    for action in actions:
        explorer.set(**action) if isinstance(action, dict) else press(explorer, action)
    readout = numbers(explorer.text()) | numbers("\n".join(picture_texts(explorer)))
    for number in shown:
        assert number in readout, \
            f"{line} then {actions}: neither the readout nor the picture shows {number}:\n{explorer.text()}"
        assert number in GUIDE_NUMBERS, f"the guide does not quote {number} for {line}"


def test_the_training_demonstrations_reach_what_the_guide_says():
    """Training numbers depend a little on the CPU: the guide says 'about', and so does this test."""
    def accuracies(explorer, epochs):
        explorer.advance(frames=epochs)
        train, test = re.search(r"accuracy ([\d.]+) % / ([\d.]+) %", explorer.text()).groups()
        return float(train), float(test)

    train, test = accuracies(build("TrainingExplorer()"), 50)
    assert abs(train - 91) <= 3 and abs(test - 88) <= 3, (train, test)
    overfit = "TrainingExplorer(n_points=40, noise=0.5, hidden_layers=3, hidden_units=32, batch_size=4)"
    assert f"`{overfit}`" in GUIDE
    train, test = accuracies(build(overfit), 300)
    assert train == 100 and test <= 60, (train, test)
    def preset(name, epochs):
        line = f'TrainingExplorer(preset="{name}")'
        assert f"`{line}`" in GUIDE
        explorer = build(line)
        explorer.advance(frames=epochs)
        return explorer.text()

    dead = re.search(r"dead units per layer: \d+, (\d+) \(of 16 each\)", preset("dead ReLUs", 20)).group(1)
    assert 8 <= int(dead) <= 12, dead
    test_loss = {}
    for name in ("overfit", "overfit, weight decay"):
        text = preset(name, 300)
        test_loss[name] = float(re.search(r"(?:loss|cross-entropy) [\d.]+ / ([\d.]+),", text).group(1))
    assert test_loss["overfit"] > 1.0 and test_loss["overfit, weight decay"] < 0.4, test_loss
    assert "2-1-1" in preset("underfit", 0)
    explorer = build("TrainingExplorer(learning_rate=100.0)")
    explorer.advance(frames=2)
    assert "diverged" in explorer.text()


def test_the_answers_to_the_questions():
    worked = by_hand.worked_example()
    result = by_hand.step(**worked, lr=0.1)
    before, after = result["before"], result["params"]
    answers = {
        "C of the worked example": before["cost"],
        "new W2₁": after["W2"][0],
        "new W1₁₂": after["W1"][0][1],
        "∂C/∂W2₁": before["grads"]["W2"][0],
        "stable rate, MSE": line_fit.stable_rate(),
        "stable rate, MSE/2": line_fit.stable_rate(half=True),
    }
    assert f"{answers['C of the worked example']:.6g}" == "0.083232"
    assert f"{answers['new W2₁']:.6g}" == "0.613056"
    assert f"{answers['new W1₁₂']:.6g}" == "0.202448"
    assert f"{answers['∂C/∂W2₁']:.6g}" == "-0.13056"
    assert [f"{answers['stable rate, MSE']:.3g}", f"{answers['stable rate, MSE/2']:.4g}"] == ["0.0917", "0.1833"]
    assert [round(v, 6) for v in by_hand.z1_transposed(worked["x"], worked["W1"], worked["b1"])] == [0.33, -0.13]
    assert line_fit.steps_to_tolerance(0.5, -0.14, 0.05) == 476
    assert line_fit.steps_to_tolerance(0.5, -0.14, 0.09) == 263
    for sizes, count in (([2, 16, 16, 1], 337), ([784, 128, 64, 10], 109386)):
        assert sum(p.size for p in training.make_network(sizes).params()) == count
    a = Value(3.0)
    (a + a).backward()
    assert a.grad == 2
    for number in ("0.083232", "0.613056", "0.202448", "-0.13056", "0.0917", "0.1833", "0.33", "-0.13",
                   "476", "263", "337", "109386", "2"):
        assert number in GUIDE_NUMBERS, f"the guide does not state {number}"
