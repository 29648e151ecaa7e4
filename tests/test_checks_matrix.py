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
    for check in (check_parameter_count, check_weight_gradient_shape, check_hidden_delta, check_linear_backward):
        feedback = check(None)
        assert not feedback and "placeholder" in feedback.message


def test_parameter_count():
    # 3-4-2: (3·4 + 4) + (4·2 + 2) = 16 + 10
    assert check_parameter_count(26)
    assert check_parameter_count(26.0)
    weights_only = check_parameter_count(20)
    assert not weights_only and "bias" in weights_only.message
    assert "inputs are not neurons" in check_parameter_count(29).message
    assert not check_parameter_count(24)
    assert not check_parameter_count(25)
    assert "whole number" in check_parameter_count("26").message
    assert "whole number" in check_parameter_count(26.5).message
    assert not check_parameter_count(True)


def test_weight_gradient_shape():
    assert check_weight_gradient_shape((3, 5))
    assert check_weight_gradient_shape([3, 5])
    assert check_weight_gradient_shape(np.zeros((3, 5)).shape)
    assert "W.T" in check_weight_gradient_shape((5, 3)).message
    assert "batch size" in check_weight_gradient_shape((32, 3)).message
    assert "tuple" in check_weight_gradient_shape(15).message
    assert "tuple" in check_weight_gradient_shape((3.0, 5.0)).message


def test_hidden_delta():
    # y = 0.2: δ_out = 0.392 − 0.2 = 0.192; W2ᵀ δ_out = (0.1152, 0.1728); ReLU′(z1) = (1, 0)
    assert check_hidden_delta((0.1152, 0.0))
    assert check_hidden_delta(np.array([[0.1152], [0.0]]))  # a column vector is fine
    no_gate = check_hidden_delta((0.1152, 0.1728))
    assert not no_gate and "σ′" in no_gate.message
    assert "sign" in check_hidden_delta((-0.1152, 0.0)).message
    assert "old target" in check_hidden_delta((-0.2448, 0.0)).message
    assert "½" in check_hidden_delta((0.2304, 0.0)).message
    assert "two" in check_hidden_delta((0.1152,)).message
    assert "two numbers" in check_hidden_delta("abc").message


def test_linear_backward_accepts_the_matrix_formulas():
    assert check_linear_backward(lambda dZ, A, W: (dZ.T @ A, dZ.sum(axis=0), dZ @ W))

    def with_loops(dZ, A, W):  # also right, written without matrix products
        dW = sum(np.outer(d, a) for d, a in zip(dZ, A))
        return dW, dZ.sum(axis=0), np.array([W.T @ d for d in dZ])

    assert check_linear_backward(with_loops)


def test_linear_backward_explains_the_slips():
    transposed = check_linear_backward(lambda dZ, A, W: (A.T @ dZ, dZ.sum(axis=0), dZ @ W))
    assert not transposed and "dW has shape" in transposed.message
    mean_bias = check_linear_backward(lambda dZ, A, W: (dZ.T @ A, dZ.mean(axis=0), dZ @ W))
    assert not mean_bias and "mean" in mean_bias.message
    wrong_back = check_linear_backward(lambda dZ, A, W: (dZ.T @ A, dZ.sum(axis=0), dZ @ W.T))
    assert not wrong_back and "raised" in wrong_back.message  # (2, 2) @ (3, 2) cannot multiply
    assert "returned None" in check_linear_backward(lambda dZ, A, W: None).message
    assert "function itself" in check_linear_backward(3).message
    forgot_sum = check_linear_backward(lambda dZ, A, W: (dZ.T @ A, dZ, dZ @ W))
    assert not forgot_sum and "db has shape" in forgot_sum.message
