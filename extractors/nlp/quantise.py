"""Dynamic int8 quantisation of a loaded Stanza model, for CPU inference.

``torch.ao.quantization.quantize_dynamic`` replaces, in place, the model's ``Linear``, ``LSTM`` and
``LSTMCell`` layers by versions whose weights are stored as 8-bit integers (one scale per tensor) and
whose inputs are quantised batch by batch when they run; the matrix products then run as int8 on the
CPU (fbgemm/x86 or qnnpack). Embeddings, Stanza's biaffine tag scorers (``nn.Bilinear``) and
everything else stay float32, and so do the layers outside the ``parts`` asked for. Quantised layers run on the CPU only, so GPU pipelines are not quantised. The scores it
keeps on EWT are in the model card (``benchmarks/nlp.py --accuracy``)."""
from __future__ import annotations

import warnings

import torch

LAYERS = (torch.nn.Linear, torch.nn.LSTM, torch.nn.LSTMCell)


def quantise(model: torch.nn.Module, parts: tuple[str, ...] | None = None) -> list[str]:
    """Quantise ``model``'s linear and recurrent layers to int8 in place: all of them, or those at or
    under the names in ``parts``; returns the names of the layers quantised."""
    from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic

    def chosen(name: str) -> bool:
        return parts is None or any(name == p or name.startswith(p + ".") for p in parts)

    names = [name for name, m in model.named_modules() if isinstance(m, LAYERS) and chosen(name)]
    if names:
        with warnings.catch_warnings():  # torch 2.13 announces the move of this API to torchao
            warnings.simplefilter("ignore")
            quantize_dynamic(model, {name: default_dynamic_qconfig for name in names}, dtype=torch.qint8,
                             inplace=True)
    return names


def quantised_layers(model: torch.nn.Module) -> list[str]:
    """The names of ``model``'s dynamically quantised layers."""
    return [name for name, m in model.named_modules()
            if type(m).__module__.startswith("torch.ao.nn.quantized.dynamic") and "._all_weight_values" not in name]
