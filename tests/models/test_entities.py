"""The gazetteer: scripts folded, aliases linked, offsets into the text as written."""

from __future__ import annotations

import pytest

from models.entities import Gazetteer
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_csv_text((SEEDS / "entities.csv").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["微软", "微軟", "Microsoft", "microsoft"], "microsoft"),
        (
            ["华尔街日报", "華爾街日報", "WSJ", "the Wall Street Journal", "Wall Street Journal"],
            "wsj",
        ),
        (["英伟达", "輝達", "NVIDIA"], "nvidia"),
        (["亚历山大·王", "亚历山大・王", "Alexandr Wang"], "alexandr_wang"),
        (["奥尔特曼", "山姆・奥特曼", "Sam Altman"], "altman"),
    ],
)
def test_every_name_of_an_entity_has_its_key(
    gazetteer: Gazetteer, names: list[str], key: str
) -> None:
    assert {gazetteer.key_of(n) for n in names} == {key}


def test_mentions_point_into_the_text_as_written(gazetteer: Gazetteer) -> None:
    text = "據華爾街日報報道,微軟正在詢問Microsoft的員工。"
    found = [(text[m.start : m.end], m.entity.key, m.entity.kind) for m in gazetteer.find(text)]
    assert found == [
        ("華爾街日報", "wsj", "outlet"),
        ("微軟", "microsoft", "org"),
        ("Microsoft", "microsoft", "org"),
    ]


def test_a_latin_alias_inside_a_longer_word_is_not_a_mention(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("metadata and apple pie, APIs") == []
    assert [m.entity.key for m in gazetteer.find("Meta said")] == ["meta"]


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    [m] = gazetteer.find("谷歌DeepMind部门")
    assert m.entity.key == "deepmind"


def test_unknown_names_key_to_their_folded_form(gazetteer: Gazetteer) -> None:
    assert gazetteer.key_of("蔚來") == "蔚来"
    assert gazetteer.key_of(None) is None and gazetteer.key_of("") is None


def test_users_extend_the_gazetteer_with_rows() -> None:
    g = Gazetteer.from_csv_text("key,name,kind,aliases\nnio,蔚来,org,蔚來|NIO\n")
    assert [m.entity.name for m in g.find("NIO與蔚來")] == ["蔚来", "蔚来"]
