"""An output layer for labels taken in an order of precedence.

The contract (ANNOTATION.md section 4) gives a unit the first directive kind
that applies, in the order TARGET, PROHIBITION, TASK, EXHORTATION, NONE. A
softmax makes the kinds compete: a long unit that urges a stance and closes
with a ban splits its mass between EXHORTATION and PROHIBITION, and the
larger share wins. This layer scores instead whether each kind applies (a
sigmoid per kind but the last) and reads the label as the first that does:

    P(k) = p_k * prod_{j<k} (1 - p_j),   P(last) = prod_j (1 - p_j)

Trained with the usual cross-entropy on P, a unit of gold kind g teaches
"g applies, the kinds before g do not" and nothing about the kinds after g,
which is what the label says. Like thinc's Softmax, the layer takes the
gradient of that loss in the form probs - truth, so the classifiers' loss
code serves both.
"""
from __future__ import annotations

import numpy
from thinc.api import Linear, Model
from thinc.types import Floats2d


def PrecedenceSoftmax(nO: int | None = None, nI: int | None = None) -> Model[Floats2d, Floats2d]:
    """Inputs (n x nI) -> probabilities (n x nO) of the first label that applies."""
    return Model("precedence_softmax", _forward, init=_init, layers=[Linear()], dims={"nO": nO, "nI": nI})


def precedence_probs(p: numpy.ndarray) -> numpy.ndarray:
    """(n x k) chances that each of the first k labels applies -> (n x k+1)
    probabilities that each label is the first that applies."""
    reach = numpy.cumprod(numpy.hstack([numpy.ones((len(p), 1), dtype=p.dtype), 1 - p]), axis=1)
    return numpy.hstack([p * reach[:, :-1], reach[:, -1:]])


def precedence_grad(p: numpy.ndarray, P: numpy.ndarray, dP: numpy.ndarray) -> numpy.ndarray:
    """Gradient of -sum(T log P) w.r.t. the logits of p, given dP = P - T:
    p_j * sum_{k>=j} T_k - T_j. A row with dP = 0 (no gold) gets 0."""
    T = P - dP
    S = numpy.cumsum(T[:, ::-1], axis=1)[:, ::-1]
    return p * S[:, :-1] - T[:, :-1]


def _forward(model: Model, X: Floats2d, is_train: bool):
    linear = model.layers[0]
    Z, bp_linear = linear(X, is_train)
    ops = model.ops
    p = ops.to_numpy(ops.sigmoid(Z))
    P = precedence_probs(p)

    def backprop(dP: Floats2d) -> Floats2d:
        return bp_linear(ops.asarray2f(precedence_grad(p, P, ops.to_numpy(dP))))

    return ops.asarray2f(P), backprop


def _init(model: Model, X: Floats2d | None = None, Y: Floats2d | None = None) -> Model:
    linear = model.layers[0]
    if model.has_dim("nO") and model.get_dim("nO"):
        linear.set_dim("nO", model.get_dim("nO") - 1)
    if model.has_dim("nI") and model.get_dim("nI"):
        linear.set_dim("nI", model.get_dim("nI"))
    linear.initialize()
    return model
