"""helpers.draw.graph: layout by depth, '—' before backward, in-place updates."""
import pytest

from helpers.draw.graph import GraphDrawing, draw_graph, graph_layout
from helpers.engine import Value


def knobs(a=5.0):
    a, b, e, f, m, p = (Value(v, n) for v, n in zip([a, 3, 6, 4, 4, 3], "abefmp"))
    c, d, k = a + b, e * f, m * p
    g = c * d
    r = k * g
    for node, name in ((c, "c"), (d, "d"), (g, "g"), (k, "k"), (r, "r")):
        node.name = name
    return r


def label_texts(drawing):
    return {node.name: label.get_text() for node, label in drawing.labels.items()}


def test_every_node_sits_right_of_its_parents_and_its_op_between():
    r = knobs()
    value_pos, op_pos = graph_layout(r)
    for node in r.topological_order():
        for parent in node.parents:
            assert value_pos[parent][0] < op_pos[node][0] < value_pos[node][0]
    assert value_pos[r][0] == max(x for x, _ in value_pos.values())


def test_nodes_of_a_column_keep_apart_and_pairs_of_inputs_sit_beside_their_result():
    r = knobs()
    value_pos, _ = graph_layout(r)
    by_column = {}
    for x, y in value_pos.values():
        by_column.setdefault(x, []).append(y)
    for ys in by_column.values():
        ys.sort()
        assert all(b - a >= 1 - 1e-9 for a, b in zip(ys, ys[1:]))
    y = {node.name: pos[1] for node, pos in value_pos.items()}
    # Each sum or product of two inputs sits halfway between them, so its arrows do not cross others.
    for result, (one, two) in {"c": "ab", "d": "ef", "k": "mp"}.items():
        assert y[result] == pytest.approx((y[one] + y[two]) / 2)
        assert abs(y[one] - y[two]) == pytest.approx(1.0)
    # The six inputs are centred on the three results they feed, not pushed all to one side.
    assert sum(y[n] for n in "abefmp") / 6 == pytest.approx(sum(y[n] for n in "cdk") / 3)


def test_gradients_show_a_dash_before_backward_and_numbers_after():
    r = knobs()
    drawing = GraphDrawing(r)
    assert all("grad —" in text for text in label_texts(drawing).values())
    r.backward()
    drawing.update(r)
    texts = label_texts(drawing)
    assert "value 2304" in texts["r"] and "grad 1" in texts["r"]
    assert "grad 288" in texts["a"] and "grad 768" in texts["p"]


def test_update_shows_a_new_graph_of_the_same_shape():
    drawing = GraphDrawing(knobs())
    r = knobs(a=6.0)
    r.backward()
    drawing.update(r)
    assert "value 2592" in label_texts(drawing)["r"]
    png = drawing.png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_update_refuses_a_graph_of_another_shape():
    drawing = GraphDrawing(knobs())
    with pytest.raises(ValueError, match="same shape"):
        drawing.update(Value(1.0) + Value(2.0))


def test_a_forty_node_graph_fits_inside_the_axes():
    xs = [Value(0.1 * i, f"x{i}") for i in range(10)]
    total = sum((x * x).tanh() for x in xs)  # 10 inputs, 30 intermediate nodes and the sum's starting 0: 41 nodes
    total.backward()
    drawing = draw_graph(total)
    assert len(drawing.nodes) == 41
    x0, x1 = drawing.ax.get_xlim()
    y0, y1 = drawing.ax.get_ylim()
    for x, y in drawing.value_pos.values():
        assert x0 < x < x1 and y0 < y < y1
    assert drawing.png()[:4] == b"\x89PNG"


def test_drawing_something_that_is_not_a_value_is_a_clear_error():
    with pytest.raises(TypeError, match="Value"):
        draw_graph(3.0)


# ---- nodes of another engine (duck typing), e.g. the TinyValue a learner writes in notebook 03 ----

class Node:
    """A minimal foreign node: data, grad, parents, op, name, and nothing else (no topological_order)."""

    def __init__(self, data, parents=(), op="", name=""):
        self.data, self.grad, self.parents, self.op, self.name = float(data), 0.0, tuple(parents), op, name


class MicroNode:
    """micrograd's attribute names: _prev (a set), _op and label."""

    def __init__(self, data, prev=(), op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = float(data), 0.0, set(prev), op, label


def test_a_foreign_graph_is_drawn_like_the_same_value_graph():
    a, b = Node(5, name="a"), Node(3, name="b")
    c = Node(8, (a, b), "+", "c")
    g = Node(16, (c, c), "×", "g")  # c used twice: listed and drawn once
    g.grad, c.grad, a.grad, b.grad = 1.0, 32.0, 32.0, 32.0
    drawing = draw_graph(g, title="foreign")
    texts = {name: text for name, text in ((n.name, lbl.get_text()) for n, lbl in drawing.labels.items())}
    assert sorted(texts) == ["a", "b", "c", "g"]
    assert "value 16" in texts["g"] and "grad 32" in texts["a"] and "value 8" in texts["c"]
    va, vb = Value(5, "a"), Value(3, "b")
    vc = va + vb
    vg = vc * vc
    value_pos, _ = graph_layout(vg)
    foreign_pos, _ = graph_layout(g)
    assert sorted(x for x, _ in foreign_pos.values()) == sorted(x for x, _ in value_pos.values())
    assert drawing.png()[:4] == b"\x89PNG"


def test_a_foreign_graph_shows_a_dash_before_backward_and_updates_in_place():
    a = Node(2, name="a")
    y = Node(6, (a,), "×3", "y")
    drawing = draw_graph(y)
    assert all("grad —" in lbl.get_text() for lbl in drawing.labels.values())
    y.grad, a.grad = 1.0, 3.0
    drawing.update(y)
    assert any("grad 3" in lbl.get_text() for lbl in drawing.labels.values())


def test_micrograd_attribute_names_are_read_too():
    x = MicroNode(2, label="x")
    y = MicroNode(4, (x,), "**2", "y")
    drawing = draw_graph(y)
    assert len(drawing.nodes) == 2 and drawing.nodes[-1].op == "**2" and drawing.nodes[0].name == "x"


def test_a_foreign_node_with_a_plain_number_as_parent_is_a_clear_error():
    bad = Node(5, (Node(2), 3.0), "+")
    with pytest.raises(TypeError, match="a parent is 3.0, a float"):
        draw_graph(bad)
    with pytest.raises(TypeError, match="`data`, a number `grad` and `parents`.*got object"):
        draw_graph(object())


# ---- a backward pass part-way through: local derivatives, dashes, bold edges ----

def test_local_derivatives_sit_on_the_edges_into_each_op():
    drawing = GraphDrawing(knobs(), local_derivatives=True)
    names = [node.name for node in drawing.nodes]
    shown = {(names[i], names[j]): text.get_text() for (i, j), text in drawing.edge_labels.items()}
    assert shown[("c", "g")] == "24" and shown[("d", "g")] == "8" and shown[("a", "c")] == "1"
    assert len(shown) == 10  # two inputs per op, five ops
    assert not GraphDrawing(knobs()).edge_labels  # off unless asked for


def test_hidden_gradients_show_a_dash_and_highlighted_edges_turn_visible():
    r = knobs()
    r.backward()
    drawing = GraphDrawing(r, local_derivatives=True)
    drawing.update(r, hidden={"a", "b"}, highlight={("c", "g")})
    texts = label_texts(drawing)
    assert texts["a"].endswith("grad —") and texts["c"].endswith("grad 288")
    names = [node.name for node in drawing.nodes]
    bold = {(names[i], names[j]) for (i, j), arrows in drawing.highlights.items() if all(a.get_visible() for a in arrows)}
    assert bold == {("c", "g")}


def test_remembered_text_paints_exactly_the_same_pixels():
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.draw.text_cache import remember_text

    def paint(cached, words):
        figure = Figure(figsize=(3, 1), dpi=80)
        canvas = FigureCanvasAgg(figure)
        text = figure.text(0.1, 0.5, "", fontsize=11)
        if cached:
            remember_text(canvas.get_renderer())
        frames = []
        for word in words:
            text.set_text(word)
            canvas.draw()
            frames.append(np.asarray(canvas.buffer_rgba()).copy())
        return frames, canvas.get_renderer()

    words = ["grad 288", "grad −0.5\nvalue 3", "grad 288"]  # the third replays the first
    plain, _ = paint(False, words)
    cached, renderer = paint(True, words)
    assert all((a == b).all() for a, b in zip(plain, cached))
    assert not (plain[0] == plain[1]).all()
    assert renderer is remember_text(renderer)  # wrapping twice changes nothing


def test_compact_boxes_hold_name_and_value_then_gradient_in_two_lines():
    r = knobs()
    compact, full = GraphDrawing(r, compact=True), GraphDrawing(r)
    assert label_texts(compact)["g"] == "g = 192\ngrad —"
    assert label_texts(full)["g"] == "\nvalue 192\ngrad —"  # the static pictures keep name, value and grad lines
    r.backward()
    compact.update(r)
    assert label_texts(compact)["a"] == "a = 5\ngrad 288" and label_texts(compact)["r"] == "r = 2304\ngrad 1"


def test_every_explorer_frame_replays_remembered_text_after_its_pixel_ratio_is_set():
    """Explorers set their figure's dpi after building it, which gives the canvas a new renderer: a text memory
    attached before that was lost (KnobExplorer's events cost 3× more). BlitFrames attaches it at paint time."""
    from helpers.widgets import ALL

    for cls in ALL:
        explorer = cls()
        frames = getattr(explorer, "frames", None) or explorer.drawing.frames
        explorer.refresh()
        assert getattr(frames.canvas.get_renderer(), "_remembers_text", False), cls.__name__
        explorer.close()


def test_frames_are_png_files_holding_exactly_the_canvas_pixels():
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.draw.frames import figure_to_png

    figure = Figure(figsize=(2, 1.5), dpi=50)
    ax = figure.add_subplot()
    ax.plot([0, 1, 2], [2, 0, 1], color="#0072B2")
    ax.set_title("a − b")
    canvas = FigureCanvasAgg(figure)
    png = figure_to_png(figure)   # draws on that canvas
    decoded = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert decoded.shape == (75, 100, 3)
    assert np.array_equal(decoded, np.asarray(canvas.buffer_rgba())[:, :, :3])
