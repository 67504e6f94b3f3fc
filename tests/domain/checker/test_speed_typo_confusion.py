"""The shortcuts of the confusion rule tell only what the slow way tells."""

import random

from jixiao.domain.checker.rules_words import _may_be_written


def test_a_word_said_unwritten_is_not_in_the_text():
    rng = random.Random(5)
    alphabet = "部署布派遣遗及时村长台账的是了"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        word = "".join(rng.choice(alphabet) for _ in range(rng.randrange(2, 5)))
        position = rng.randrange(len(word))
        if not _may_be_written(text, word, position):
            assert word not in text
        if word in text:
            assert _may_be_written(text, word, position)


def test_a_word_written_once_is_found_from_its_character():
    assert _may_be_written("情况下再次派遣一名业务骨干", "派遣", 1)
    assert not _may_be_written("情况下再次派遗一名业务骨干", "派遣", 1)
    assert not _may_be_written("遣", "派遣", 1)  # the character too near the start to hold the word
