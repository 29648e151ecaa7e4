"""The exercise checks of notebook 03: right answers pass, each usual slip gets its own message.

The code exercises are checked with a reference TinyValue (the notebook's class with its solutions) and,
for each slip, the same class with that one slip written in. Right answers of the number exercises are
worked out by hand in each test (or with the engine), not read from the checks."""
import contextlib
import io
import math
import re
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest

from helpers import checks
from helpers.engine import Value

CODE_CHECKS = [checks.check_add_mul_locals, checks.check_activation_locals, checks.check_sub_pow_constants,
               checks.check_topological_order, checks.check_engine_backward]  # each takes the class alone
NUMBER_CHECKS = [checks.check_two_paths, checks.check_accumulated_grad, checks.check_loss_step,
                 checks.check_relu_gate]


# ---- a TinyValue like the notebook's, completed one method at a time ----

def tiny_class(**slips):
    """The notebook's TinyValue with the solutions of 3.1-3.5; each keyword replaces one method by a slip."""

    class TinyValue:
        def __init__(self, data, parents=(), local_grads=(), op="", name=""):
            self.data = float(data)
            self.grad = 0.0
            self.parents = tuple(parents)
            self.local_grads = tuple(local_grads)
            self.op = op
            self.name = name

    def as_tiny(x):
        return x if isinstance(x, TinyValue) else TinyValue(x)

    def add(self, other):
        other = as_tiny(other)
        return TinyValue(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def mul(self, other):
        other = as_tiny(other)
        return TinyValue(self.data * other.data, (self, other), (other.data, self.data), "×")

    def relu(self):
        return TinyValue(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,), "ReLU")

    def tanh(self):
        t = math.tanh(self.data)
        return TinyValue(t, (self,), (1 - t * t,), "tanh")

    def sub(self, other):
        other = as_tiny(other)
        return TinyValue(self.data - other.data, (self, other), (1.0, -1.0), "−")

    def pow_(self, n):
        return TinyValue(self.data ** n, (self,), (n * self.data ** (n - 1),), f"**{n}")

    def topological_order(self):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        return order

    def backward(self):
        self.grad = 1.0
        for node in reversed(self.topological_order()):
            for parent, local in zip(node.parents, node.local_grads):
                parent.grad += local * node.grad

    methods = dict(__add__=add, __mul__=mul, relu=relu, tanh=tanh, __sub__=sub, __pow__=pow_,
                   __radd__=lambda self, other: as_tiny(other) + self,
                   __rmul__=lambda self, other: as_tiny(other) * self,
                   __rsub__=lambda self, other: as_tiny(other) - self,
                   topological_order=topological_order, backward=backward)
    for name, method in {**methods, **slips}.items():
        if method is None:
            continue
        setattr(TinyValue, name, method)
    TinyValue.as_tiny = staticmethod(as_tiny)
    return TinyValue


def node(self, data, parents, local_grads):
    return type(self)(data, parents, local_grads, "")


def wrap(self, other):
    return other if isinstance(other, type(self)) else type(self)(other)


def stub(*args, **kwargs):
    raise NotImplementedError("write this")


@pytest.mark.parametrize("check", CODE_CHECKS, ids=lambda c: c.__name__)
def test_the_reference_solution_passes(check):
    feedback = check(tiny_class())
    assert feedback, feedback.message
    assert "✅ Right" in repr(feedback)


@pytest.mark.parametrize("check, method", [
    (checks.check_add_mul_locals, "__mul__"), (checks.check_activation_locals, "tanh"),
    (checks.check_sub_pow_constants, "__pow__"), (checks.check_topological_order, "topological_order"),
    (checks.check_engine_backward, "backward"),
])
def test_a_stub_says_not_yet_and_names_the_method(check, method):
    feedback = check(tiny_class(**{method: stub}))
    assert not feedback
    assert "❌ Not yet" in repr(feedback) and "NotImplementedError" in feedback.message


@pytest.mark.parametrize("check", CODE_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("junk", [None, 10**400, "TinyValue", Fraction(1, 3), math.nan, [1, 2], print])
def test_code_checks_answer_anything_that_is_not_a_class(check, junk):
    feedback = check(junk)
    assert not feedback and "Pass your class" in feedback.message


@pytest.mark.parametrize("check", CODE_CHECKS, ids=lambda c: c.__name__)
def test_code_checks_never_raise_even_on_a_hostile_class(check):
    class Hostile:
        def __init__(self, *args, **kwargs):
            raise RuntimeError("boom")
    assert "boom" in check(Hostile).message

    class Hollow:  # constructs, but every attribute read raises
        def __init__(self, *args, **kwargs):
            pass

        def __getattr__(self, name):
            raise RuntimeError("no " + name)

        __add__ = __mul__ = __sub__ = __pow__ = __radd__ = __rmul__ = __rsub__ = lambda self, *a: Hollow()
    assert not check(Hollow)


# ---- 3.1: + and × ----

@pytest.mark.parametrize("slips, hint", [
    (dict(__mul__=lambda s, o: node(s, s.data * o.data, (s, o), (s.data, o.data))),
     "gives d/da = a; multiplication swaps: it should be b"),
    (dict(__mul__=lambda s, o: node(s, s.data * o.data, (s, o), (1.0, 1.0))), "rule for +"),
    (dict(__mul__=lambda s, o: node(s, s.data * o.data, (s, o), (s.data * o.data,) * 2)), "product a·b as both"),
    (dict(__mul__=lambda s, o: node(s, s.data * o.data, (s, o), (o.data, 0.0))), "nothing back to its second input"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (s, o), (o.data, s.data))), "rule for ×"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (s, o), (s.data, o.data))), "the inputs themselves"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (s, o), (1.0, -1.0))), "that is subtraction"),
    (dict(__add__=lambda s, o: node(s, s.data * o.data, (s, o), (1.0, 1.0))), "value -10; it should be -1.5"),
    (dict(__add__=lambda s, o: s.data + o.data), "plain number -1.5"),
    (dict(__add__=lambda s, o: None), "returned None"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (), ())), "not connected to its inputs"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (s, o), (1.0,))), "2 parent(s) but 1 local"),
    (dict(__mul__=lambda s, o: node(s, s.data * o.data, (s, o), (o, s))), "use other.data, not other"),
])
def test_add_mul_slips(slips, hint):
    feedback = checks.check_add_mul_locals(tiny_class(**slips))
    assert not feedback
    assert hint in feedback.message, feedback.message


def test_a_relu_whose_local_derivative_is_a_bool_is_accepted():
    cls = tiny_class(relu=lambda s: node(s, max(s.data, 0.0), (s,), (s.data > 0,)))
    assert checks.check_activation_locals(cls)


def test_add_that_changes_its_input_in_place_is_caught():
    def add_in_place(self, other):
        self.data += other.data
        return self
    feedback = checks.check_add_mul_locals(tiny_class(__add__=add_in_place))
    assert "changed in place" in feedback.message


# ---- 3.2: relu and tanh ----

@pytest.mark.parametrize("slips, hint", [
    (dict(relu=lambda s: node(s, max(s.data, 0), (s,), (s.data,))), "local derivative z = 1.7 itself"),
    (dict(relu=lambda s: node(s, max(s.data, 0), (s,), (1.0,))), "gate is closed"),
    (dict(relu=lambda s: node(s, s.data, (s,), (1.0 if s.data > 0 else 0.0,))), "relu outputs 0"),
    (dict(tanh=lambda s: node(s, math.tanh(s.data), (s,), (1 - s.data ** 2,))), "1 − z²"),
    (dict(tanh=lambda s: node(s, math.tanh(s.data), (s,), (math.tanh(s.data),))), "output t = tanh(z)"),
    (dict(tanh=lambda s: node(s, math.tanh(s.data), (s,), (1 - math.tanh(s.data),))), "t squared"),
    (dict(tanh=lambda s: node(s, math.tanh(s.data), (s,), (1.0,))), "only true at z = 0"),
    (dict(relu=None), "has no attribute 'relu'"),
])
def test_activation_slips(slips, hint):
    cls = tiny_class(**slips)  # a method given as None is left out
    feedback = checks.check_activation_locals(cls)
    assert not feedback
    assert hint in feedback.message, feedback.message


# ---- 3.3: −, ** and plain numbers ----

@pytest.mark.parametrize("slips, hint", [
    (dict(__sub__=lambda s, o: node(s, s.data - wrap(s, o).data, (s, wrap(s, o)), (1.0, 1.0))), "moves a − b DOWN"),
    (dict(__sub__=lambda s, o: node(s, s.data - wrap(s, o).data, (s, wrap(s, o)), (-1.0, 1.0))), "signs swapped"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (s.data ** (n - 1),))), "comes down as a factor"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (n * s.data ** n,))), "exponent drops by one"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (n * s.data,))), "only right for n = 2"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (n * s.data ** n - 1,))), "mind the brackets"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (n * (s.data ** n - 1),))), "mind the brackets"),
    (dict(__rsub__=lambda s, o: s - o), "comes FIRST"),
    (dict(__rmul__=None), "a.__rmul__(2)"),
    (dict(__add__=lambda s, o: node(s, s.data + o.data, (s, o), (1.0, 1.0))), "as_tiny"),
    (dict(__pow__=lambda s, n: node(s, s.data ** n, (s,), (2 * s.data,))), "2a is only right for n = 2"),
    (dict(__rmul__=lambda s, o: o * s), "write self * other"),
])
def test_sub_pow_constant_slips(slips, hint):
    cls = tiny_class(**slips)  # a method given as None is left out
    feedback = checks.check_sub_pow_constants(cls)
    assert not feedback
    assert hint in feedback.message, feedback.message


def test_subtraction_built_from_other_operations_is_accepted():
    # a − b as a + (−1)·b: a different graph, the same value and gradients.
    cls = tiny_class(__sub__=lambda s, o: s + wrap(s, o) * -1.0)
    assert checks.check_sub_pow_constants(cls)


# ---- 3.4: the topological order ----

def order_without_seen(self):
    order = []

    def visit(n):
        for parent in n.parents:
            visit(parent)
        order.append(n)
    visit(self)
    return order


def order_parents_after(self):
    order, seen = [], set()

    def visit(n):
        if n not in seen:
            seen.add(n)
            order.append(n)  # before its parents: wrong
            for parent in n.parents:
                visit(parent)
    visit(self)
    return order


SHARED_SEEN = set()


def order_with_shared_seen(self, order=None):
    order = []

    def visit(n):
        if n not in SHARED_SEEN:
            SHARED_SEEN.add(n)
            for parent in n.parents:
                visit(parent)
            order.append(n)
    visit(self)
    return order


def order_inputs_only(self):
    return list({id(n): n for n in order_without_seen(self) if not n.parents}.values())


@pytest.mark.parametrize("method, hint", [
    (order_without_seen, "must appear once"),
    (order_parents_after, "lists the output first"),
    (lambda self: None, "returned None"),
    (order_with_shared_seen, "made ONCE and shared"),
    (order_inputs_only, "leaves out u, v, w, out"),
])
def test_topological_order_slips(method, hint):
    feedback = checks.check_topological_order(tiny_class(topological_order=method))
    assert not feedback
    assert hint in feedback.message, feedback.message


def test_a_node_listed_before_one_of_its_parents_is_named():
    def mixed(self):
        order = tiny_class().topological_order(self)
        order.insert(0, order.pop(order.index(self.parents[1])))  # w first, before u
        return order
    feedback = checks.check_topological_order(tiny_class(topological_order=mixed))
    assert "w comes before u" in feedback.message, feedback.message


def test_an_order_without_the_output_is_named():
    feedback = checks.check_topological_order(
        tiny_class(topological_order=lambda self: tiny_class().topological_order(self)[:-1]))
    assert "leaves out the output itself" in feedback.message


# ---- 3.5: backward() ----

def backward_variant(seed=True, overwrite=False, forward=False, use_local=True, use_grad=True, seed_late=False,
                     use_parent_grad=False):
    def backward(self):
        if seed and not seed_late:
            self.grad = 1.0
        order = self.topological_order()
        for n in (order if forward else reversed(order)):
            for parent, local in zip(n.parents, n.local_grads):
                grad = parent.grad if use_parent_grad else n.grad
                share = (local if use_local else 1.0) * (grad if use_grad else 1.0)
                parent.grad = share if overwrite else parent.grad + share
        if seed_late:
            self.grad = 1.0
    return backward


@pytest.mark.parametrize("kwargs, hint", [
    (dict(seed=False), "forgot to start with grad 1 at the output"),
    (dict(seed_late=True), "seed comes too late"),
    (dict(use_parent_grad=True), "not parent.grad"),
    (dict(overwrite=True), "fan-out"),
    (dict(forward=True), "visits u before the nodes that use it"),
    (dict(use_local=False), "left out the local derivative"),
    (dict(use_grad=False), "left out the node's own gradient"),
])
def test_backward_slips(kwargs, hint):
    feedback = checks.check_engine_backward(tiny_class(backward=backward_variant(**kwargs)))
    assert not feedback
    assert hint in feedback.message, feedback.message


def test_backward_that_resets_first_is_also_right_and_the_check_says_what_a_second_call_does():
    def resetting(self):
        order = self.topological_order()
        for n in order:
            n.grad = 0.0
        backward_variant()(self)
    feedback = checks.check_engine_backward(tiny_class(backward=resetting))
    assert feedback and "same numbers" in feedback.message
    # The notebook's solution does not clear: a second call adds again, and more than doubles the inputs'
    # gradients, because the intermediate nodes keep theirs and pass them on once more.
    feedback = checks.check_engine_backward(tiny_class())
    assert feedback and "more than double" in feedback.message and "fresh graph" in feedback.message


@pytest.mark.parametrize("recursive", ["per parent", "per node of the order"])
def test_backward_that_calls_backward_on_the_parents_gets_its_own_diagnosis(recursive):
    def per_parent(self):
        self.grad = 1.0
        for parent, local in zip(self.parents, self.local_grads):
            parent.grad += local * self.grad
            parent.backward()

    def per_node(self):
        self.grad = 1.0
        for n in reversed(self.topological_order()):
            for parent in n.parents:
                parent.backward()
    method = per_parent if recursive == "per parent" else per_node
    feedback = checks.check_engine_backward(tiny_class(backward=method))
    assert not feedback and "calls backward() on other nodes" in feedback.message, feedback.message
    assert "seeds ITS node with grad 1" in feedback.message


def test_backward_waits_for_a_right_order():
    feedback = checks.check_engine_backward(tiny_class(topological_order=order_parents_after))
    assert not feedback and "exercise 3.4" in feedback.message


def test_backward_with_an_unknown_mistake_shows_every_gradient():
    feedback = checks.check_engine_backward(tiny_class(backward=lambda self: setattr(self.parents[0], "grad", 7.0)))
    assert not feedback and "they should be" in feedback.message


# ---- stretch: exp, division, tanh built from them ----

def exp(self):
    e = math.exp(self.data)
    return type(self)(e, (self,), (e,), "exp")


def stretch_class(**slips):
    methods = dict(exp=exp, __truediv__=lambda s, o: s * wrap(s, o) ** -1)
    return tiny_class(**{**methods, **slips})


def tanh_from_exp(z):
    e = (2 * z).exp()
    return (e - 1) / (e + 1)


def test_the_stretch_solution_passes_with_either_form_of_tanh():
    assert checks.check_exp_div_tanh(stretch_class(), tanh_from_exp)
    symmetric = lambda z: (z.exp() - (-1 * z).exp()) / (z.exp() + (-1 * z).exp())  # noqa: E731
    assert checks.check_exp_div_tanh(stretch_class(), symmetric)
    # division written out with its own local derivatives is as right as a·b⁻¹
    direct = lambda s, o: node(s, s.data / wrap(s, o).data, (s, wrap(s, o)),  # noqa: E731
                               (1 / wrap(s, o).data, -s.data / wrap(s, o).data ** 2))
    assert checks.check_exp_div_tanh(stretch_class(__truediv__=direct), tanh_from_exp)


@pytest.mark.parametrize("slips, tanh, hint", [
    (dict(exp=stub), tanh_from_exp, "`exp` still raises NotImplementedError"),
    (dict(exp=lambda s: node(s, math.exp(s.data), (s,), (s.data,))), tanh_from_exp, "slope of eᶻ is eᶻ itself"),
    (dict(exp=lambda s: node(s, math.exp(s.data), (s,), (1.0,))), tanh_from_exp, "only at z = 0"),
    (dict(__truediv__=lambda s, o: node(s, s.data / o.data, (s, o), (1 / o.data, s.data / o.data ** 2))),
     tanh_from_exp, "the sign is minus"),
    (dict(__truediv__=lambda s, o: node(s, s.data / o.data, (s, o), (1 / o.data, 0.0))), tanh_from_exp,
     "nothing back to the divisor"),
    (dict(__truediv__=lambda s, o: node(s, o.data / s.data, (s, o), (1.0, 1.0))), tanh_from_exp, "computes b/a"),
    ({}, lambda z: z.tanh(), "did it call z.tanh()"),
    ({}, lambda z: math.tanh(z.data), "plain number"),
    ({}, lambda z: (z.exp() - 1) / (z.exp() + 1), "that is tanh(z/2)"),
    ({}, lambda z: ((2 * z).exp() + 1) / ((2 * z).exp() - 1), "swapped"),
    ({}, stub, "`tanh_from_exp` still raises NotImplementedError"),
])
def test_stretch_slips(slips, tanh, hint):
    feedback = checks.check_exp_div_tanh(stretch_class(**slips), tanh)
    assert not feedback
    assert hint in feedback.message, feedback.message


@pytest.mark.parametrize("junk", [None, 3.0, "tanh_from_exp"])
def test_stretch_wants_a_function(junk):
    feedback = checks.check_exp_div_tanh(stretch_class(), junk)
    assert not feedback and "tanh_from_exp" in feedback.message


# ---- number exercises ----

@pytest.mark.parametrize("check", NUMBER_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("placeholder", [None, ...])
def test_a_placeholder_asks_for_an_answer(check, placeholder):
    feedback = check(placeholder)
    assert not feedback
    assert "placeholder" in feedback.message


@pytest.mark.parametrize("check, junk", [
    (checks.check_two_paths, "8"), (checks.check_two_paths, float("nan")), (checks.check_two_paths, True),
    (checks.check_accumulated_grad, [1.0]), (checks.check_loss_step, 3.0), (checks.check_loss_step, (1, 2, 3)),
    (checks.check_loss_step, (1, 2, 3, "4")), (checks.check_relu_gate, (0, 0)), (checks.check_relu_gate, 0),
    (checks.check_two_paths, 10**400),
])
def test_malformed_answers_say_what_shape_is_wanted(check, junk):
    feedback = check(junk)
    assert not feedback
    assert "give" in feedback.message.lower() or "finite" in feedback.message, feedback.message


def test_two_paths_right_answer_matches_the_engine():
    a, b = Value(3.0), Value(2.0)
    q = a * b + a * a
    q.backward()
    assert a.grad == 8.0  # b + 2a, by hand
    assert checks.check_two_paths(a.grad)
    assert checks.check_two_paths(8) and checks.check_two_paths(Fraction(8))


@pytest.mark.parametrize("wrong, hint", [(2, "only the path through a·b"), (6, "only the paths through a·a"),
                                         (5, "a twice"), (15, "value of q"), (-8, "is not it")])
def test_two_paths_wrong_answers(wrong, hint):
    feedback = checks.check_two_paths(wrong)
    assert not feedback
    assert hint in feedback.message


def test_accumulated_grad_right_answer_matches_the_engine():
    w = [Value(0.5) for _ in range(4)]
    y_hat = (3 * w[0] + 4 * w[1] + 1 * w[2]) * w[3]
    y_hat.backward(accumulate=True)
    y_hat.backward(accumulate=True)
    y_hat.backward()
    y_hat.backward(accumulate=True)
    assert w[2].grad == pytest.approx(1.0)  # one pass: w4·c = 0.5; reset, then two passes
    assert checks.check_accumulated_grad(w[2].grad)


@pytest.mark.parametrize("wrong, hint", [(2.0, "all four passes"), (1.5, "Three passes"), (0.5, "one pass"),
                                         (8.0, "w4's gradient"), (4.0, "w4's gradient for one pass"),
                                         (3.25, "Start from one pass")])
def test_accumulated_grad_wrong_answers(wrong, hint):
    feedback = checks.check_accumulated_grad(wrong)
    assert not feedback
    assert hint in feedback.message


def test_loss_step_right_answer_matches_the_engine():
    w = [Value(1.0) for _ in range(4)]
    y_hat = (1 * w[0] + 2 * w[1] + 3 * w[2]) * w[3]  # s = 6, ŷ = 6
    (0.5 * (y_hat - 1) ** 2).backward()
    new = tuple(v.data - 0.1 * v.grad for v in w)
    assert new == pytest.approx((0.5, 0.0, -0.5, -2.0))  # w4 = 1 − 0.1·5·6, wi = 1 − 0.1·5·1·xi
    assert checks.check_loss_step(new)
    assert checks.check_loss_step([0.5, 0, -0.5, -2])  # a list is fine too


@pytest.mark.parametrize("wrong, hint", [
    ((0.9, 0.8, 0.7, 0.4), "naive rule"),          # w − 0.1·∂ŷ/∂w
    ((0.0, -1.0, -2.0, -5.0), "without the ½"),    # gradient of (ŷ − y)²
    ((2.0, 3.0, 4.0, -2.0), "used the new w4"),    # w4 updated first, then reused
    ((1.5, 2.0, 2.5, 4.0), "wrong way"),           # added the gradient
    ((1.0, 1.0, 1.0, -2.0), "w4 = -2 is right"),
    ((0.1, 0.2, 0.3, 0.4), "Forward first"),
])
def test_loss_step_wrong_answers(wrong, hint):
    feedback = checks.check_loss_step(wrong)
    assert not feedback
    assert hint in feedback.message


def test_relu_gate_right_answer_matches_the_engine():
    w, b, v = Value(-1.0), Value(0.5), Value(3.0)
    o = (w * 2.0 + b).relu() * v
    o.backward()
    grads = (w.grad, b.grad, v.grad)
    assert grads == (0.0, 0.0, 0.0)  # z = −1.5 < 0: the gate is shut
    assert checks.check_relu_gate(grads)


@pytest.mark.parametrize("wrong, hint", [((6, 3, -1.5), "ReLU left out"), ((0, 0, -1.5), "what is it here"),
                                         ((0, 0, 3), "what is it here"), ((6, 3, 0), "Forward first")])
def test_relu_gate_wrong_answers(wrong, hint):
    feedback = checks.check_relu_gate(wrong)
    assert not feedback
    assert hint in feedback.message


def test_no_message_says_not_yet_twice():
    answers = {checks.check_two_paths: [8, 2, 99, None], checks.check_accumulated_grad: [1, 0.5, 99],
               checks.check_loss_step: [(0.5, 0, -0.5, -2), (9, 9, 9, 9)], checks.check_relu_gate: [(0, 0, 0), (9, 9, 9)]}
    for check, cases in answers.items():
        for answer in cases:
            text = repr(check(answer))
            assert text.count("Not yet") <= 1 and len(text.split()) >= 8, (check.__name__, answer)
    for check in CODE_CHECKS:
        every_stub = {m: stub for m in ("__add__", "__mul__", "relu", "tanh", "__sub__", "__pow__", "__radd__",
                                        "__rmul__", "__rsub__", "topological_order", "backward")}
        assert repr(check(tiny_class(**every_stub))).count("Not yet") == 1


# ---- the notebook's own stubs and solutions ----

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_building_the_engine.ipynb"


def run_exercise_cells(with_solutions):
    """Run notebook 03's code cells up to its last code exercise (stubs, or stubs replaced by the solution
    below them) in one namespace; return each exercise's check feedback, in order."""
    cells = nbformat.read(NOTEBOOK, as_version=4).cells
    last = max(i for i, c in enumerate(cells) if "code-exercise" in c.metadata.get("tags", []))
    namespace, verdicts = {}, []
    with contextlib.redirect_stdout(io.StringIO()):
        for i, cell in enumerate(cells[:last + 1]):
            if cell.cell_type != "code":
                continue
            lines = cell.source.rstrip().splitlines()
            if "code-exercise" in cell.metadata.get("tags", []):
                body = "\n".join(lines[:-1])
                if with_solutions:
                    blocks = re.findall(r"```python\n(.*?)```", cells[i + 1].source, re.S)
                    assert len(blocks) == 1, f"cell {i + 1}: one solution block"
                    body = blocks[0]
                exec(body, namespace)
                verdicts.append(eval(lines[-1], namespace))
            else:
                exec(cell.source, namespace)
    return verdicts


def test_the_notebook_stubs_say_not_yet_and_its_solutions_pass():
    stubs, solved = run_exercise_cells(False), run_exercise_cells(True)
    assert len(stubs) == len(solved) >= 5
    assert all(not v and "NotImplementedError" in v.message for v in stubs), [v.message for v in stubs]
    assert all(v.ok for v in solved), [v.message for v in solved]
