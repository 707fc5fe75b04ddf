"""Peer taggers map their tags onto the labels they can express."""
import pytest

from govspeech.peers import PEER_LABELS, peer_entities

TEXT = "市财政局要在2025年底前完成投资12.5亿元，增长6.5%，新建学校3所。"


@pytest.mark.parametrize("peer", sorted(PEER_LABELS))
def test_peer_entities_are_spans_of_the_text(peer):
    ents = peer_entities(peer, TEXT)
    if ents is None:
        pytest.skip(f"{peer} is not installed")
    found = {(TEXT[e["start"]:e["end"]], e["label"]) for e in ents}
    assert all(e["label"] in PEER_LABELS[peer] for e in ents)
    # decimals cut into pieces by the tagger are joined before the unit is read
    assert ("12.5亿元", "MONEY") in found and ("6.5%", "PERCENT") in found
    assert ("3所", "QUANTITY") in found
