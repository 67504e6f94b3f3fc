"""What the goals app gives the annual report."""

from jixiao.apps.goals.selectors import _output_phrase


def test_output_names_read_like_the_seed_before_their_quantity():
    assert _output_phrase("下乡科普次数") + "近30次" == "下乡科普近30次"
    assert _output_phrase("科普资料发放份数") + "6000余册" == "科普资料发放6000余册"
    assert _output_phrase("受益群众人次") + "2万余名" == "受益群众2万余名"
    assert _output_phrase("数") == "数"
