"""The checks of notebook 06 accept the right answers, worked out here independently, and explain the slips."""
import numpy as np

from helpers import checks
from helpers.checks.matrix import (
    check_hidden_delta, check_linear_backward, check_parameter_count, check_weight_gradient_shape,
)


def test_checks_are_gathered_by_the_package():
    assert checks.check_parameter_count is check_parameter_count
    assert checks.check_linear_backward is check_linear_backward


def test_placeholders_are_not_yet():
    for check in (check_parameter_count, check_weight_gradient_shape, check_hidden_delta):
        feedback = check(None)
        assert not feedback and "placeholder" in feedback.message
    feedback = check_linear_backward(None)
    assert not feedback and "Pass your function itself" in feedback.message


def test_parameter_count():
    # 3-4-2: (3·4 + 4) + (4·2 + 2) = 16 + 10
    assert check_parameter_count(26)
    assert check_parameter_count(26.0)
    assert check_parameter_count(np.int64(26))
    weights_only = check_parameter_count(20)
    assert not weights_only and "number of weights" in weights_only.message
    assert "2 output neurons have a bias" in check_parameter_count(24).message   # output biases forgotten
    assert "4 hidden neurons have a bias" in check_parameter_count(22).message   # hidden biases forgotten
    assert "inputs are not neurons" in check_parameter_count(29).message
    assert "not to the layer that sends them" in check_parameter_count(27).message
    assert "counts the neurons" in check_parameter_count(9).message
    assert "25 is not it" in check_parameter_count(25).message
    assert "without quotes" in check_parameter_count("26").message
    assert "whole number" in check_parameter_count(26.5).message
    assert not check_parameter_count(True)


def test_weight_gradient_shape():
    # Linear(7 → 4) on a batch of 32: dW has the shape of W, (4, 7)
    from helpers.nn import Linear
    layer = Linear(7, 4, seed=0)
    layer.forward(np.ones((32, 7)))
    layer.backward(np.ones((32, 4)))
    assert check_weight_gradient_shape(layer.dW.shape)
    assert check_weight_gradient_shape([4, 7])
    assert check_weight_gradient_shape((4.0, 7.0))
    assert "W.T" in check_weight_gradient_shape((7, 4)).message
    assert "batch size" in check_weight_gradient_shape((32, 4)).message
    assert "batch size" in check_weight_gradient_shape((32, 7)).message
    assert "tuple" in check_weight_gradient_shape(15).message
    assert "whole numbers" in check_weight_gradient_shape((3.5, 5)).message
    assert "one row per neuron" in check_weight_gradient_shape((4, 4)).message


def test_hidden_delta():
    # y = 0.2: δ⁽²⁾ = 0.392 − 0.2 = 0.192; W2ᵀ δ⁽²⁾ = (0.1152, 0.1728); ReLU′(z1) = (1, 0)
    assert check_hidden_delta((0.1152, 0.0))
    assert check_hidden_delta(np.array([[0.1152], [0.0]]))  # a column vector is fine
    assert check_hidden_delta([[0.1152], [0.0]])
    no_gate = check_hidden_delta((0.1152, 0.1728))
    assert not no_gate and "σ′" in no_gate.message
    assert "sign" in check_hidden_delta((-0.1152, 0.0)).message
    assert "old target" in check_hidden_delta((-0.2448, 0.0)).message
    assert "½" in check_hidden_delta((0.2304, 0.0)).message
    assert "through the weights" in check_hidden_delta((0.192, 0.0)).message
    assert "Give 2 numbers" in check_hidden_delta((0.1152,)).message
    assert "2 numbers" in check_hidden_delta("abc").message
    assert "Start at the output" in check_hidden_delta((1.0, 2.0)).message


def test_linear_backward_accepts_the_matrix_formulas():
    assert check_linear_backward(lambda dZ, A, W: (dZ.T @ A, dZ.sum(axis=0), dZ @ W))

    def with_loops(dZ, A, W):  # also right, written without matrix products
        dW = sum(np.outer(d, a) for d, a in zip(dZ, A))
        return dW, dZ.sum(axis=0), np.array([W.T @ d for d in dZ])

    assert check_linear_backward(with_loops)


def _slip(dW=lambda dZ, A, W: dZ.T @ A, db=lambda dZ, A, W: dZ.sum(axis=0), dA=lambda dZ, A, W: dZ @ W):
    return lambda dZ, A, W: (dW(dZ, A, W), db(dZ, A, W), dA(dZ, A, W))


def test_linear_backward_names_each_slip():
    cases = [
        (_slip(dW=lambda dZ, A, W: A.T @ dZ), "transpose of the gradient"),
        (_slip(dW=lambda dZ, A, W: dZ.T @ A / len(dZ)), "dW is divided by m"),
        (_slip(db=lambda dZ, A, W: dZ.mean(axis=0)), "mean of dZ"),
        (_slip(db=lambda dZ, A, W: dZ.sum(axis=1)), "over the neurons"),
        (_slip(db=lambda dZ, A, W: dZ), "db is dZ itself"),
        (_slip(db=lambda dZ, A, W: dZ.sum()), "all of dZ into one number"),
        (_slip(dA=lambda dZ, A, W: dZ @ W.T), "one too many"),            # a diagnosis, not a NumPy error
        (_slip(dA=lambda dZ, A, W: dZ @ W / len(dZ)), "dA_prev is divided by m"),
        (_slip(dA=lambda dZ, A, W: W.T @ dZ), "shapes do not fit"),
        (_slip(dA=lambda dZ, A, W: dZ), "right shape but the wrong numbers"),
        (_slip(dA=lambda dZ, A, W: dZ[:, :1]), "dA_prev has shape"),
    ]
    for learner, phrase in cases:
        feedback = check_linear_backward(learner)
        assert not feedback and phrase in feedback.message, (phrase, feedback.message)
        assert "matmul" not in feedback.message and "gufunc" not in feedback.message


def test_linear_backward_stub_none_and_crashes():
    def stub(dZ, A, W):
        raise NotImplementedError("return dW, db, dA_prev")

    assert "NotImplementedError" in check_linear_backward(stub).message
    assert "returned None" in check_linear_backward(lambda dZ, A, W: None).message
    assert "cannot be called" in check_linear_backward(3).message
    assert "KeyError" in check_linear_backward(lambda dZ, A, W: {}["x"]).message
    assert "three arrays" in check_linear_backward(lambda dZ, A, W: 5).message
    swapped = check_linear_backward(lambda dZ, A, W: (dZ.sum(axis=0), dZ.T @ A, dZ @ W))
    assert not swapped and "another order" in swapped.message
