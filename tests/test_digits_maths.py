"""Notebook 09's maths: the digits loader, softmax and cross-entropy, training, the input gradient, pen strokes."""
import hashlib

import numpy as np
import pytest

from helpers import digits, nn
from helpers.data import DIGITS_FILE, load_digits, read_digits_file
from helpers.gradcheck import numeric_gradient, relative_error


# ---- the data ----

def test_the_split_is_4000_and_1000_with_100_test_digits_of_each_class():
    X_train, X_test, y_train, y_test = load_digits()
    assert X_train.shape == (4000, 784) and X_test.shape == (1000, 784)
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert np.bincount(y_test, minlength=10).tolist() == [100] * 10
    assert np.bincount(y_train, minlength=10).tolist() == [400] * 10
    assert X_train.dtype == np.float64 and 0.0 == X_train.min() and X_train.max() == 1.0


def test_train_and_test_together_are_exactly_the_stored_digits():
    images, labels = read_digits_file()
    X_train, X_test, y_train, y_test = load_digits()
    stored = sorted(hashlib.sha1(row.tobytes() + bytes([label])).hexdigest() for row, label in zip(images, labels))
    both = np.vstack([X_train, X_test])
    rows = np.rint(both * 255).astype(np.uint8)
    split = sorted(hashlib.sha1(row.tobytes() + bytes([int(label)])).hexdigest()
                   for row, label in zip(rows, np.concatenate([y_train, y_test])))
    assert split == stored, "the split loses, duplicates or changes digits"


def test_the_split_is_seeded():
    first, again, other = load_digits(seed=0), load_digits(seed=0), load_digits(seed=1)
    for a, b in zip(first, again):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[3], other[3])


@pytest.mark.parametrize("seed", [-1, 1.5, "0", True])
def test_a_bad_seed_is_refused(seed):
    with pytest.raises(ValueError, match="seed must be a whole number"):
        load_digits(seed=seed)


def test_a_missing_file_says_where_and_what_to_do(tmp_path):
    missing = tmp_path / "mnist_5k.npz"
    with pytest.raises(FileNotFoundError) as error:
        load_digits(path=missing)
    assert str(missing) in str(error.value) and "git checkout" in str(error.value) and "README" in str(error.value)


def test_a_file_that_is_not_an_npz_is_reported_as_unreadable(tmp_path):
    broken = tmp_path / "mnist_5k.npz"
    broken.write_bytes(DIGITS_FILE.read_bytes()[:5000])   # cut short, as by a broken download or checkout
    with pytest.raises(ValueError, match="cannot be read") as error:
        load_digits(path=broken)
    assert str(broken) in str(error.value)


def test_changed_digits_are_caught_by_the_checksum(tmp_path):
    images, labels = read_digits_file()
    images = images.copy()
    images[0, 300] ^= 1   # one grey level of one pixel
    changed = tmp_path / "mnist_5k.npz"
    np.savez_compressed(changed, images=images, labels=labels)
    with pytest.raises(ValueError, match="damaged"):
        load_digits(path=changed)


def test_arrays_of_the_wrong_shape_are_named(tmp_path):
    wrong = tmp_path / "mnist_5k.npz"
    np.savez_compressed(wrong, images=np.zeros((10, 784), np.uint8), labels=np.zeros(10, np.uint8))
    with pytest.raises(ValueError, match=r"holds images \(10, 784\)"):
        load_digits(path=wrong)


def test_the_committed_file_is_where_the_loader_looks():
    assert DIGITS_FILE.is_file() and DIGITS_FILE.parent.name == "data"
    assert DIGITS_FILE.stat().st_size < 2_000_000, "the data file should stay small (compressed)"


# ---- softmax and cross-entropy ----

def test_softmax_gives_probabilities_unchanged_by_a_shift_and_never_overflows():
    z = np.array([[2.0, 1.0, 0.1], [1000.0, 0.0, -1000.0]])
    p = digits.softmax(z)
    assert np.allclose(p.sum(axis=1), 1.0) and (p >= 0).all()
    assert np.allclose(p[0], [0.6590011, 0.2424329, 0.0985659], atol=1e-7)
    assert np.allclose(digits.softmax(z[:1] + 500.0), p[:1])
    assert np.isfinite(p).all() and p[1, 0] == 1.0


def test_cross_entropy_is_minus_the_log_of_the_right_probability_even_when_it_underflows():
    z = np.array([2.0, 1.0, 0.1])
    assert digits.cross_entropy(z, [0]) == pytest.approx(-np.log(digits.softmax(z)[0, 0]))
    assert digits.cross_entropy([0.0, -800.0], [1]) == pytest.approx(800.0)


def test_the_backward_pass_matches_central_differences_and_the_library_loss():
    rng = np.random.default_rng(3)
    Z = rng.normal(0, 3, size=(5, 10))
    labels = np.array([0, 9, 3, 3, 7])
    analytic = digits.softmax_cross_entropy_backward(Z, labels)
    numeric = numeric_gradient(lambda: digits.cross_entropy(Z, labels), [Z])[0]
    assert np.abs(analytic - numeric).max() < 1e-8
    sizeable = np.abs(analytic) > 1e-3      # where the gradient is not tiny, also relatively close
    assert relative_error(analytic[sizeable], numeric[sizeable]).max() < 1e-6
    loss = nn.SoftmaxCrossEntropy()
    assert loss.forward(Z, labels) == pytest.approx(digits.cross_entropy(Z, labels))
    assert np.allclose(loss.backward(), analytic)
    assert np.allclose(analytic.sum(axis=1), 0.0), "each row of ŷ − y adds up to 0"


@pytest.mark.parametrize("labels", [[3], [0, 1], [-1], [0.5]])
def test_labels_that_do_not_fit_the_scores_are_refused(labels):
    with pytest.raises(ValueError, match="labels must be"):
        digits.cross_entropy(np.zeros((1, 3)), labels)


def test_scores_with_nan_are_refused():
    with pytest.raises(ValueError, match="finite"):
        digits.softmax([[0.0, np.nan]])


# ---- training ----

def test_the_trained_network_reads_at_least_94_percent_of_the_test_digits():
    X_train, X_test, y_train, y_test = load_digits()
    net = digits.trained_network()
    assert digits.trained_network() is net, "trained once per process, then reused"
    assert digits.accuracy(net, X_test, y_test) >= 0.94
    assert digits.accuracy(net, X_train[:1000], y_train[:1000]) > 0.99


def test_training_is_deterministic_and_reports_every_epoch():
    X_train, X_test, y_train, y_test = load_digits()
    seen = []
    runs = []
    for _ in range(2):
        net = digits.make_digit_network(seed=0)
        history = digits.train_digits(net, X_train[:500], y_train[:500], X_test[:200], y_test[:200], epochs=2,
                                      on_epoch=lambda *row: seen.append(row))
        runs.append((net, history))
    assert seen[:2] == list(zip(runs[0][1]["epoch"], runs[0][1]["train_loss"], runs[0][1]["val_accuracy"]))
    assert runs[0][1] == runs[1][1]
    for a, b in zip(runs[0][0].params(), runs[1][0].params()):
        assert np.array_equal(a, b)
    assert runs[0][1]["train_loss"][1] < runs[0][1]["train_loss"][0]


def test_the_validation_split_is_seeded_disjoint_and_keeps_every_image():
    X_train, _, y_train, _ = load_digits()
    X_fit, X_val, y_fit, y_val = digits.split_validation(X_train, y_train)
    assert X_fit.shape == (3500, 784) and X_val.shape == (500, 784) and len(y_fit) == 3500 and len(y_val) == 500
    again = digits.split_validation(X_train, y_train)
    assert np.array_equal(again[1], X_val) and np.array_equal(again[3], y_val)
    together = np.vstack([X_fit, X_val])
    assert sorted(map(bytes, together)) == sorted(map(bytes, X_train))
    assert np.bincount(np.concatenate([y_fit, y_val])).tolist() == np.bincount(y_train).tolist()
    assert not np.array_equal(digits.split_validation(X_train, y_train, seed=1)[3], y_val)


@pytest.mark.parametrize("size", [0, 4000, 2.5, "500"])
def test_a_validation_size_out_of_range_is_refused(size):
    X_train, _, y_train, _ = load_digits()
    with pytest.raises(ValueError, match="whole number of images"):
        digits.split_validation(X_train, y_train, size=size)


def test_never_inked_marks_exactly_the_pixels_that_are_zero_everywhere():
    X = np.zeros((3, 784))
    X[0, 5] = 0.2
    X[2, 700] = 1.0
    mask = digits.never_inked(X)
    assert mask.sum() == 782 and not mask[5] and not mask[700]


def test_one_blas_thread_restores_the_thread_count():
    threads = digits._openblas_threads()
    if threads is None:
        pytest.skip("NumPy here has no OpenBLAS: one_blas_thread does nothing")
    before = threads[1]()
    with digits.one_blas_thread():
        assert threads[1]() == 1
    assert threads[1]() == before


def test_confusion_matrix_and_most_confident_mistakes():
    labels = np.array([0, 0, 1, 1, 2])
    probabilities = np.array([[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.6, 0.4, 0.0], [0.3, 0.1, 0.6]])
    counts = digits.confusion_matrix(labels, probabilities.argmax(axis=1), classes=3)
    assert counts.tolist() == [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    assert digits.most_confident_mistakes(probabilities, labels, n=5).tolist() == [1, 3]


# ---- backprop to the pixels ----

def test_the_input_gradient_matches_central_differences():
    net = digits.trained_network()
    _, X_test, _, _ = load_digits()
    image = X_test[8].copy()
    _, gradient = digits.input_gradient(net, image, [3])
    pixels = np.random.default_rng(0).choice(784, size=25, replace=False)
    h = 1e-5
    for pixel in pixels:
        up, down = image.copy(), image.copy()
        up[pixel] += h
        down[pixel] -= h
        numeric = (net.forward(up[None])[0, 3] - net.forward(down[None])[0, 3]) / (2 * h)
        assert abs(numeric - gradient[0, pixel]) <= 1e-6 * max(1.0, abs(numeric)), f"pixel {pixel}"


def test_the_input_gradient_leaves_the_parameter_gradients_alone():
    net = digits.make_digit_network(seed=1)
    before = [g.copy() for g in net.grads()]
    digits.input_gradient(net, np.full(784, 0.5), [2])
    assert all(np.array_equal(a, b) for a, b in zip(before, net.grads()))


def test_a_small_nudge_changes_the_score_as_the_gradient_predicts():
    _, X_test, _, _ = load_digits()
    net = digits.trained_network()
    moved = digits.nudge(net, X_test[8], 3, 0.01)
    _, gradient = digits.input_gradient(net, X_test[8], [3])
    assert moved["predicted_change"] == pytest.approx(float(gradient[0] @ (moved["image"] - X_test[8])))
    assert moved["actual_change"] == pytest.approx(moved["predicted_change"], rel=0.1)
    assert moved["score_after"] > moved["score_before"]
    assert 0 < moved["distance_moved"] <= 0.01 + 1e-12


def test_a_nudge_keeps_the_image_between_paper_and_ink():
    _, X_test, _, _ = load_digits()
    net = digits.trained_network()
    moved = digits.nudge(net, X_test[8], 3, 3.0)
    assert moved["image"].min() >= 0.0 and moved["image"].max() <= 1.0
    assert moved["distance_moved"] <= 3.0
    probabilities = digits.predict_proba(net, moved["image"])[0]
    assert np.allclose(probabilities, moved["probabilities_after"]), "the probabilities are those of the image returned"
    unclipped = X_test[8] + 3.0 * gradient_direction(net, X_test[8], 3)
    assert unclipped.min() < 0 or unclipped.max() > 1, "without clipping, this step would leave [0, 1]"


def gradient_direction(net, image, k):
    g = digits.input_gradient(net, image, [k])[1][0]
    return g / np.linalg.norm(g)


@pytest.mark.parametrize("distance, step", [(-1.0, 0.05), (float("nan"), 0.05), (1.0, 0.0), ("2", 0.05)])
def test_a_nudge_with_a_bad_distance_or_step_says_what_is_allowed(distance, step):
    _, X_test, _, _ = load_digits()
    with pytest.raises(ValueError, match="distance|step"):
        digits.nudge(digits.make_digit_network(), X_test[0], 3, distance, step=step)


def test_a_nudge_with_no_gradient_says_why():
    net = digits.make_digit_network()
    for layer in net:
        if isinstance(layer, nn.Linear):
            layer.W[:] = 0.0
    with pytest.raises(ValueError, match="gradient 0"):
        digits.nudge(net, np.zeros(784), 3, 1.0)


# ---- pen strokes ----

def test_a_stroke_inks_its_path_and_fades_at_its_edge():
    canvas = digits.stroke(np.zeros((28, 28)), [(5, 5), (20, 5)])
    assert canvas[5, 5] == canvas[5, 12] == canvas[5, 20] == 1.0
    assert 0 < canvas[6, 12] < 1 and canvas[8, 12] == 0.0
    assert canvas.max() <= 1.0 and canvas.min() >= 0.0


def test_an_eraser_removes_ink_and_a_stroke_off_the_canvas_leaves_none():
    inked = digits.stroke(np.zeros((28, 28)), [(5, 5), (20, 20)])
    erased = digits.stroke(inked, [(5, 5), (20, 20)], erase=True)
    assert erased.sum() == 0.0
    assert digits.stroke(np.zeros((28, 28)), [(-50, -50), (-40, 100)]).sum() == 0.0


@pytest.mark.parametrize("points", [[(np.nan, 3.0)], [(1.0, np.inf)]])
def test_a_stroke_through_a_non_finite_point_is_refused(points):
    with pytest.raises(ValueError, match="finite"):
        digits.stroke(np.zeros((28, 28)), points)


# ---- weight images ----

def test_hidden_pixels_are_drawn_grey_and_left_out_of_each_tiles_scale():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from helpers.draw.digits import HIDDEN_GREY, draw_weight_images

    W = np.zeros((2, 784))
    W[:, 0] = 100.0                    # a huge weight on a hidden pixel must not set the scale
    W[0, 400], W[1, 400] = 2.0, -0.5
    hide = np.zeros(784, dtype=bool)
    hide[0] = True
    fig, ax = plt.subplots()
    shown = draw_weight_images(ax, W, columns=2, hide=hide)
    data = shown.get_array()
    assert np.ma.is_masked(data[0, 0]) and np.ma.is_masked(data[0, 29])
    assert data[400 // 28, 400 % 28] == 1.0 and data[400 // 28, 29 + 400 % 28] == -1.0
    assert matplotlib.colors.to_hex(shown.get_cmap().get_bad()) == HIDDEN_GREY
    assert data[0, 28] == 0.0, "the gap between tiles stays white"
    plt.close(fig)
