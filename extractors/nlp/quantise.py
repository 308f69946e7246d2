"""Dynamic int8 quantisation of a loaded Stanza model, for CPU inference.

``torch.ao.quantization.quantize_dynamic`` replaces, in place, the model's ``Linear``, ``LSTM`` and
``LSTMCell`` layers by versions whose weights are stored as 8-bit integers (one scale per tensor) and
whose inputs are quantised batch by batch when they run; the matrix products then run as int8 on the
CPU (fbgemm/x86 or qnnpack). Embeddings, Stanza's biaffine tag scorers (``nn.Bilinear``) and
everything else stay float32, and so do the layers named in ``keep_float`` (a layer or everything
under it). Quantised layers run on the CPU only, so GPU pipelines are not quantised. The scores it
keeps on EWT are in the model card (``benchmarks/nlp.py --accuracy``)."""
from __future__ import annotations

import warnings

import torch

LAYERS = (torch.nn.Linear, torch.nn.LSTM, torch.nn.LSTMCell)


def quantise(model: torch.nn.Module, keep_float: tuple[str, ...] = ()) -> torch.nn.Module:
    """Quantise ``model``'s linear and recurrent layers to int8 in place, but those under the
    names in ``keep_float``; returns ``model``."""
    from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic

    spec: dict = {layer: default_dynamic_qconfig for layer in LAYERS}
    for name, module in model.named_modules():
        if isinstance(module, LAYERS) and any(name == k or name.startswith(k + ".") for k in keep_float):
            spec[name] = None  # (a name's entry wins over its type's)
    with warnings.catch_warnings():  # torch 2.13 announces the move of this API to torchao
        warnings.simplefilter("ignore")
        quantize_dynamic(model, spec, dtype=torch.qint8, inplace=True)
    return model


def quantised_layers(model: torch.nn.Module) -> list[str]:
    """The names of ``model``'s dynamically quantised layers."""
    return [name for name, m in model.named_modules()
            if type(m).__module__.startswith("torch.ao.nn.quantized.dynamic") and "._all_weight_values" not in name]
